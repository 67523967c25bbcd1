import { useRef, useState } from 'preact/hooks'
import { useI18n, useTitle } from '../../i18n/context'
import { FactList } from '../../kit/fact-list'
import { LinkClosed, LinkStatus } from '../../kit/link-status'
import { type ClosedLink, useOneTimeLink } from '../../kit/use-token-link'
import { ok } from '../../lib/client'
import { eventSupportLabel } from '../../lib/labels'
import { isolate } from '../../lib/text'
import { EventWhen, EventWhere } from './event-parts'
import { closedInvitationOf, type Invitation, invitationRoute, openInvitation, type Reply } from './events'
import { ReplyForm, ReplyState } from './reply-form'

/**
 * `/event-invitation?token=…`: the page behind the link of an invitation email. Opening it records nothing (mail
 * scanners open links): it greets the person and shows the event; the reply is recorded when they press the
 * button. No sign-in: the token names the person and the event. In the person's language unless they chose
 * another; one column, for a 360-pixel phone.
 */
export default function EventInvitationPage() {
  const { t } = useI18n()
  useTitle(t('invitation.title'))
  const { token, view, close } = useOneTimeLink(openInvitation, t('invitation.missing'))

  const body = () => {
    if (view.state === 'status') return <LinkStatus link={view.link} testid="invitation" />
    if (view.state === 'closed') {
      return (
        <LinkClosed state={view.closed} testid="invitation">
          {t(`invitation.${view.closed}`)}
        </LinkClosed>
      )
    }
    return <InvitationForm token={token} invitation={view.data} onClosed={close} />
  }

  return (
    <div class="page check-in">
      <h1>{t('invitation.title')}</h1>
      {body()}
    </div>
  )
}

function InvitationForm(props: {
  token: string
  invitation: Invitation
  onClosed: (state: ClosedLink) => void
}) {
  const { t } = useI18n()
  const i = props.invitation
  const [done, setDone] = useState<Reply | null>(null)
  const thanks = useRef<HTMLDivElement>(null)
  if (done) {
    return (
      <div class="check-in__done" data-testid="invitation-done" tabIndex={-1} ref={thanks}>
        <h2>{t('invitation.thanks', { name: isolate(i.firstName) })}</h2>
        <ReplyState reply={done} testid="invitation-reply" />
      </div>
    )
  }
  return (
    <>
      <p class="lead" data-testid="invitation-greeting">
        {t('invitation.greeting', { name: isolate(i.firstName), org: isolate(i.organizationName) })}
      </p>
      <section class="card" aria-labelledby="invitation-event">
        <h2 id="invitation-event">
          <bdi>{i.title}</bdi>
        </h2>
        <p>
          <EventWhen startsAt={i.startsAt} endsAt={i.endsAt} timeZone={i.timezone} />
        </p>
        <EventWhere event={i} />
        {i.description && <p>{i.description}</p>}
        <FactList
          facts={[
            i.programName !== null && { label: t('invitation.program'), value: <bdi>{i.programName}</bdi> },
            i.seatsFree !== null && {
              label: t('invitation.seats'),
              value: t('event.free', { count: i.seatsFree }),
              testid: 'invitation-free',
            },
            i.supports.length > 0 && {
              label: t('event.supportsOffered'),
              value: i.supports.map((s) => eventSupportLabel(t, s)).join(', '),
            },
          ]}
        />
      </section>
      <ReplyForm
        id="invitation-reply-form"
        offered={i.supports}
        labels={[t('reply.send'), t('reply.sending')]}
        send={async (json) => {
          try {
            const reply = await ok(invitationRoute.$post({ param: { token: props.token }, json }))
            setDone(reply)
            requestAnimationFrame(() => thanks.current?.focus())
          } catch (error) {
            const closed = closedInvitationOf(error)
            if (!closed) throw error
            props.onClosed(closed)
          }
        }}
      />
      <p class="aside">{t('invitation.once')}</p>
    </>
  )
}
