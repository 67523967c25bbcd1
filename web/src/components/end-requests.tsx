import { apiGet } from '../api'
import { useI18n } from '../i18n/context'
import { endReasonLabel, type Match, matchPath } from '../matching'
import { orgApi } from '../org'
import { LoadError, Loading, useLoad } from './load'

type Open = Match & { programName: string }

/**
 * The coordinator's panel on the organization home: tandems in which the newcomer or the mentor asked, in the
 * portal, to end — waiting for a coordinator. Oldest request first (the API's order). Shown only when there are any.
 */
export function EndRequests(props: { slug: string }) {
  const { t, formatDate } = useI18n()
  const { state } = useLoad(props.slug, (signal) =>
    apiGet<{ items: Open[]; total: number }>(orgApi(props.slug, '/end-requests'), {
      signal,
      cache: 'no-store',
    }),
  )
  if (state.kind === 'loading') return <Loading />
  if (state.kind === 'error') return <LoadError error={state.error} />
  if (state.data.items.length === 0) return null
  return (
    <section
      class="section alert alert--warning"
      aria-labelledby="end-requests-heading"
      data-testid="open-end-requests"
    >
      <h2 id="end-requests-heading">{t('endRequests.heading', { count: state.data.total })}</h2>
      <ul>
        {state.data.items.map((m) => (
          <li key={m.id} data-testid="open-end-request" data-match={m.id}>
            <a href={matchPath(props.slug, m.programId, m.id)}>
              <bdi>{m.mentee.displayName}</bdi> · <bdi>{m.mentor.displayName}</bdi>
            </a>{' '}
            <span class="muted">
              · <bdi>{m.programName}</bdi>
            </span>
            {(['mentee', 'mentor'] as const).map((side) => {
              const request = m.endRequests[side]
              return request ? (
                <p key={side} class="expiring__when">
                  {t(side === 'mentee' ? 'match.requestBy.mentee' : 'match.requestBy.mentor', {
                    date: formatDate(new Date(request.at), { dateStyle: 'medium' }),
                    reason: endReasonLabel(t, request.reason),
                  })}
                </p>
              ) : null
            })}
          </li>
        ))}
      </ul>
    </section>
  )
}
