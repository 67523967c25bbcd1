import { CONCERN_STATUSES } from '@tandem/vocab'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { DataTable } from '../../kit/data-table'
import { CodeSelect } from '../../kit/inputs'
import { fresh, ok, params, present } from '../../lib/client'
import { concernCategoryLabel, concernSeverityLabel, concernStatusLabel } from '../../lib/labels'
import { concernPath } from '../../lib/paths'
import { ProgramPage } from '../programs/program-page'
import { type ConcernRow, concernsRoute } from './concerns'

/**
 * `/orgs/{org}/programs/{program}/concerns[?status=open]`: the program's safeguarding concerns, newest first,
 * filtered by status. No descriptions here; each opens its own page. Reading the list is audited.
 */
export default function ConcernsPage(props: { program: string }) {
  const { t } = useI18n()
  const { query, path, route } = useLocation()
  const status = CONCERN_STATUSES.find((code) => code === query.status) ?? ''
  return (
    <ProgramPage
      program={props.program}
      title={t('concerns.title')}
      load={(slug, signal) =>
        ok(
          concernsRoute.$get(
            { param: params({ org: slug, program: props.program }), query: present({ status }) },
            fresh(signal),
          ),
        )
      }
      loadKey={status}
    >
      {(data) => (
        <>
          <p class="lead">{t('concerns.intro')}</p>
          <form class="filters" onSubmit={(event) => event.preventDefault()}>
            <CodeSelect
              id="concerns-status"
              label={t('concern.status')}
              codes={concernStatusLabel}
              empty={{ label: t('concerns.allStatuses') }}
              value={status}
              onValue={(value) => route(value ? `${path}?status=${value}` : path, true)}
            />
          </form>
          <ConcernTable slug={data.organization.slug} rows={data.record.items} />
        </>
      )}
    </ProgramPage>
  )
}

function ConcernTable(props: { slug: string; rows: readonly ConcernRow[] }) {
  const { t, formatDate } = useI18n()
  return (
    <DataTable
      rows={props.rows}
      rowKey={(c) => c.id}
      rowTestid="concern-row"
      rowData={(c) => ({ 'data-status': c.status, 'data-severity': c.severity })}
      testid="concerns-table"
      empty={<p data-testid="concerns-empty">{t('concerns.empty')}</p>}
      columns={[
        {
          label: t('concern.raisedOn'),
          cell: (c) => (
            <a href={concernPath(props.slug, c.programId, c.id)} data-testid="concern-link">
              {formatDate(new Date(c.createdAt), { dateStyle: 'medium' })}
            </a>
          ),
        },
        {
          label: t('concern.tandem'),
          cell: (c) => t('attention.pair', { mentee: c.mentee, mentor: c.mentor }),
        },
        { label: t('concern.categoryLabel'), cell: (c) => concernCategoryLabel(t, c.category) },
        {
          label: t('concern.severityHeading'),
          cell: (c) => (
            <span class={`badge badge--severity-${c.severity}`}>{concernSeverityLabel(t, c.severity)}</span>
          ),
        },
        {
          label: t('concern.statusHeading'),
          cell: (c) => <span class={`badge badge--${c.status}`}>{concernStatusLabel(t, c.status)}</span>,
        },
        {
          label: t('concern.naming'),
          cell: (c) =>
            c.nameToOtherSide ? (
              t('concern.mayName')
            ) : (
              <strong class="badge badge--warning" data-testid="concern-not-named">
                {t('concern.doNotName')}
              </strong>
            ),
        },
      ]}
    />
  )
}
