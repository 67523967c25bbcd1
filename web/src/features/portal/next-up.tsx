import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { FormAlert, useSubmit } from '../../kit/form'
import { Load, useLoad } from '../../kit/load'
import { Notice } from '../../kit/notice'
import { type Answer, fresh, ok, params, v1 } from '../../lib/client'
import { dayDate } from '../../lib/dates'
import { isolate } from '../../lib/text'

/** `GET /api/v1/orgs/{org}/my/next-up`: the portal home's summary of what comes next. */
const nextUpRoute = v1.orgs[':org'].my['next-up']
/** The person's own calendar feed URL: made (replacing an earlier one) or turned off. */
const myFeedRoute = v1.orgs[':org'].my['calendar-feed']
type NextUp = Answer<typeof nextUpRoute.$get>
type Feed = Answer<typeof myFeedRoute.$post>

/** Where the browser downloads one event as an `.ics` file (the session cookie goes along: same origin). */
const eventFileHref = (slug: string, event: string) =>
  `/api/v1/orgs/${encodeURIComponent(slug)}/my/calendar/events/${encodeURIComponent(event)}`

/**
 * The top of the portal home on a phone (decision 031): each tandem with its next meeting and open goals, the
 * events the person is going to or waiting for, and the link that puts their meetings and events in their own
 * calendar app.
 */
export function NextUp(props: { slug: string; timeZone: string }) {
  const { t, formatDate } = useI18n()
  const { state, reload } = useLoad(props.slug, (signal) =>
    ok(nextUpRoute.$get({ param: params({ org: props.slug }) }, fresh(signal))),
  )
  const day = (d: string) => formatDate(dayDate(d), { dateStyle: 'full', timeZone: 'UTC' })
  const when = (iso: string) =>
    formatDate(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone: props.timeZone })
  return (
    <section class="card section next-up" aria-labelledby="next-up-heading" data-testid="next-up">
      <h2 id="next-up-heading">{t('nextUp.heading')}</h2>
      <Load state={state}>
        {(data: NextUp) => (
          <>
            {data.tandems.map((m) => (
              <div
                key={m.matchId}
                class="next-up__tandem"
                data-testid="next-up-tandem"
                data-match={m.matchId}
              >
                <h3>
                  {m.side === 'mentee'
                    ? t('portal.yourMentor', { name: isolate(m.partnerFirstName) })
                    : t('portal.yourMentee', { name: isolate(m.partnerFirstName) })}
                </h3>
                <p data-testid="next-up-meeting">
                  {m.nextMeeting ? (
                    <>
                      {t('nextUp.nextMeeting')} <time dateTime={m.nextMeeting}>{day(m.nextMeeting)}</time>
                    </>
                  ) : (
                    t('nextUp.noMeeting')
                  )}
                </p>
                {m.openGoals.length > 0 && (
                  <>
                    <p class="next-up__label">{t('nextUp.openGoals')}</p>
                    <ul class="next-up__list" data-testid="next-up-goals">
                      {m.openGoals.map((g) => (
                        <li key={g.id}>
                          <bdi>{g.title}</bdi>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            ))}
            <h3>{t('nextUp.events')}</h3>
            {data.events.length === 0 ? (
              <p class="muted" data-testid="next-up-no-events">
                {t('nextUp.noEvents')}
              </p>
            ) : (
              <ul class="next-up__list" data-testid="next-up-events">
                {data.events.map((e) => (
                  <li key={e.id} data-testid="next-up-event" data-reply={e.reply} data-status={e.status}>
                    <strong>
                      <bdi>{e.title}</bdi>
                    </strong>{' '}
                    <span class={`badge badge--${e.reply === 'going' ? 'active' : 'paused'}`}>
                      {e.status === 'cancelled'
                        ? t('nextUp.cancelled')
                        : e.reply === 'going'
                          ? t('nextUp.going')
                          : t('nextUp.waitlisted')}
                    </span>
                    <br />
                    <time dateTime={e.startsAt}>{when(e.startsAt)}</time>
                    {(e.place || e.online) && (
                      <>
                        {' · '}
                        <bdi>{e.place ?? t('nextUp.online')}</bdi>
                      </>
                    )}
                    <br />
                    <a href={eventFileHref(props.slug, e.id)} download data-testid="next-up-event-ics">
                      {t('nextUp.addEvent')}
                    </a>
                  </li>
                ))}
              </ul>
            )}
            <CalendarLink slug={props.slug} active={data.calendarFeed !== null} onChanged={reload} />
          </>
        )}
      </Load>
    </section>
  )
}

/**
 * "Add to my calendar": makes the person's secret feed URL (shown once, since only its hash is kept) and offers
 * it as a `webcal:` link phones open in their calendar app; making a new one or turning it off ends the old one.
 */
function CalendarLink(props: { slug: string; active: boolean; onChanged: () => void }) {
  const { t } = useI18n()
  const [feed, setFeed] = useState<Feed | null>(null)
  const [notice, setNotice] = useState('')
  const submit = useSubmit([])
  const param = params({ org: props.slug })
  const make = () =>
    submit.run(async () => {
      setFeed(await ok(myFeedRoute.$post({ param })))
      setNotice('')
    })
  const stop = () =>
    submit.run(async () => {
      await ok(myFeedRoute.$delete({ param }))
      setFeed(null)
      setNotice(t('nextUp.calendarOff'))
      props.onChanged()
    })
  return (
    <div class="next-up__calendar" data-testid="calendar-link">
      <h3>{t('nextUp.calendar')}</h3>
      <p class="muted">{t('nextUp.calendarIntro')}</p>
      <Notice testid="calendar-notice">{notice}</Notice>
      {feed ? (
        <>
          <p>
            <a class="button" href={feed.webcalUrl} data-testid="calendar-subscribe">
              {t('nextUp.calendarAdd')}
            </a>
          </p>
          <label for="calendar-url">{t('nextUp.calendarUrl')}</label>
          <input
            id="calendar-url"
            class="next-up__url"
            type="url"
            readOnly
            dir="ltr"
            value={feed.url}
            data-testid="calendar-url"
            onFocus={(event) => event.currentTarget.select()}
          />
          <p class="muted">{t('nextUp.calendarSecret')}</p>
        </>
      ) : (
        props.active && <p data-testid="calendar-active">{t('nextUp.calendarActive')}</p>
      )}
      <FormAlert message={submit.message} />
      <div class="actions">
        <Button
          variant={feed ? 'secondary' : 'primary'}
          busy={submit.busy}
          onClick={make}
          testid="calendar-make"
        >
          {props.active || feed ? t('nextUp.calendarNew') : t('nextUp.calendarMake')}
        </Button>
        {(props.active || feed) && (
          <Button busy={submit.busy} onClick={stop} testid="calendar-stop">
            {t('nextUp.calendarStop')}
          </Button>
        )}
      </div>
    </div>
  )
}
