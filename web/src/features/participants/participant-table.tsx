import type { ParticipantSort } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { DataTable } from '../../kit/data-table'
import { LoadError, Loading } from '../../kit/load'
import { participantRoleLabel, statusLabel } from '../../lib/labels'
import { participantPath } from '../../lib/paths'
import { ContactCell } from './contact'
import { isWaiting, skillsText } from './participant'
import { ariaSort, nextSort, type SortColumn } from './sort'
import type { ParticipantList } from './use-participant-list'

/**
 * The participants found: a count, the table (cards on phones) sortable by name, status and waiting time (the
 * order is the API's, so paging goes on in it), and "Load more".
 */
export function ParticipantTable(props: {
  slug: string
  programId: string
  list: ParticipantList
  filtered: boolean
  sort: ParticipantSort | null
  onSort: (sort: ParticipantSort) => void
}) {
  const { t, locale, formatDate } = useI18n()
  const { state, loadMore } = props.list
  const { items } = state
  const sortBy = (column: SortColumn) => ({
    direction: ariaSort(props.sort, column),
    onSort: () => props.onSort(nextSort(props.sort, column)),
    testid: `sort-${column}`,
  })

  if (state.status === 'loading' && items.length === 0) return <Loading />
  return (
    <div
      aria-busy={state.status === 'loading' ? 'true' : undefined}
      data-testid="participants-list"
      data-state={state.status}
    >
      <p role="status" class="muted" data-testid="participants-count">
        {state.status === 'loading'
          ? t('common.loading')
          : state.nextCursor
            ? t('participants.shownMore', { count: items.length })
            : t('participants.shown', { count: items.length })}
      </p>
      {state.status === 'error' && <LoadError error={state.error} />}
      <DataTable
        testid="participants-table"
        rows={items}
        rowKey={(p) => p.id}
        rowTestid="participant-row"
        rowData={(p) => ({ 'data-status': p.status, 'data-role': p.role })}
        empty={
          state.status === 'ok' && (
            <p data-testid="participants-empty">
              {props.filtered ? t('participants.noMatch') : t('participants.empty')}
            </p>
          )
        }
        columns={[
          {
            label: t('members.name'),
            sort: sortBy('name'),
            cell: (p) => (
              <a href={participantPath(props.slug, props.programId, p.id)} data-testid="participant-link">
                <bdi>{p.displayName}</bdi>
              </a>
            ),
          },
          { label: t('participants.role'), class: 'nowrap', cell: (p) => participantRoleLabel(t, p.role) },
          {
            label: t('participants.status'),
            sort: sortBy('status'),
            cell: (p) => <span class={`badge badge--${p.status}`}>{statusLabel(t, p.status)}</span>,
          },
          { label: t('participants.contact'), cell: (p) => <ContactCell person={p} /> },
          {
            label: t('participants.waitingSince'),
            class: 'nowrap',
            sort: sortBy('waiting'),
            // Only for those still waiting for a tandem; their place in the queue is their enrolment.
            cell: (p) =>
              isWaiting(p.status) && (
                <time dateTime={p.createdAt} data-testid="waiting-since">
                  {formatDate(new Date(p.createdAt), { dateStyle: 'medium' })}
                </time>
              ),
          },
          { label: t('participant.languages'), cell: (p) => skillsText(p.languages, locale, t) },
          {
            label: t('participants.neighborhood'),
            cell: (p) => p.neighborhood && <bdi>{p.neighborhood}</bdi>,
          },
        ]}
      />
      {state.nextCursor && (
        <p>
          <Button
            testid="load-more"
            busy={state.status === 'more'}
            disabled={state.status !== 'ok'}
            onClick={loadMore}
          >
            {state.status === 'more' ? t('common.loading') : t('participants.loadMore')}
          </Button>
        </p>
      )}
    </div>
  )
}
