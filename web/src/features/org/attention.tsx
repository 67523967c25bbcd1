import { useI18n } from '../../i18n/context'
import { ItemsSection, useLoad } from '../../kit/load'
import { fresh, ok, params } from '../../lib/client'
import { dayDate } from '../../lib/dates'
import { concernSeverityLabel } from '../../lib/labels'
import { concernPath, matchPath } from '../../lib/paths'
import { orgRoute } from './org'

/**
 * The coordinator's attention list on the organization home (decision 028): newcomers nobody has met within 14
 * days, tandems gone quiet past their cadence, open requests to end, open concerns (decision 030) and tandems
 * reaching their planned end (decision 031) — oldest first (the API's order), each linking to its match (a concern
 * to its own page). People by first name only.
 */
export function Attention(props: { slug: string }) {
  const { t, formatDate } = useI18n()
  const { state, reload } = useLoad(props.slug, (signal) =>
    ok(orgRoute.attention.$get({ param: params({ org: props.slug }) }, fresh(signal))),
  )
  return (
    <ItemsSection
      name="attention"
      testid="attention"
      heading={t('attention.heading')}
      intro={t('attention.intro')}
      retry={t('attention.retry')}
      empty={t('attention.empty')}
      state={state}
      reload={reload}
    >
      {(data) => (
        <>
          <ul class="expiring" data-testid="attention-list">
            {data.items.map((item) => (
              <li
                key={`${item.kind}:${item.concern?.id ?? item.matchId}`}
                class="expiring__item"
                data-testid="attention-item"
                data-kind={item.kind}
                data-match={item.matchId}
              >
                <strong>{t(`attention.kind.${item.kind}`)}</strong>{' '}
                <a
                  href={
                    item.concern
                      ? concernPath(props.slug, item.programId, item.concern.id)
                      : matchPath(props.slug, item.programId, item.matchId)
                  }
                  data-testid="attention-link"
                >
                  {t('attention.pair', { mentee: item.mentee, mentor: item.mentor })}
                </a>{' '}
                {item.concern && (
                  <span data-testid="attention-concern">
                    <span class={`badge badge--severity-${item.concern.severity}`}>
                      {concernSeverityLabel(t, item.concern.severity)}
                    </span>{' '}
                    {!item.concern.nameToOtherSide && (
                      <span class="badge badge--warning">{t('concern.doNotName')}</span>
                    )}{' '}
                  </span>
                )}
                <span class="muted">
                  · <bdi>{item.programName}</bdi>
                </span>
                <p class="expiring__when">
                  {item.kind !== 'planned-end'
                    ? t(`attention.when.${item.kind}`, { count: item.days })
                    : item.days > 0
                      ? t('attention.when.planned-end-past', { count: item.days })
                      : item.days === 0
                        ? t('attention.when.planned-end-today')
                        : t('attention.when.planned-end', { count: -item.days })}{' '}
                  <span class="muted">
                    (
                    <time dateTime={item.since}>
                      {formatDate(dayDate(item.since), { dateStyle: 'medium' })}
                    </time>
                    )
                  </span>
                </p>
              </li>
            ))}
          </ul>
          {data.total > data.items.length && (
            <p class="muted" data-testid="attention-more">
              {t('attention.more', { count: data.total - data.items.length })}
            </p>
          )}
        </>
      )}
    </ItemsSection>
  )
}
