import { MAX_EVENT_GUESTS } from '@tandem/vocab'
import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { ConfirmStep } from '../../kit/confirm-step'
import { FactList } from '../../kit/fact-list'
import { Load, useLoad } from '../../kit/load'
import { Notice } from '../../kit/notice'
import { useAction } from '../../kit/use-action'
import { fresh, ok, params } from '../../lib/client'
import { eventStatusLabel, eventSupportLabel, rsvpStatusLabel } from '../../lib/labels'
import { eventsPath } from '../../lib/paths'
import { languageLabel } from '../../lib/text'
import { OrgPage } from '../org/org-page'
import { canManagePrograms } from '../org/roles'
import { EventForm } from './event-form'
import { EventWhen, EventWhere } from './event-parts'
import { type EventDetail, eventRoute, type Rsvp, valuesOf } from './events'

/**
 * `/orgs/{org}/events/{event}`: one event for its coordinators — totals for planning (seats, waiting list,
 * supports asked for, guests' languages, attendance), inviting by email, changing or cancelling it, and the
 * guest list, where people are checked in at the door on a phone.
 */
export default function EventPage(props: { event: string }) {
  const { t } = useI18n()
  return (
    <OrgPage
      title={t('event.pageTitle')}
      crumbs
      ownHeading
      loadKey={props.event}
      load={(slug, signal) =>
        ok(eventRoute.$get({ param: params({ org: slug, event: props.event }) }, fresh(signal)))
      }
      notFound={t('event.notFound')}
      allowed={(o) => canManagePrograms(o.role)}
    >
      {({ organization, data, reload }) => (
        <EventView slug={organization.slug} timeZone={organization.timezone} event={data} reload={reload} />
      )}
    </OrgPage>
  )
}

function EventView(props: { slug: string; timeZone: string; event: EventDetail; reload: () => void }) {
  const { t, locale } = useI18n()
  const e = props.event
  const c = e.counts
  const param = params({ org: props.slug, event: e.id })
  const action = useAction<'invite' | 'cancel'>()
  const [notice, setNotice] = useState('')
  const open = e.status === 'scheduled' && new Date(e.startsAt).getTime() > Date.now()
  const needed = Object.entries(e.supportsNeeded).filter(([, n]) => n > 0)
  return (
    <>
      <h1>
        <bdi>{e.title}</bdi>
        {e.status === 'cancelled' && (
          <>
            {' '}
            <span class="badge badge--cancelled" data-testid="event-status">
              {eventStatusLabel(t, e.status)}
            </span>
          </>
        )}
      </h1>
      <p class="lead">
        <EventWhen startsAt={e.startsAt} endsAt={e.endsAt} timeZone={props.timeZone} />
      </p>
      <EventWhere event={e} />
      {e.description && <p>{e.description}</p>}
      <p>
        <a href={eventsPath(props.slug, e.programId ?? undefined)}>
          {e.programName ? t('event.backProgram', { program: e.programName }) : t('event.backOrg')}
        </a>
      </p>
      <Notice testid="event-notice">{notice}</Notice>
      <section class="card section" aria-labelledby="event-totals">
        <h2 id="event-totals">{t('event.totals')}</h2>
        <FactList
          testid="event-totals"
          facts={[
            {
              label: t('event.seatsTaken'),
              value:
                e.capacity === null
                  ? t('event.seatsNoLimit', { taken: c.seatsTaken })
                  : t('event.seats', { taken: c.seatsTaken, capacity: e.capacity }),
              testid: 'event-seats-taken',
            },
            {
              label: t('event.waitingList'),
              value: t('event.waitingPeople', { count: c.waitingPeople, parties: c.waitingParties }),
              testid: 'event-waiting',
            },
            { label: t('event.declined'), value: String(c.declined) },
            {
              label: t('event.attended'),
              value: t('event.attendedValue', { people: c.attended, parties: c.checkedIn }),
              testid: 'event-attended',
            },
            needed.length > 0 && {
              label: t('event.supportsNeeded'),
              value: needed.map(([s, n]) => `${eventSupportLabel(t, s)}: ${n}`).join(' · '),
              testid: 'event-supports-needed',
            },
            e.guestLanguages.length > 0 && {
              label: t('event.guestLanguages'),
              value: e.guestLanguages
                .map((l) => `${languageLabel(locale, l.locale)}: ${l.parties}`)
                .join(' · '),
            },
          ]}
        />
      </section>
      {open && (
        <div class="actions">
          <Button
            variant="primary"
            testid="event-invite"
            busy={action.busy === 'invite'}
            onClick={() =>
              action.run('invite', async () => {
                const sent = await ok(eventRoute.invitations.$post({ param }))
                setNotice(t('event.invited', { count: sent.invited }))
              })
            }
          >
            {t('event.invite')}
          </Button>
          <ConfirmStep
            label={t('event.cancel')}
            testid="event-cancel"
            question={t('event.cancelQuestion')}
            yes={t('event.cancelYes')}
            no={t('common.cancel')}
            busy={action.busy === 'cancel'}
            onConfirm={() =>
              action.run('cancel', async () => {
                await ok(eventRoute.cancel.$post({ param }))
                setNotice(t('event.cancelled'))
                props.reload()
              })
            }
          />
        </div>
      )}
      {action.error && (
        <p class="alert alert--error" role="alert">
          {action.error}
        </p>
      )}
      {e.status === 'scheduled' && (
        <details class="disclosure card" data-testid="event-edit">
          <summary>{t('event.edit')}</summary>
          <EventForm
            key={`${e.id}:${e.capacity}:${e.title}`}
            id="event-edit-form"
            initial={valuesOf(e, props.timeZone)}
            timeZone={props.timeZone}
            labels={[t('event.save'), t('common.saving')]}
            send={async (json) => {
              await ok(eventRoute.$patch({ param, json }))
              setNotice(t('event.saved'))
              props.reload()
            }}
          />
        </details>
      )}
      <GuestList
        slug={props.slug}
        eventId={e.id}
        version={`${c.seatsTaken}:${c.waitingParties}:${c.declined}`}
        onChanged={props.reload}
      />
    </>
  )
}

/** The guest list: seated, then waiting (with places), then declined; each seated party checked in by count. */
function GuestList(props: { slug: string; eventId: string; version: string; onChanged: () => void }) {
  const { t } = useI18n()
  const param = params({ org: props.slug, event: props.eventId })
  const { state, reload } = useLoad(`${props.eventId}:${props.version}`, (signal) =>
    ok(eventRoute.rsvps.$get({ param }, fresh(signal))),
  )
  return (
    <section class="section" aria-labelledby="event-guests">
      <h2 id="event-guests">{t('event.guests')}</h2>
      <Load state={state}>
        {(list) =>
          list.items.length === 0 ? (
            <p data-testid="event-guests-empty">{t('event.noReplies')}</p>
          ) : (
            <ul class="cards" data-testid="event-guests">
              {list.items.map((r) => (
                <Guest
                  key={`${r.id}:${r.attended}:${r.status}`}
                  slug={props.slug}
                  eventId={props.eventId}
                  rsvp={r}
                  onChanged={() => {
                    reload()
                    props.onChanged()
                  }}
                />
              ))}
            </ul>
          )
        }
      </Load>
    </section>
  )
}

function Guest(props: { slug: string; eventId: string; rsvp: Rsvp; onChanged: () => void }) {
  const { t } = useI18n()
  const r = props.rsvp
  const party = 1 + r.guests
  const [came, setCame] = useState(String(r.attended ?? party))
  const action = useAction<'check'>()
  const selectId = `guest-${r.id}-came`
  return (
    <li class="card" data-testid="guest" data-status={r.status}>
      <p>
        <strong>
          <bdi>{r.name}</bdi>
        </strong>{' '}
        <span class={`badge badge--${r.status}`} data-testid="guest-status">
          {rsvpStatusLabel(t, r.status)}
          {r.waitingPosition !== null && ` · ${t('event.waitingPlace', { place: r.waitingPosition })}`}
        </span>
      </p>
      <p class="aside">
        {t('event.party', { count: party })}
        {r.supports.length > 0 && ` · ${r.supports.map((s) => eventSupportLabel(t, s)).join(', ')}`}
      </p>
      {r.status !== 'declined' && (
        <div class="inline-form">
          <label for={selectId}>{t('event.came')}</label>
          <select
            id={selectId}
            data-testid="guest-came"
            value={came}
            onChange={(event) => setCame(event.currentTarget.value)}
          >
            {Array.from({ length: Math.min(party, MAX_EVENT_GUESTS + 1) + 1 }, (_, n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
          <Button
            small
            testid="guest-check-in"
            busy={action.busy === 'check'}
            label={t('event.checkInLabel', { name: r.name })}
            onClick={() =>
              action.run('check', async () => {
                await ok(
                  eventRoute.rsvps[':rsvp'].attendance.$put({
                    param: params({ org: props.slug, event: props.eventId, rsvp: r.id }),
                    json: { attended: Number(came) },
                  }),
                )
                props.onChanged()
              })
            }
          >
            {r.attended === null ? t('event.checkIn') : t('event.checkInAgain')}
          </Button>
          {r.attended !== null && (
            <span data-testid="guest-attended">{t('event.checkedIn', { count: r.attended })}</span>
          )}
        </div>
      )}
      {action.error && (
        <p class="alert alert--error" role="alert">
          {action.error}
        </p>
      )}
    </li>
  )
}
