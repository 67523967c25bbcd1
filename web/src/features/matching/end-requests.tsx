import { useI18n } from '../../i18n/context'
import { Load, useLoad } from '../../kit/load'
import { fresh, ok, params } from '../../lib/client'
import { matchPath } from '../../lib/paths'
import { orgRoute } from '../org/org'
import { EndRequestText } from './end-request-text'
import { endRequestsOf } from './matching'

/**
 * The coordinator's panel on the organization home: tandems in which the newcomer or the mentor asked, in the
 * portal, to end — waiting for a coordinator. Oldest request first (the API's order). Shown only when there are any.
 */
export function EndRequests(props: { slug: string }) {
  const { t } = useI18n()
  const { state } = useLoad(props.slug, (signal) =>
    ok(orgRoute['end-requests'].$get({ param: params({ org: props.slug }) }, fresh(signal))),
  )
  return (
    <Load state={state}>
      {(data) =>
        data.items.length > 0 && (
          <section
            class="section alert alert--warning"
            aria-labelledby="end-requests-heading"
            data-testid="open-end-requests"
          >
            <h2 id="end-requests-heading">{t('endRequests.heading', { count: data.total })}</h2>
            <ul>
              {data.items.map((m) => (
                <li key={m.id} data-testid="open-end-request" data-match={m.id}>
                  <a href={matchPath(props.slug, m.programId, m.id)}>
                    <bdi>{m.mentee.displayName}</bdi> · <bdi>{m.mentor.displayName}</bdi>
                  </a>{' '}
                  <span class="muted">
                    · <bdi>{m.programName}</bdi>
                  </span>
                  {endRequestsOf(m).map(({ side, request }) => (
                    <p key={side} class="expiring__when">
                      <EndRequestText side={side} request={request} />
                    </p>
                  ))}
                </li>
              ))}
            </ul>
          </section>
        )
      }
    </Load>
  )
}
