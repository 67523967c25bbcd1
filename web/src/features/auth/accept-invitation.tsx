import { useEffect, useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n, useTitle } from '../../i18n/context'
import { Button } from '../../kit/button'
import { Form, FormAlert, SubmitButton, useSubmit } from '../../kit/form'
import { TextField } from '../../kit/inputs'
import { useTokenLink } from '../../kit/use-token-link'
import { ok, v1 } from '../../lib/client'
import { roleLabel } from '../../lib/labels'
import { isolate } from '../../lib/text'
import { acceptStep, displayNameOf } from './accounts'
import { CodeForm } from './code-form'
import { landingPath, orgLandingPath } from './landing'
import { useSession } from './session'
import { SwitchQuestion } from './switch-question'

/**
 * The link from an invitation email: `/invitations/accept?token=…` (also the confirmation of a sign-up made with
 * an address that has an account). Opening it accepts nothing (mail scanners open links too): the page shows
 * the organization, the role and the address (POST invitations/lookup), then
 * - a new account: asks the person's name (prefilled with the participant's, when known) and accepts;
 * - the invited account signed in: accepts with one click;
 * - an address that has an account not signed in here: sends a code to that address first — the link alone
 *   signs nobody in as an existing account (decision 019).
 * A browser signed in as someone else is asked before anything replaces that session.
 */
export default function AcceptInvitation() {
  const { t, locale } = useI18n()
  const { route } = useLocation()
  const session = useSession()
  const { token, link: lookup } = useTokenLink(
    (token) => ok(v1.invitations.lookup.$post({ json: { token } })),
    t('accept.missing'),
  )
  const [agreedToSwitch, setAgreedToSwitch] = useState(false)
  const [name, setName] = useState('')
  const [codeSent, setCodeSent] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  const accept = useSubmit(['token', 'name'], { formRef })
  const sendCode = useSubmit([])
  const found = lookup.state === 'ready' ? lookup.data : null
  const signup = found?.purpose === 'signup'
  useTitle(signup ? t('accept.confirmTitle') : t('accept.title'))

  // The name field starts with the participant's name, when the invitation knows it.
  useEffect(() => setName(found?.suggestedName ?? ''), [found])

  /** POST invitations/accept; then the person lands in the organization (a mentor or newcomer in the portal). */
  const acceptNow = async (extra: { name?: string; switchAccount?: boolean }) => {
    const result = await ok(v1.invitations.accept.$post({ json: { token, locale, ...extra } }))
    await session.reload()
    const role = result.memberships.find((m) => m.organization.slug === result.organization.slug)?.role
    route(orgLandingPath(result.organization.slug, role), true)
  }

  const title = <h1>{signup ? t('accept.confirmTitle') : t('accept.title')}</h1>

  if (lookup.state !== 'ready') {
    return (
      <div class="page">
        {title}
        {lookup.state === 'checking' ? (
          <p role="status" data-testid="accept-status" data-state="loading">
            {t('accept.checking')}
          </p>
        ) : (
          <div role="alert" data-testid="form-error" data-state="error">
            <p class="alert alert--error">{lookup.message}</p>
            {token && <p>{t('accept.failedHelp')}</p>}
          </div>
        )}
      </div>
    )
  }

  const invitation = lookup.data
  const me = session.me
  const org = isolate(invitation.organization.name)
  const step = session.status === 'loading' ? null : acceptStep(invitation, me, agreedToSwitch)
  const acceptLabels = signup
    ? ([t('accept.confirmButton'), t('accept.confirming')] as const)
    : ([t('accept.button'), t('accept.accepting')] as const)
  const requestCode = () =>
    ok(v1.auth.email.$post({ json: { email: invitation.email, locale } })).then(() => setCodeSent(true))

  return (
    <div class="page">
      {title}
      <p class="lead" data-testid="accept-what">
        {signup
          ? t('accept.confirmIntro', { org })
          : t('accept.join', { org, role: roleLabel(t, invitation.role) })}
      </p>
      <p data-testid="accept-for">
        {t('accept.for')}{' '}
        <bdi class="nowrap" dir="ltr">
          {invitation.email}
        </bdi>
      </p>

      {step === 'ask-switch' && me && (
        <SwitchQuestion
          current={displayNameOf(me)}
          next={invitation.email}
          onContinue={() => setAgreedToSwitch(true)}
          onStay={() => route(landingPath(me))}
        />
      )}

      {(step === 'new-account' || step === 'accept') && (
        <Form
          formRef={formRef}
          class="form"
          testid="accept-form"
          onSubmit={() =>
            accept.run(() =>
              acceptNow(
                step === 'new-account'
                  ? { name: name.trim(), ...(agreedToSwitch ? { switchAccount: true } : {}) }
                  : {},
              ),
            )
          }
        >
          {step === 'new-account' && (
            <>
              <p>{t('accept.intro')}</p>
              <TextField
                id="accept-name"
                label={t('accept.name')}
                hint={t('accept.nameHint')}
                error={accept.fields.name}
                required
                maxLength={120}
                autocomplete="name"
                value={name}
                onValue={setName}
              />
            </>
          )}
          <FormAlert message={accept.fields.token ?? accept.message} />
          <SubmitButton busy={accept.busy} labels={acceptLabels} testid="accept-invitation" />
        </Form>
      )}

      {step === 'sign-in-first' && (
        <section aria-labelledby="accept-sign-in" data-testid="accept-sign-in">
          <h2 id="accept-sign-in">{t('accept.signInTitle')}</h2>
          <p>{t('accept.existing')}</p>
          {codeSent ? (
            <>
              <p data-testid="accept-code-sent">
                {t('accept.codeSent')}{' '}
                <bdi class="nowrap" dir="ltr">
                  {invitation.email}
                </bdi>
              </p>
              <CodeForm
                email={invitation.email}
                labels={[t('accept.signInAndAccept'), t('accept.accepting')]}
                hint={t('accept.codeHint')}
                autoFocus
                resend={requestCode}
                onSignedIn={() => acceptNow({})}
              />
            </>
          ) : (
            <div class="form">
              <FormAlert message={sendCode.message} />
              <div>
                <Button
                  variant="primary"
                  busy={sendCode.busy}
                  testid="accept-send-code"
                  onClick={() => sendCode.run(requestCode)}
                >
                  {sendCode.busy ? t('signIn.sending') : t('accept.sendCode')}
                </Button>
              </div>
            </div>
          )}
        </section>
      )}
    </div>
  )
}
