import { useI18n } from '../../i18n/context'
import { DataTable } from '../../kit/data-table'
import { ok, params, v1 } from '../../lib/client'
import { programStatusLabel } from '../../lib/labels'
import { programPath } from '../../lib/paths'
import { languageList } from '../../lib/text'
import { OrgPage } from '../org/org-page'
import { canManagePrograms } from '../org/roles'
import { NewProgramForm } from './new-program-form'
import type { Program } from './program'

const loadPrograms = async (slug: string, signal: AbortSignal) =>
  (await ok(v1.orgs[':org'].programs.$get({ param: params({ org: slug }) }, { init: { signal } }))).items

/** `/orgs/{org}/programs`: the organization's programs and the "new program" form. */
export default function Programs() {
  const { t } = useI18n()
  return (
    <OrgPage title={t('programs.title')} crumbs load={loadPrograms}>
      {({ organization, role, data }) => (
        <>
          <ProgramList slug={organization.slug} programs={data} />
          {canManagePrograms(role) && <NewProgramForm slug={organization.slug} />}
        </>
      )}
    </OrgPage>
  )
}

function ProgramList(props: { slug: string; programs: Program[] }) {
  const { t, locale, formatDate } = useI18n()
  const { programs, slug } = props
  return (
    <section class="section" aria-labelledby="programs-heading">
      <h2 id="programs-heading">{t('programs.heading', { count: programs.length })}</h2>
      <DataTable
        testid="programs-table"
        rows={programs}
        rowKey={(program) => program.id}
        rowTestid="program-row"
        rowData={(program) => ({ 'data-status': program.status })}
        empty={<p data-testid="programs-empty">{t('programs.empty')}</p>}
        columns={[
          {
            label: t('programs.name'),
            cell: (program) => (
              <a href={programPath(slug, program.id)} data-testid="program-link">
                <bdi>{program.name}</bdi>
              </a>
            ),
          },
          {
            label: t('programs.status'),
            cell: (program) => (
              <span class={`badge badge--${program.status}`}>{programStatusLabel(t, program.status)}</span>
            ),
          },
          { label: t('programs.languages'), cell: (program) => languageList(locale, program.languages) },
          {
            label: t('programs.created'),
            cell: (program) => (
              <time dateTime={program.createdAt}>
                {formatDate(new Date(program.createdAt), { dateStyle: 'medium' })}
              </time>
            ),
          },
          {
            label: t('members.actions'),
            cell: (program) => (
              <a href={programPath(slug, program.id, '/settings')} data-testid="program-settings-link">
                {t('programs.settings')}
              </a>
            ),
          },
        ]}
      />
    </section>
  )
}
