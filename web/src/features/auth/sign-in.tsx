import { useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n, useTitle } from '../../i18n/context'
import { FormFooter, useSubmit } from '../../kit/form'
import { EmailField } from '../../kit/inputs'
import { ok, v1 } from '../../lib/client'
import { CodeForm } from './code-form'
import { landingPath } from './landing'
import { useSession } from './session'

/**
 * Passwordless sign-in on one page: 1. the email address (POST auth/email sends a link and a code, in the
 * person's language, else this page's), 2. the 6-digit code from that email (`CodeForm`, POST auth/verify). The
 * link in the email goes to /sign-in/verify instead and needs no typing.
 */
export default function SignIn() {
  const { t, locale } = useI18n()
  useTitle(t('signIn.title'))
  const { route } = useLocation()
  const session = useSession()
  const [email, setEmail] = useState('')
  const [sentTo, setSentTo] = useState<string | null>(null)
  const emailForm = useRef<HTMLFormElement>(null)
  const send = useSubmit(['email'], { formRef: emailForm })

  const requestEmail = (address: string) => ok(v1.auth.email.$post({ json: { email: address, locale } }))

  const onSendEmail = (event: Event) => {
    event.preventDefault()
    const address = email.trim()
    send.run(async () => {
      await requestEmail(address)
      setSentTo(address)
    })
  }

  // Distinct keys: the two steps must not share DOM nodes (a reused <input> would keep stale attributes).
  if (!sentTo) {
    return (
      <div class="page" key="email">
        <h1>{t('signIn.title')}</h1>
        <p class="lead">{t('signIn.intro')}</p>
        <form ref={emailForm} class="form" onSubmit={onSendEmail} data-testid="sign-in-form">
          <EmailField
            id="sign-in-email"
            label={t('signIn.email')}
            error={send.fields.email}
            required
            autocomplete="email"
            value={email}
            onValue={setEmail}
          />
          <FormFooter
            submit={send}
            labels={[t('signIn.send'), t('signIn.sending')]}
            testid="sign-in-submit"
          />
        </form>
        <p class="aside">
          {t('signIn.noAccount')} <a href="/signup">{t('signIn.createOrg')}</a>
        </p>
      </div>
    )
  }

  return (
    <div class="page" key="code">
      <h1>{t('signIn.codeTitle')}</h1>
      <p class="lead" data-testid="sign-in-sent">
        {t('signIn.sentTo')}{' '}
        <bdi class="nowrap" dir="ltr">
          {sentTo}
        </bdi>
      </p>
      <CodeForm
        email={sentTo}
        labels={[t('signIn.verify'), t('signIn.verifying')]}
        hint={t('signIn.codeHint')}
        autoFocus
        resend={() => requestEmail(sentTo)}
        onSignedIn={async (me) => {
          await session.reload()
          route(landingPath(me))
        }}
      />
      <p class="aside">
        <button type="button" class="link-button" onClick={() => setSentTo(null)}>
          {t('signIn.otherEmail')}
        </button>
      </p>
    </div>
  )
}
