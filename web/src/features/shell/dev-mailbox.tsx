import { useEffect } from 'preact/hooks'
import { useI18n, useTitle } from '../../i18n/context'
import { FactList } from '../../kit/fact-list'
import { LoadError, Loading, useLoad } from '../../kit/load'
import { ApiError } from '../../lib/api'
import { api, fresh, ok } from '../../lib/client'

const POLL_MS = 2000

/**
 * `/dev/mailbox`: the email a local Worker would have sent (GET /api/dev/mailbox, newest first),
 * refreshed every two seconds while the tab is visible. The API answers 404 when real email is set up.
 */
export default function DevMailbox() {
  const { t, formatDate } = useI18n()
  useTitle(t('mailbox.title'))
  const { state, reload } = useLoad('mailbox', (signal) =>
    ok(api.dev.mailbox.$get({ query: {} }, fresh(signal))),
  )
  const off = state.kind === 'error' && state.error instanceof ApiError && state.error.status === 404

  useEffect(() => {
    if (off) return
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload()
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [off, reload])

  return (
    <div class="page">
      <h1>{t('mailbox.title')}</h1>
      {off ? (
        <p class="alert" data-testid="mailbox-off">
          {t('mailbox.off')}
        </p>
      ) : (
        <>
          <p class="lead">{t('mailbox.intro')}</p>
          <p>
            <button type="button" class="button button--secondary" onClick={reload}>
              {t('mailbox.refresh')}
            </button>
          </p>
        </>
      )}
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && !off && <LoadError error={state.error} />}
      {state.kind === 'ok' &&
        (state.data.items.length === 0 ? (
          <p data-testid="mailbox-empty">{t('mailbox.empty')}</p>
        ) : (
          <ol class="mailbox" data-testid="mailbox">
            {state.data.items.map((mail) => (
              <li key={mail.id}>
                <article class="card mail" data-testid="mailbox-item" data-to={mail.to}>
                  <h2 dir="auto">{mail.subject}</h2>
                  <FactList
                    facts={[
                      { label: t('mailbox.to'), value: <bdi dir="ltr">{mail.to}</bdi> },
                      {
                        label: t('mailbox.sent'),
                        value: (
                          <time dateTime={mail.createdAt}>
                            {formatDate(new Date(mail.createdAt), {
                              dateStyle: 'medium',
                              timeStyle: 'medium',
                            })}
                          </time>
                        ),
                      },
                    ]}
                  />
                  {mail.links.length > 0 && (
                    <>
                      <h3>{t('mailbox.links')}</h3>
                      <ul class="mail__links">
                        {mail.links.map((link) => (
                          <li key={link}>
                            {/^https?:\/\//i.test(link) ? (
                              <a href={link} dir="ltr" data-testid="mailbox-link">
                                {link}
                              </a>
                            ) : (
                              <bdi dir="ltr">{link}</bdi>
                            )}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                  <pre class="mail__text" dir="auto" data-testid="mailbox-text">
                    {mail.text}
                  </pre>
                </article>
              </li>
            ))}
          </ol>
        ))}
    </div>
  )
}
