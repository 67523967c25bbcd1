import { AUDIT_ACTIONS } from '@tandem/vocab'
import { useEffect, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { CodeSelect, TextField } from '../../kit/inputs'
import { PagedList } from '../../kit/paged-list'
import { usePages } from '../../kit/use-pages'
import { ApiError } from '../../lib/api'
import { binder } from '../../lib/bind'
import { ok, params } from '../../lib/client'
import { describeError } from '../../lib/errors'
import { auditActionLabel, auditAreaLabel } from '../../lib/labels'
import { auditPath } from '../../lib/paths'
import { fileNameOf, saveFile } from '../data-protection/download'
import { PurposeField } from '../data-protection/purpose-field'
import { orgRoute } from '../org/org'
import { OrgPage } from '../org/org-page'
import { canReadAudit } from '../org/roles'
import { exportAuditLog, getAuditPage } from './audit'
import { type AuditFilters, filtersOf, searchOf } from './audit-filters'
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

/** The first page of the filters, and `loadMore()` for the next; other filters start from an empty log. */
const useAuditLog = (slug: string, filters: AuditFilters) =>
  usePages(`${slug}${searchOf(filters)}`, (cursor, signal) => getAuditPage(slug, filters, cursor, signal), {
    clear: true,
  })

/** Who can have acted: the organization's members, by name (loaded once; the list works without them). */
function useActors(slug: string) {
  const [actors, setActors] = useState<{ userId: string; name: string }[]>([])
  useEffect(() => {
    const controller = new AbortController()
    ok(orgRoute.members.$get({ param: params({ org: slug }) }, { init: { signal: controller.signal } }))
      .then((page) => setActors(page.items.map(({ userId, name }) => ({ userId, name }))))
      .catch(() => setActors([]))
    return () => controller.abort()
  }, [slug])
  return actors
}

function AuditLog(props: { slug: string }) {
  const { t, locale, formatDate } = useI18n()
  const { query, route } = useLocation()
  const filters = filtersOf(query)
  const pages = useAuditLog(props.slug, filters)
  const actors = useActors(props.slug)
  // Every filter lives in the address: reloading or sharing it shows the same entries.
  const set = (change: Partial<AuditFilters>) =>
    route(`${auditPath(props.slug)}${searchOf({ ...filters, ...change })}`, true)
  const filter = binder(filters, set)
  const actorIds = actors.map((a) => a.userId)
  // Someone who acted but is no longer a member (a link from before) still shows as chosen.
  if (filters.actor && !actorIds.includes(filters.actor)) actorIds.push(filters.actor)
  const actorName = (id: string) => actors.find((a) => a.userId === id)?.name ?? t('audit.someone')
  const actions = [...AUDIT_ACTIONS].sort((a, b) =>
    auditActionLabel(t, a).localeCompare(auditActionLabel(t, b), locale),
  )

  return (
    <>
      <p class="lead">{t('audit.intro')}</p>
      <div class="form form--compact">
        <CodeSelect
          id="audit-area"
          label={t('audit.area')}
          codes={auditAreaLabel}
          empty={{ label: t('audit.allAreas') }}
          {...filter('area')}
        />
        <CodeSelect
          id="audit-action"
          label={t('audit.action')}
          options={actions}
          labelOf={(code) => auditActionLabel(t, code)}
          empty={{ label: t('audit.allActions') }}
          {...filter('action')}
        />
        <CodeSelect
          id="audit-actor"
          label={t('audit.actor')}
          options={actorIds}
          labelOf={actorName}
          empty={{ label: t('audit.allActors') }}
          {...filter('actor')}
        />
        <TextField id="audit-from" type="date" label={t('audit.from')} {...filter('from')} />
        <TextField id="audit-to" type="date" label={t('audit.to')} {...filter('to')} />
      </div>
      <AuditExport slug={props.slug} filters={filters} />
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

/** Downloads the filtered log as CSV; the download is audited with the purpose given. */
function AuditExport(props: { slug: string; filters: AuditFilters }) {
  const { t } = useI18n()
  const [purpose, setPurpose] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ field: boolean; message: string } | null>(null)
  const onSubmit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const response = await exportAuditLog(props.slug, props.filters, purpose.trim())
      if (!response.ok) await ok(Promise.resolve(response))
      saveFile(fileNameOf(response, 'audit-log.csv'), await response.blob(), 'text/csv')
    } catch (reason) {
      const field = reason instanceof ApiError ? reason.fieldError('purpose') : undefined
      setError(field ? { field: true, message: field } : { field: false, message: describeError(reason, t) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <form class="form form--compact" onSubmit={onSubmit} data-testid="audit-export-form">
      <PurposeField
        id="audit-export-purpose"
        error={error?.field ? error.message : undefined}
        value={purpose}
        onValue={setPurpose}
      />
      {error && !error.field && (
        <p class="alert alert--error" role="alert">
          {error.message}
        </p>
      )}
      <button class="button button--secondary" type="submit" disabled={busy} data-testid="audit-export">
        {t('audit.exportCsv')}
      </button>
    </form>
  )
}
