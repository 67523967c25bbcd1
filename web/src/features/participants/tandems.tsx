import { useI18n } from '../../i18n/context'
import { DataTable } from '../../kit/data-table'
import { endReasonLabel, matchStatusLabel, participantRoleLabel } from '../../lib/labels'
import { matchPath } from '../../lib/paths'
import type { ParticipantView } from './participant'

type Tandem = ParticipantView['data']['record']['tandems'][number]

/** The person's tandems: current ones (active, paused) and past ones, each linking to its match page. */
export function Tandems(props: ParticipantView) {
  const { t, formatDate } = useI18n()
  const { organization, program, record } = props.data
  const current = record.tandems.filter((m) => m.status !== 'ended')
  const past = record.tandems.filter((m) => m.status === 'ended')
  const date = (iso: string | null) => iso && formatDate(new Date(iso), { dateStyle: 'medium' })

  const table = (rows: Tandem[], testid: string, ended: boolean) => (
    <DataTable
      testid={testid}
      rows={rows}
      rowKey={(m) => m.id}
      rowData={(m) => ({ 'data-testid': 'tandem-row', 'data-match': m.id, 'data-status': m.status })}
      columns={[
        {
          label: t('tandems.partner'),
          cell: (m) => (
            <>
              <a href={matchPath(organization.slug, program.id, m.id)} data-testid="tandem-link">
                <bdi>{m.partner.displayName}</bdi>
              </a>{' '}
              <span class="muted">({participantRoleLabel(t, m.partner.role)})</span>
            </>
          ),
        },
        {
          label: t('board.status'),
          cell: (m) => <span class={`badge badge--${m.status}`}>{matchStatusLabel(t, m.status)}</span>,
        },
        { label: t('match.started'), class: 'nowrap', cell: (m) => date(m.startedAt) },
        ended && { label: t('match.ended'), class: 'nowrap', cell: (m) => date(m.endedAt) },
        ended && {
          label: t('tandems.endReason'),
          cell: (m) => (m.endReason ? endReasonLabel(t, m.endReason) : null),
        },
      ]}
    />
  )

  return (
    <section class="section" aria-labelledby="tandems-heading" data-testid="tandems">
      <h2 id="tandems-heading">{t('tandems.heading')}</h2>
      {record.tandems.length === 0 ? (
        <p data-testid="tandems-empty">{t('tandems.none')}</p>
      ) : (
        <>
          <h3>{t('tandems.current')}</h3>
          {current.length === 0 ? <p>{t('tandems.noCurrent')}</p> : table(current, 'tandems-current', false)}
          {past.length > 0 && (
            <>
              <h3>{t('tandems.past')}</h3>
              {table(past, 'tandems-past', true)}
            </>
          )}
        </>
      )}
    </section>
  )
}
