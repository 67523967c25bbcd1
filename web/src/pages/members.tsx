import { useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { apiGet, apiSend } from '../api'
import { describeError, Field, FormAlert, SubmitButton, useSubmit } from '../components/form'
import { LoadError, Loading, useLoad } from '../components/load'
import { useI18n, useTitle } from '../i18n/context'
import { languageName } from '../i18n/i18n'
import {
  canManageMembers,
  grantableRoles,
  type Invitation,
  isolate,
  type Member,
  ORG_LANGUAGES,
  type Organization,
  type OrganizationWithRole,
  orgApi,
  roleLabel,
} from '../org'
import { orgPath, type Role, useSession } from '../session'

interface Data {
  organization: Organization
  role: Role
  members: Member[]
  invitations: Invitation[]
}

async function loadAll(slug: string, signal: AbortSignal): Promise<Data> {
  const [org, members, invitations] = await Promise.all([
    apiGet<OrganizationWithRole>(orgApi(slug), { signal }),
    apiGet<{ items: Member[] }>(orgApi(slug, '/members'), { signal }),
    apiGet<{ items: Invitation[] }>(orgApi(slug, '/invitations'), { signal }),
  ])
  return { ...org, members: members.items, invitations: invitations.items }
}

/** What the page passes down: the loaded data, a way to reload it, and the shared status line. */
interface Context {
  data: Data
  reload: () => void
  notify: (message: string) => void
}

/** `/orgs/{org}/members`: members, invitations and the invite form. */
export default function Members(props: { org: string }) {
  const { t } = useI18n()
  const slug = props.org
  const { state, reload } = useLoad(slug, (signal) => loadAll(slug, signal))
  const [notice, setNotice] = useState('')
  useTitle(
    state.kind === 'ok' ? `${t('members.title')} · ${state.data.organization.name}` : t('members.title'),
  )

  let body = <Loading />
  if (state.kind === 'error') body = <LoadError error={state.error} notFound={t('org.notFound')} />
  if (state.kind === 'ok') {
    const context: Context = { data: state.data, reload, notify: setNotice }
    body = (
      <>
        <MembersSection {...context} />
        <InvitationsSection {...context} />
        {grantableRoles[state.data.role].length > 0 && <InviteForm {...context} />}
      </>
    )
  }

  return (
    <div class="page">
      {state.kind === 'ok' && (
        <p class="breadcrumb">
          <a href={orgPath(state.data.organization.slug)}>{state.data.organization.name}</a>
        </p>
      )}
      <h1>{t('members.title')}</h1>
      {/* One polite live region for every success message on the page. */}
      <p class="notice" role="status" data-testid="members-notice">
        {notice}
      </p>
      {body}
    </div>
  )
}

function MembersSection(props: Context) {
  const { t } = useI18n()
  const { members, role } = props.data
  const manage = canManageMembers(role)
  return (
    <section class="section" aria-labelledby="members-heading">
      <h2 id="members-heading">{t('members.heading', { count: members.length })}</h2>
      {members.length === 0 ? (
        <p>{t('members.empty')}</p>
      ) : (
        <table class="table" data-testid="members-table">
          <thead>
            <tr>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('members.email')}</th>
              <th scope="col">{t('members.role')}</th>
              {manage && <th scope="col">{t('members.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              // A new role from the server starts the row afresh (select, confirm step).
              <MemberRow key={`${member.id}:${member.role}`} {...props} member={member} manage={manage} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function MemberRow(props: Context & { member: Member; manage: boolean }) {
  const { t } = useI18n()
  const session = useSession()
  const { route } = useLocation()
  const { member, manage, data } = props
  const [role, setRole] = useState<Role>(member.role)
  const [confirming, setConfirming] = useState(false)
  const removeButton = useRef<HTMLButtonElement>(null)
  const confirmButton = useRef<HTMLButtonElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const isSelf = session.me?.user.id === member.userId
  const grantable = grantableRoles[data.role]
  // An admin may not change or remove an owner; the API has the last word (e.g. the last owner).
  const canEdit = manage && grantable.includes(member.role)
  const options = grantable.includes(member.role) ? grantable : [member.role, ...grantable]
  const name = member.name || member.email
  const url = orgApi(data.organization.slug, `/members/${encodeURIComponent(member.id)}`)

  const act = async (request: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await request()
    } catch (reason) {
      setError(describeError(reason, t))
      setRole(member.role)
    } finally {
      setBusy(false)
    }
  }

  const saveRole = () =>
    act(async () => {
      const updated = await apiSend<Member>('PATCH', url, { role })
      props.notify(
        t('members.roleChanged', { name: isolate(name), role: roleLabel(t, updated.role ?? role) }),
      )
      if (isSelf) await session.reload()
      props.reload()
    })

  const remove = () =>
    act(async () => {
      await apiSend('DELETE', url)
      setConfirming(false)
      props.notify(t('members.removed', { name: isolate(name) }))
      if (isSelf) {
        await session.reload()
        route('/')
      } else {
        props.reload()
      }
    })

  return (
    <tr data-testid="member-row" data-email={member.email} data-role={member.role}>
      <td data-label={t('members.name')}>
        <bdi>{name}</bdi>
        {isSelf && <span class="muted"> {t('members.you')}</span>}
      </td>
      <td data-label={t('members.email')}>
        <bdi dir="ltr">{member.email}</bdi>
      </td>
      <td data-label={t('members.role')}>
        {canEdit ? (
          <div class="inline-form">
            <select
              aria-label={t('members.roleFor', { name })}
              data-testid="member-role-select"
              value={role}
              disabled={busy}
              onChange={(event) => setRole(event.currentTarget.value as Role)}
            >
              {options.map((option) => (
                <option key={option} value={option}>
                  {roleLabel(t, option)}
                </option>
              ))}
            </select>
            {role !== member.role && (
              <button
                type="button"
                class="button button--small"
                data-testid="member-role-save"
                disabled={busy}
                onClick={saveRole}
              >
                {busy ? t('members.saving') : t('members.save')}
              </button>
            )}
          </div>
        ) : (
          roleLabel(t, member.role)
        )}
      </td>
      {manage && (
        <td data-label={t('members.actions')}>
          {canEdit &&
            (confirming ? (
              <div class="confirm">
                <p>
                  {t('members.removeConfirm', { name: isolate(name), org: isolate(data.organization.name) })}
                </p>
                <div class="actions">
                  <button
                    ref={confirmButton}
                    type="button"
                    class="button button--danger button--small"
                    data-testid="member-remove-confirm"
                    disabled={busy}
                    onClick={remove}
                  >
                    {t('members.removeYes')}
                  </button>
                  <button
                    type="button"
                    class="button button--secondary button--small"
                    data-testid="member-remove-cancel"
                    disabled={busy}
                    onClick={() => {
                      setConfirming(false)
                      requestAnimationFrame(() => removeButton.current?.focus())
                    }}
                  >
                    {t('common.cancel')}
                  </button>
                </div>
              </div>
            ) : (
              <button
                ref={removeButton}
                type="button"
                class="button button--secondary button--small"
                data-testid="member-remove"
                aria-label={t('members.removeName', { name })}
                onClick={() => {
                  setConfirming(true)
                  // The button is replaced by the question: keep keyboard focus on the next step.
                  requestAnimationFrame(() => confirmButton.current?.focus())
                }}
              >
                {t('members.remove')}
              </button>
            ))}
          {error && (
            <p class="field__error" role="alert" data-testid="member-error">
              {error}
            </p>
          )}
        </td>
      )}
    </tr>
  )
}

type ShownStatus = Invitation['status'] | 'expired'

function InvitationsSection(props: Context) {
  const { t } = useI18n()
  const { invitations } = props.data
  return (
    <section class="section" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t('invitations.heading')}</h2>
      {invitations.length === 0 ? (
        <p data-testid="invitations-empty">{t('invitations.empty')}</p>
      ) : (
        <table class="table" data-testid="invitations-table">
          <thead>
            <tr>
              <th scope="col">{t('members.email')}</th>
              <th scope="col">{t('members.role')}</th>
              <th scope="col">{t('invitations.status')}</th>
              <th scope="col">{t('invitations.expires')}</th>
              <th scope="col">{t('members.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => (
              <InvitationRow key={invitation.id} {...props} invitation={invitation} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function InvitationRow(props: Context & { invitation: Invitation }) {
  const { t, formatDate } = useI18n()
  const { invitation, data } = props
  const [busy, setBusy] = useState<'resend' | 'revoke' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const expires = new Date(invitation.expiresAt)
  const status: ShownStatus =
    invitation.status === 'pending' && expires.getTime() < Date.now() ? 'expired' : invitation.status
  const open = status === 'pending' || status === 'expired'
  const canAct = open && grantableRoles[data.role].includes(invitation.role)
  const url = orgApi(data.organization.slug, `/invitations/${encodeURIComponent(invitation.id)}`)

  const act = async (action: 'resend' | 'revoke') => {
    setBusy(action)
    setError(null)
    try {
      if (action === 'resend') {
        await apiSend('POST', `${url}/resend`)
        props.notify(t('invitations.resent', { email: isolate(invitation.email) }))
      } else {
        await apiSend('DELETE', url)
        props.notify(t('invitations.revoked', { email: isolate(invitation.email) }))
      }
      props.reload()
    } catch (reason) {
      setError(describeError(reason, t))
    } finally {
      setBusy(null)
    }
  }

  const statusText = {
    pending: t('invitations.pending'),
    accepted: t('invitations.accepted'),
    revoked: t('invitations.revokedStatus'),
    expired: t('invitations.expired'),
  }[status]

  return (
    <tr data-testid="invitation-row" data-email={invitation.email} data-status={status}>
      <td data-label={t('members.email')}>
        <bdi dir="ltr">{invitation.email}</bdi>
      </td>
      <td data-label={t('members.role')}>
        {roleLabel(t, invitation.role)}
        {invitation.forParticipant && <span class="muted"> · {t('members.portalInvitation')}</span>}
      </td>
      <td data-label={t('invitations.status')}>
        <span class={`badge badge--${status}`}>{statusText ?? invitation.status}</span>
      </td>
      <td data-label={t('invitations.expires')}>
        <time dateTime={invitation.expiresAt}>
          {formatDate(expires, { dateStyle: 'medium', timeStyle: 'short' })}
        </time>
      </td>
      <td data-label={t('members.actions')}>
        {canAct && (
          <div class="actions">
            <button
              type="button"
              class="button button--secondary button--small"
              data-testid="invitation-resend"
              aria-label={t('invitations.resendTo', { email: invitation.email })}
              disabled={busy !== null}
              onClick={() => act('resend')}
            >
              {busy === 'resend' ? t('invitations.resending') : t('invitations.resend')}
            </button>
            <button
              type="button"
              class="button button--secondary button--small"
              data-testid="invitation-revoke"
              aria-label={t('invitations.revokeTo', { email: invitation.email })}
              disabled={busy !== null}
              onClick={() => act('revoke')}
            >
              {busy === 'revoke' ? t('invitations.revoking') : t('invitations.revoke')}
            </button>
          </div>
        )}
        {error && (
          <p class="field__error" role="alert" data-testid="invitation-error">
            {error}
          </p>
        )}
      </td>
    </tr>
  )
}

function InviteForm(props: Context) {
  const { t } = useI18n()
  const { organization, role: myRole } = props.data
  const roles = grantableRoles[myRole]
  const formRef = useRef<HTMLFormElement>(null)
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role | ''>(roles.length === 1 ? (roles[0] ?? '') : '')
  const [language, setLanguage] = useState(
    (ORG_LANGUAGES as readonly string[]).includes(organization.defaultLocale)
      ? organization.defaultLocale
      : 'en',
  )
  const submit = useSubmit(['email', 'role', 'locale'], { formRef })

  const onSubmit = (event: Event) => {
    event.preventDefault()
    const address = email.trim()
    submit.run(async () => {
      await apiSend<Invitation>('POST', orgApi(organization.slug, '/invitations'), {
        email: address,
        role,
        locale: language,
      })
      setEmail('')
      props.notify(t('invite.sent', { email: isolate(address) }))
      props.reload()
    })
  }

  return (
    <section class="section" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('invite.heading')}</h2>
      <p>{t('invite.intro')}</p>
      <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="invite-form">
        <Field id="invite-email" label={t('invite.email')} error={submit.fields.email}>
          {(control) => (
            <input
              {...control}
              data-testid="invite-email"
              type="email"
              dir="ltr"
              required
              maxLength={254}
              autocomplete="off"
              spellcheck={false}
              value={email}
              onInput={(event) => setEmail(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="invite-role" label={t('invite.role')} error={submit.fields.role}>
          {(control) => (
            <select
              {...control}
              data-testid="invite-role"
              required
              value={role}
              onChange={(event) => setRole(event.currentTarget.value as Role)}
            >
              <option value="" disabled>
                {t('form.choose')}
              </option>
              {roles.map((option) => (
                <option key={option} value={option}>
                  {roleLabel(t, option)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="invite-language" label={t('invite.language')} error={submit.fields.locale}>
          {(control) => (
            <select
              {...control}
              data-testid="invite-language"
              value={language}
              onChange={(event) => setLanguage(event.currentTarget.value)}
            >
              {ORG_LANGUAGES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {languageName(code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <FormAlert message={submit.message} />
        <SubmitButton
          busy={submit.busy}
          label={t('invite.submit')}
          busyLabel={t('invite.sending')}
          testid="invite-submit"
        />
      </form>
    </section>
  )
}
