import { useEffect, useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n, useTitle } from '../../i18n/context'
import { ok, v1 } from '../../lib/client'
import { describeError } from '../../lib/errors'
import { landingPath } from './landing'
import { useSession } from './session'

/** The link from the sign-in email: `/sign-in/verify?token=…` posts the token once, on arrival. */
export default function SignInVerify() {
  const { t } = useI18n()
  useTitle(t('verify.title'))
  const { query, route } = useLocation()
  const session = useSession()
  const token = query.token?.trim() ?? ''
  const [error, setError] = useState<string | null>(token ? null : t('verify.missing'))
  const started = useRef(false)

  useEffect(() => {
    // A token works once: never post it twice, even if the page renders again.
    if (!token || started.current) return
    started.current = true
    ok(v1.auth.verify.$post({ json: { token } }))
      .then(async (me) => {
        await session.reload()
        route(landingPath(me), true)
      })
      .catch((reason: unknown) => setError(describeError(reason, t)))
  }, [token, session, route, t])

  return (
    <div class="page">
      <h1>{t('verify.title')}</h1>
      {error ? (
        <div role="alert" data-testid="verify-status" data-state="error">
          <p class="alert alert--error">
            {t('verify.failed')} {error}
          </p>
          <p>
            <a href="/sign-in" class="button button--link">
              {t('verify.back')}
            </a>
          </p>
        </div>
      ) : (
        <p role="status" data-testid="verify-status" data-state="loading">
          {t('verify.working')}
        </p>
      )}
    </div>
  )
}
