import { useI18n } from '../../i18n/context'
import { DataTable } from '../../kit/data-table'
import { LoadError, Loading } from '../../kit/load'
import { fresh, ok, params } from '../../lib/client'
import { matchStatusLabel } from '../../lib/labels'
import { matchPath } from '../../lib/paths'
import { endRequested, matchesRoute } from './matching'
import { type BoardList, useList } from './use-list'

/** The program's matches, each linking to its page; a request to end is flagged. */
export function Matches(props: BoardList) {
  const { t, formatDate } = useI18n()
  const { items, error } = useList(`${props.slug}/${props.programId}`, props.version, (signal) =>
    ok(
      matchesRoute.$get(
        { param: params({ org: props.slug, program: props.programId }), query: { limit: '200' } },
        fresh(signal),
      ),
    ),
  )
  return (
    <section class="section" aria-labelledby="board-matches-heading" data-testid="matches">
      <h2 id="board-matches-heading">{t('board.matchesHeading')}</h2>
      {error ? <LoadError error={error} /> : null}
      {!items && !error && <Loading />}
      {items && (
        <DataTable
          rows={items}
          rowKey={(m) => m.id}
          rowData={(m) => ({ 'data-testid': 'match-row', 'data-match': m.id, 'data-status': m.status })}
          empty={<p data-testid="matches-empty">{t('board.noMatches')}</p>}
          columns={[
            {
              label: t('board.mentee'),
              cell: (m) => (
                <a
                  href={matchPath(props.slug, props.programId, m.id)}
                  data-testid="match-link"
                  aria-label={t('board.openMatch', {
                    mentee: m.mentee.displayName,
                    mentor: m.mentor.displayName,
                  })}
                >
                  <bdi>{m.mentee.displayName}</bdi>
                </a>
              ),
            },
            { label: t('board.mentor'), cell: (m) => <bdi>{m.mentor.displayName}</bdi> },
            {
              label: t('board.status'),
              cell: (m) => (
                <>
                  <span class={`badge badge--${m.status}`}>{matchStatusLabel(t, m.status)}</span>
                  {endRequested(m) && (
                    <>
                      {' '}
                      <span class="badge badge--warning" data-testid="match-end-requested">
                        {t('board.endRequested')}
                      </span>
                    </>
                  )}
                </>
              ),
            },
            {
              label: t('board.since'),
              cell: (m) => formatDate(new Date(m.startedAt), { dateStyle: 'medium' }),
            },
          ]}
        />
      )}
    </section>
  )
}
