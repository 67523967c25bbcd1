import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { LoadList, useLoad } from '../../kit/load'
import { Notice } from '../../kit/notice'
import { fresh, ok, params } from '../../lib/client'
import { EventWhen, EventWhere } from '../events/event-parts'
import { type MyEvent, myEventsRoute } from '../events/events'
import { ReplyForm, ReplyState } from '../events/reply-form'

/**
 * Upcoming group activities in the portal: those of the person's programs and of the whole organization, each
 * with the free seats, the person's own reply and a form to reply (for themselves and their family, with the
 * supports they need), change or cancel it.
 */
export function MyEvents(props: { slug: string; timeZone: string }) {
  const { t } = useI18n()
  const [version, setVersion] = useState(0)
  const { state } = useLoad(`my-events/${props.slug}/${version}`, async (signal) => {
    const answer = await ok(myEventsRoute.$get({ param: params({ org: props.slug }) }, fresh(signal)))
    return answer.items
  })
  const [notice, setNotice] = useState('')
  return (
    <section class="section" aria-labelledby="my-events" data-testid="my-events">
      <h2 id="my-events">{t('portal.events')}</h2>
      <Notice testid="my-events-notice">{notice}</Notice>
      <LoadList state={state} empty={t('portal.eventsEmpty')} emptyTestid="my-events-empty" muted>
        {(items) => (
          <ul class="cards">
            {items.map((e) => (
              <MyEventCard
                key={`${e.id}:${e.myReply?.status ?? ''}:${e.myReply?.guests ?? ''}`}
                slug={props.slug}
                timeZone={props.timeZone}
                event={e}
                onReplied={(message) => {
                  setNotice(message)
                  setVersion((n) => n + 1)
                }}
              />
            ))}
          </ul>
        )}
      </LoadList>
    </section>
  )
}

function MyEventCard(props: {
  slug: string
  timeZone: string
  event: MyEvent
  onReplied: (message: string) => void
}) {
  const { t } = useI18n()
  const e = props.event
  const reply = e.myReply
  return (
    <li class="card" data-testid="my-event">
      <h3>
        <bdi>{e.title}</bdi>
      </h3>
      <p>
        <EventWhen startsAt={e.startsAt} endsAt={e.endsAt} timeZone={props.timeZone} />
      </p>
      <EventWhere event={e} />
      {e.seatsFree !== null && (
        <p class="aside" data-testid="my-event-free">
          {t('event.free', { count: e.seatsFree })}
        </p>
      )}
      {reply && <ReplyState reply={reply} testid="my-event-reply" />}
      <details class="disclosure" data-testid="my-event-open">
        <summary>{reply ? t('reply.change') : t('reply.open')}</summary>
        <ReplyForm
          id={`my-event-${e.id}`}
          offered={e.supports}
          initial={
            reply
              ? {
                  answer: reply.status === 'declined' ? 'declined' : 'going',
                  guests: String(reply.guests),
                  supports: reply.supports,
                }
              : {}
          }
          labels={[t('reply.send'), t('reply.sending')]}
          send={async (json) => {
            const answer = await ok(
              myEventsRoute[':event'].rsvp.$put({ param: params({ org: props.slug, event: e.id }), json }),
            )
            props.onReplied(
              answer.status === 'going'
                ? t('reply.doneGoing')
                : answer.status === 'waitlisted'
                  ? t('reply.doneWaiting', { place: answer.waitingPosition ?? 0 })
                  : t('reply.doneDeclined'),
            )
          }}
        />
      </details>
    </li>
  )
}
