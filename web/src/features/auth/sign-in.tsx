import { useEffect, useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n, useTitle } from '../../i18n/context'
import { Field, FormAlert, FormFooter, SubmitButton, useSubmit } from '../../kit/form'
import { TextField } from '../../kit/inputs'
import { ok, v1 } from '../../lib/client'
import { asciiDigits } from '../../lib/text'
import { landingPath } from './landing'
import { useSession } from './session'

/**
 * Passwordless sign-in on one page: 1. the email address (POST auth/email sends a link and a code),
 * 2. the 6-digit code from that email (POST auth/verify). The link in the email goes to
 * /sign-in/verify instead and needs no typing.
 */
export default function SignIn() {
  const { t } = useI18n()
  useTitle(t('signIn.title'))
  const { route } = useLocation()
  const session = useSession()
  const [email, setEmail] = useState('')
  const [sentTo, setSentTo] = useState<string | null>(null)
  const [code, setCode] = useState('')
  const [resent, setResent] = useState(false)
  const emailForm = useRef<HTMLFormElement>(null)
  const codeForm = useRef<HTMLFormElement>(null)
  const codeInput = useRef<HTMLInputElement>(null)
  const send = useSubmit(['email'], { formRef: emailForm })
  const verify = useSubmit(['code', 'email'], { formRef: codeForm })

  // Step 2 appears in place of step 1: move focus to the code input.
  useEffect(() => {
    if (sentTo) codeInput.current?.focus()
  }, [sentTo])

  const requestEmail = (address: string) => ok(v1.auth.email.$post({ json: { email: address } }))

  const onSendEmail = (event: Event) => {
    event.preventDefault()
    const address = email.trim()
    send.run(async () => {
      await requestEmail(address)
      setCode('')
      setResent(false)
      setSentTo(address)
    })
  }

  const onResend = () => {
    if (!sentTo) return
    const address = sentTo
    verify.run(async () => {
      await requestEmail(address)
      setResent(true)
    })
  }

  const onVerify = (event: Event) => {
    event.preventDefault()
    if (!sentTo) return
    const address = sentTo
    setResent(false)
    verify.run(async () => {
      const me = await ok(v1.auth.verify.$post({ json: { email: address, code: code.trim() } }))
      await session.reload()
      route(landingPath(me))
    })
  }

  // Distinct keys: the two steps must not share DOM nodes (a reused <input> would keep stale attributes).
  if (!sentTo) {
    return (
      <div class="page" key="email">
        <h1>{t('signIn.title')}</h1>
        <p class="lead">{t('signIn.intro')}</p>
        <form ref={emailForm} class="form" onSubmit={onSendEmail} data-testid="sign-in-form">
          <TextField
            id="sign-in-email"
            label={t('signIn.email')}
            error={send.fields.email}
            type="email"
            dir="ltr"
            required
            maxLength={254}
            autocomplete="email"
            spellcheck={false}
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
      <form ref={codeForm} class="form" onSubmit={onVerify} data-testid="sign-in-code-form">
        <Field
          id="sign-in-code"
          label={t('signIn.code')}
          hint={t('signIn.codeHint')}
          error={verify.fields.code}
        >
          {(control) => (
            <input
              {...control}
              ref={codeInput}
              data-testid="sign-in-code"
              class="input--code"
              type="text"
              dir="ltr"
              inputMode="numeric"
              autocomplete="one-time-code"
              pattern="[0-9]{6}"
              required
              spellcheck={false}
              value={code}
              onInput={(event) => {
                // Keep digits only (a pasted "123 456" works); write back so ignored keys disappear.
                const digits = asciiDigits(event.currentTarget.value).replace(/\D/g, '').slice(0, 6)
                event.currentTarget.value = digits
                setCode(digits)
              }}
            />
          )}
        </Field>
        <FormAlert message={verify.fields.email ?? verify.message} />
        {resent && !verify.busy && (
          <p class="alert alert--ok" role="status">
            {t('signIn.resent')}
          </p>
        )}
        <div class="actions">
          <SubmitButton
            busy={verify.busy}
            labels={[t('signIn.verify'), t('signIn.verifying')]}
            testid="sign-in-verify"
          />
          <button type="button" class="button button--secondary" disabled={verify.busy} onClick={onResend}>
            {t('signIn.resend')}
          </button>
        </div>
      </form>
      <p class="aside">
        <button
          type="button"
          class="link-button"
          onClick={() => {
            setSentTo(null)
            verify.clear()
          }}
        >
          {t('signIn.otherEmail')}
        </button>
      </p>
    </div>
  )
}
