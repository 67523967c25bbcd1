import { useI18n } from '../../i18n/context'
import { LoadError, Loading, useLoad } from '../../kit/load'
import { emailsPath } from '../../lib/paths'
import { getEmailSummary } from './emails'

/** The organization home's email panel: failures in the last 30 days and suppressed addresses, with links. */
export function EmailHealth(props: { slug: string }) {
  const { t } = useI18n()
  const { state } = useLoad(props.slug, (signal) => getEmailSummary(props.slug, signal))
  return (
    <section class="section" aria-labelledby="email-health-heading" data-testid="email-health">
      <h2 id="email-health-heading">{t('emailHealth.heading')}</h2>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <LoadError error={state.error} />}
      {state.kind === 'ok' &&
        (state.data.failures === 0 && state.data.suppressed === 0 ? (
          <p data-testid="email-health-ok">
            {t('emailHealth.allWell')} <a href={emailsPath(props.slug)}>{t('emailHealth.open')}</a>
          </p>
        ) : (
          <ul class="link-list">
            {state.data.failures > 0 && (
              <li>
                <a
                  href={emailsPath(props.slug)}
                  data-testid="email-failures"
                  data-count={state.data.failures}
                >
                  {t('emailHealth.failures', { count: state.data.failures })}
                </a>
              </li>
            )}
            {state.data.suppressed > 0 && (
              <li>
                <a
                  href={`${emailsPath(props.slug)}#suppressions`}
                  data-testid="email-suppressed"
                  data-count={state.data.suppressed}
                >
                  {t('emailHealth.suppressed', { count: state.data.suppressed })}
                </a>
              </li>
            )}
          </ul>
        ))}
    </section>
  )
}
