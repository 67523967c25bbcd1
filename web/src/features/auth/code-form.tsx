import { useEffect, useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { Field, FormAlert, SubmitButton, useSubmit } from '../../kit/form'
import { ApiError } from '../../lib/api'
import { ok, v1 } from '../../lib/client'
import { asciiDigits } from '../../lib/text'
import { displayNameOf } from './accounts'
import { landingPath } from './landing'
import { type Me, useSession } from './session'
import { SwitchQuestion } from './switch-question'

/**
 * The 6-digit code from a sign-in email to `email`: verifies it (POST auth/verify) and hands the signed-in person
 * to `onSignedIn`. A browser signed in as someone else is asked first (nothing is used up until the person says
 * so). A code entered wrong five times is locked: the form says so and offers a new code right there.
 */
export function CodeForm(props: {
  email: string
  /** The submit button's label, and what it says while busy. */
  labels: readonly [label: string, busyLabel: string]
  hint: string
  onSignedIn: (me: Me) => Promise<void>
  /** Sends a new code to `email` (POST auth/email). */
  resend: () => Promise<unknown>
  /** Focus the code input when the form appears. */
  autoFocus?: boolean
}) {
  const { t } = useI18n()
  const { route } = useLocation()
  const session = useSession()
  const [code, setCode] = useState('')
  const [locked, setLocked] = useState(false)
  const [resent, setResent] = useState(false)
  const [askSwitch, setAskSwitch] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  const codeInput = useRef<HTMLInputElement>(null)
  const newCode = useRef<HTMLButtonElement>(null)
  const verify = useSubmit(['code', 'email'], {
    formRef,
    // The API's field note is English; the page says it in the reader's language.
    fieldMessage: (error) => (error.path === 'code' ? t('problem.sign-in-failed') : error.message),
  })

  useEffect(() => {
    if (props.autoFocus) codeInput.current?.focus()
  }, [props.autoFocus])
  useEffect(() => {
    if (locked) newCode.current?.focus()
  }, [locked])

  const send = (switchAccount: boolean) => {
    setResent(false)
    verify.run(async () => {
      try {
        const json = { email: props.email, code: code.trim(), ...(switchAccount ? { switchAccount } : {}) }
        const me = await ok(v1.auth.verify.$post({ json }))
        setAskSwitch(false)
        await props.onSignedIn(me)
      } catch (error) {
        if (error instanceof ApiError && error.code === 'sign-in-code-locked') {
          setLocked(true)
          setCode('')
          return
        }
        if (error instanceof ApiError && error.code === 'other-account-signed-in') {
          setAskSwitch(true)
          return
        }
        throw error
      }
    })
  }

  const onResend = () =>
    verify.run(async () => {
      await props.resend()
      setLocked(false)
      setCode('')
      setResent(true)
      codeInput.current?.focus()
    })

  const me = session.me
  return (
    <form
      ref={formRef}
      class="form"
      onSubmit={(event) => {
        event.preventDefault()
        send(false)
      }}
      data-testid="sign-in-code-form"
    >
      <Field id="sign-in-code" label={t('signIn.code')} hint={props.hint} error={verify.fields.code}>
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
      {locked ? (
        <div class="alert alert--error" role="alert" data-testid="sign-in-locked">
          <p>{t('problem.sign-in-code-locked')}</p>
          <p>
            <button
              ref={newCode}
              type="button"
              class="button"
              disabled={verify.busy}
              data-testid="sign-in-new-code"
              onClick={onResend}
            >
              {t('signIn.newCode')}
            </button>
          </p>
        </div>
      ) : (
        <FormAlert message={verify.fields.email ?? verify.message} />
      )}
      {resent && !verify.busy && (
        <p class="alert alert--ok" role="status" data-testid="sign-in-resent">
          {t('signIn.resent')}
        </p>
      )}
      {askSwitch && me ? (
        <SwitchQuestion
          current={displayNameOf(me)}
          next={props.email}
          busy={verify.busy}
          onContinue={() => send(true)}
          onStay={() => route(landingPath(me))}
        />
      ) : (
        <div class="actions">
          <SubmitButton busy={verify.busy} labels={props.labels} testid="sign-in-verify" />
          <button type="button" class="button button--secondary" disabled={verify.busy} onClick={onResend}>
            {t('signIn.resend')}
          </button>
        </div>
      )}
    </form>
  )
}
