import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { FormAlert, useSubmit } from '../../kit/form'
import { ok } from '../../lib/client'
import { type ParticipantView, participantRoute } from './participant'

/** Whether the person can use the participant portal; the invitation that gives them access; taking it away. */
export function PortalAccess(props: ParticipantView) {
  const { t, formatDate } = useI18n()
  const p = props.data.record
  const invite = useSubmit([])
  const pending = p.portalInvitation
  const endpoint = participantRoute['portal-access']
  const send = () =>
    invite.run(async () => {
      const result = await ok(endpoint.$post({ param: props.param }))
      props.notify(t('participant.portalInvited', { email: result.invitation.email }))
      props.reload()
    })
  const remove = () =>
    invite.run(async () => {
      await ok(endpoint.$delete({ param: props.param }))
      props.notify(t('participant.portalRemoved'))
      props.reload()
    })
  let text = p.email ? t('participant.portalNone') : t('participant.portalNoEmail')
  if (pending) {
    text = t('participant.portalPending', {
      email: pending.email,
      date: formatDate(new Date(pending.expiresAt), { dateStyle: 'medium' }),
    })
  }
  const button = (label: string, onClick: () => void, testid: string) => (
    <Button testid={testid} busy={invite.busy} onClick={onClick}>
      {label}
    </Button>
  )
  return (
    <section class="section" aria-labelledby="portal-heading" data-testid="portal-access">
      <h2 id="portal-heading">{t('participant.portal')}</h2>
      <p data-testid={p.portalLinked ? 'portal-linked' : 'portal-state'}>
        {p.portalLinked ? t('participant.portalLinked') : text}
      </p>
      <FormAlert message={invite.message} />
      <div class="actions">
        {!p.portalLinked &&
          p.email &&
          button(
            invite.busy
              ? t('participant.portalInviting')
              : pending
                ? t('participant.portalResend')
                : t('participant.portalInvite'),
            send,
            'portal-invite',
          )}
        {(p.portalLinked || pending) && button(t('participant.portalRemove'), remove, 'portal-remove')}
      </div>
    </section>
  )
}
