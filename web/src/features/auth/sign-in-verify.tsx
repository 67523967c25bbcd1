import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n, useTitle } from '../../i18n/context'
import { FormAlert, SubmitButton, useSubmit } from '../../kit/form'
import { useTokenLink } from '../../kit/use-token-link'
import { ApiError } from '../../lib/api'
import { ok, v1 } from '../../lib/client'
import { displayNameOf, signedInAs } from './accounts'
import { landingPath } from './landing'
import { useSession } from './session'
import { SwitchQuestion } from './switch-question'

/**
 * The link from the sign-in email: `/sign-in/verify?token=…`. Opening it signs nobody in (mail scanners open
 * links too): the page shows the address the link is for (POST auth/link) and signs in when the person presses
 * the button (POST auth/verify). A browser signed in as someone else is asked first.
 */
export default function SignInVerify() {
  const { t } = useI18n()
  useTitle(t('verify.title'))
  const { route } = useLocation()
  const session = useSession()
  const { token, link } = useTokenLink(
    (token) => ok(v1.auth.link.$post({ json: { token } })),
    t('verify.missing'),
  )
  const [askSwitch, setAskSwitch] = useState(false)
  const signIn = useSubmit([])

  const go = (switchAccount: boolean) =>
    signIn.run(async () => {
      try {
        const me = await ok(
          v1.auth.verify.$post({ json: { token, ...(switchAccount ? { switchAccount } : {}) } }),
        )
        await session.reload()
        route(landingPath(me), true)
      } catch (error) {
        if (error instanceof ApiError && error.code === 'other-account-signed-in') {
          setAskSwitch(true)
          return
        }
        throw error
      }
    })

  const failed = (message: string) => (
    <div role="alert" data-testid="verify-status" data-state="error">
      <p class="alert alert--error">
        {t('verify.failed')} {message}
      </p>
      <p>
        <a href="/sign-in" class="button button--link">
          {t('verify.back')}
        </a>
      </p>
    </div>
  )

  const body = () => {
    if (link.state === 'error') return failed(link.message)
    if (link.state === 'checking' || session.status === 'loading') {
      return (
        <p role="status" data-testid="verify-status" data-state="loading">
          {t('verify.checking')}
        </p>
      )
    }
    const { email } = link.data
    const me = session.me
    const other = me && (askSwitch || signedInAs(me, email) === 'someone-else')
    return (
      <>
        <p class="lead" data-testid="verify-email">
          {t('verify.intro')}{' '}
          <bdi class="nowrap" dir="ltr">
            {email}
          </bdi>
        </p>
        {other ? (
          <>
            <SwitchQuestion
              current={displayNameOf(me)}
              next={email}
              busy={signIn.busy}
              onContinue={() => go(true)}
              onStay={() => route(landingPath(me))}
            />
            <FormAlert message={signIn.message} />
          </>
        ) : (
          <form
            class="form"
            data-testid="verify-form"
            onSubmit={(event) => {
              event.preventDefault()
              go(false)
            }}
          >
            <FormAlert message={signIn.message} />
            {signIn.message && (
              <p>
                <a href="/sign-in">{t('verify.back')}</a>
              </p>
            )}
            <SubmitButton
              busy={signIn.busy}
              labels={[t('signIn.verify'), t('verify.working')]}
              testid="verify-sign-in"
            />
          </form>
        )}
        <p class="aside">{t('verify.notYou')}</p>
      </>
    )
  }

  return (
    <div class="page">
      <h1>{t('verify.title')}</h1>
      {body()}
    </div>
  )
}
