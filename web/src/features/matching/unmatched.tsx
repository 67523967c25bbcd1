import { useI18n } from '../../i18n/context'
import { LoadError, Loading } from '../../kit/load'
import { fresh, ok, params } from '../../lib/client'
import { unmatchedReasonLabel } from '../../lib/labels'
import { participantPath } from '../../lib/paths'
import { runRoute, type Unmatched } from './matching'
import { type BoardList, useList } from './use-list'

/** The newcomers the run left unmatched, grouped by reason. */
export function UnmatchedList(props: BoardList & { runId: string }) {
  const { t, formatNumber } = useI18n()
  const param = params({ org: props.slug, program: props.programId, run: props.runId })
  const { items, error } = useList(
    `${props.slug}/${props.programId}/${props.runId}`,
    props.version,
    (signal) => ok(runRoute.unmatched.$get({ param }, fresh(signal))),
  )
  const groups = new Map<string, Unmatched[]>()
  for (const u of items ?? []) groups.set(u.reason, [...(groups.get(u.reason) ?? []), u])
  return (
    <section class="section" aria-labelledby="board-unmatched-heading" data-testid="unmatched">
      <h2 id="board-unmatched-heading">{t('board.unmatchedHeading')}</h2>
      {error ? <LoadError error={error} /> : null}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p data-testid="unmatched-empty">{t('board.noUnmatched')}</p>}
      {items && items.length > 0 && (
        <>
          <p>{t('board.unmatchedIntro')}</p>
          {[...groups].map(([reason, people]) => (
            <section
              key={reason}
              class="unmatched-group"
              data-testid="unmatched-group"
              data-reason={reason}
              aria-labelledby={`unmatched-${reason}`}
            >
              <h3 id={`unmatched-${reason}`}>
                {unmatchedReasonLabel(t, reason)} ({formatNumber(people.length)})
              </h3>
              <ul>
                {people.map((u) => (
                  <li key={u.menteeId}>
                    <a href={participantPath(props.slug, props.programId, u.menteeId)}>
                      <bdi>{u.displayName}</bdi>
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  )
}
