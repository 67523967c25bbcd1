import { useI18n } from '../../i18n/context'
import { ItemsSection, useLoad } from '../../kit/load'
import { fresh, ok, params } from '../../lib/client'
import { dayDate } from '../../lib/dates'
import { statusLabel } from '../../lib/labels'
import { participantPath } from '../../lib/paths'
import { orgRoute } from '../org/org'

/**
 * The coordinator's panel on the organization home: mentors' background checks that expire within
 * their program's renewal window, or have expired, soonest first (the API's order). Expired ones are
 * highlighted; an expired check on an active match is flagged.
 */
export function ExpiringChecks(props: { slug: string }) {
  const { t, formatDate } = useI18n()
  const { state, reload } = useLoad(props.slug, (signal) =>
    ok(orgRoute.screening.expiring.$get({ param: params({ org: props.slug }) }, fresh(signal))),
  )

  return (
    <ItemsSection
      name="expiring"
      testid="expiring-checks"
      heading={t('expiring.heading')}
      intro={t('expiring.intro')}
      retry={t('expiring.retry')}
      empty={t('expiring.empty')}
      state={state}
      reload={reload}
    >
      {(data) => (
        <ul class="expiring" data-testid="expiring-list">
          {data.items.map((item) => (
            <li
              key={item.participantId}
              class={`expiring__item ${item.expired ? 'expiring__item--expired' : ''}`}
              data-testid="expiring-item"
              data-participant={item.participantId}
              data-expired={String(item.expired)}
              data-days-left={item.daysLeft}
            >
              <a
                href={participantPath(props.slug, item.programId, item.participantId)}
                data-testid="expiring-link"
              >
                <bdi>{item.displayName}</bdi>
              </a>{' '}
              <span class="muted">
                · <bdi>{item.programName}</bdi> · {statusLabel(t, item.status)}
              </span>
              <p class="expiring__when">
                <time dateTime={item.checkExpiresOn}>
                  {item.expired
                    ? item.daysLeft === 0
                      ? t('expiring.expiredToday')
                      : t('expiring.expiredAgo', { count: -item.daysLeft })
                    : t('expiring.daysLeft', { count: item.daysLeft })}
                </time>{' '}
                <span class="muted">
                  ({formatDate(dayDate(item.checkExpiresOn), { dateStyle: 'medium' })})
                </span>
              </p>
              {item.flagged && (
                <p class="expiring__flag" data-testid="expiring-flagged">
                  {t('expiring.flagged')}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </ItemsSection>
  )
}
