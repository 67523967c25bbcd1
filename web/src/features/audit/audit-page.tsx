import { AUDIT_AREA_CODES, type AuditArea } from '@tandem/vocab'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { CodeSelect } from '../../kit/inputs'
import { PagedList } from '../../kit/paged-list'
import { usePages } from '../../kit/use-pages'
import { auditAreaLabel } from '../../lib/labels'
import { auditPath } from '../../lib/paths'
import { OrgPage } from '../org/org-page'
import { canReadAudit } from '../org/roles'
import { getAuditPage } from './audit'
import { describeAudit } from './audit-text'

/** `/orgs/{org}/audit`: the organization's audit log in sentences, newest first, page by page (owners, admins). */
export default function AuditLogPage() {
  const { t } = useI18n()
  return (
    <OrgPage title={t('audit.title')} crumbs allowed={({ role }) => canReadAudit(role)}>
      {({ organization }) => <AuditLog slug={organization.slug} />}
    </OrgPage>
  )
}

/** The first page of an area, and `loadMore()` for the next; another area starts from an empty log. */
const useAuditLog = (slug: string, area: AuditArea | '') =>
  usePages(`${slug}?${area}`, (cursor, signal) => getAuditPage(slug, { area, cursor }, signal), {
    clear: true,
  })

function AuditLog(props: { slug: string }) {
  const { t, locale, formatDate } = useI18n()
  const { query, route } = useLocation()
  const area = AUDIT_AREA_CODES.find((code) => code === query.area) ?? ''
  const pages = useAuditLog(props.slug, area)
  const setArea = (next: string) =>
    route(next ? `${auditPath(props.slug)}?area=${encodeURIComponent(next)}` : auditPath(props.slug), true)

  return (
    <>
      <p class="lead">{t('audit.intro')}</p>
      <div class="form form--compact">
        <CodeSelect
          id="audit-area"
          label={t('audit.area')}
          codes={auditAreaLabel}
          empty={{ label: t('audit.allAreas') }}
          value={area}
          onValue={setArea}
        />
      </div>
      <PagedList pages={pages} name="audit">
        {(items) => (
          <ol class="audit" data-testid="audit-list">
            {items.map((entry) => {
              const { text, detail } = describeAudit(t, locale, entry)
              const at = new Date(entry.createdAt)
              return (
                <li key={entry.id} class="audit__item" data-testid="audit-entry" data-action={entry.action}>
                  <p class="audit__text" data-testid="audit-text">
                    {text}
                  </p>
                  {detail && (
                    <p class="audit__detail" data-testid="audit-detail">
                      {detail}
                    </p>
                  )}
                  <p class="audit__when">
                    <time dateTime={entry.createdAt}>
                      {formatDate(at, { dateStyle: 'medium', timeStyle: 'short' })}
                    </time>
                  </p>
                </li>
              )
            })}
          </ol>
        )}
      </PagedList>
    </>
  )
}
