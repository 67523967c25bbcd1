import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { DataTable } from '../../kit/data-table'
import { useAction } from '../../kit/use-action'
import { ok, params } from '../../lib/client'
import { roleLabel } from '../../lib/labels'
import { isolate } from '../../lib/text'
import { orgRoute } from '../org/org'
import { grantableRoles } from '../org/roles'
import { type Invitation, type MembersView, nameWithContext, shownStatus } from './members'

export function InvitationsSection(props: MembersView) {
  const { t } = useI18n()
  return (
    <section class="section" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t('invitations.heading')}</h2>
      <DataTable
        testid="invitations-table"
        rows={props.invitations}
        rowKey={(invitation) => invitation.id}
        empty={<p data-testid="invitations-empty">{t('invitations.empty')}</p>}
        columns={[
          { label: t('members.email') },
          { label: t('members.role') },
          { label: t('invitations.status') },
          { label: t('invitations.expires') },
          { label: t('members.actions') },
        ]}
        row={(invitation) => <InvitationRow key={invitation.id} {...props} invitation={invitation} />}
      />
    </section>
  )
}

function InvitationRow(props: MembersView & { invitation: Invitation }) {
  const { t, formatDate } = useI18n()
  const { invitation } = props
  const action = useAction<'resend' | 'revoke'>()
  const status = shownStatus(invitation)
  const open = status === 'pending' || status === 'expired'
  const canAct = open && grantableRoles(props.role).includes(invitation.role)
  const route = orgRoute.invitations[':invitation']
  const param = params({ org: props.slug, invitation: invitation.id })
  const email = isolate(invitation.email)

  const resend = () =>
    action.run('resend', async () => {
      await ok(route.resend.$post({ param }))
      props.notify(t('invitations.resent', { email }))
      props.reload()
    })
  const revoke = () =>
    action.run('revoke', async () => {
      await ok(route.$delete({ param }))
      props.notify(t('invitations.revoked', { email }))
      props.reload()
    })

  const actionText = {
    resend: [t('invitations.resend'), t('invitations.resending')],
    revoke: [t('invitations.revoke'), t('invitations.revoking')],
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
          {formatDate(new Date(invitation.expiresAt), { dateStyle: 'medium', timeStyle: 'short' })}
        </time>
      </td>
      <td data-label={t('members.actions')}>
        {canAct && (
          <div class="actions">
            {(
              [
                ['resend', resend],
                ['revoke', revoke],
              ] as const
            ).map(([name, onClick]) => {
              const text = actionText[name][action.busy === name ? 1 : 0] ?? ''
              return (
                <Button
                  key={name}
                  small
                  testid={`invitation-${name}`}
                  // The visible text, then whose invitation: the accessible name contains what is seen.
                  label={nameWithContext(text, email)}
                  disabled={action.busy !== null}
                  onClick={onClick}
                >
                  {text}
                </Button>
              )
            })}
          </div>
        )}
        {action.error && (
          <p class="field__error" role="alert" data-testid="invitation-error">
            {action.error}
          </p>
        )}
      </td>
    </tr>
  )
}
