import { MAX_EVENT_GUESTS } from '@tandem/vocab'
import { closedLinkBy, readOneTimeLink } from '../../kit/use-token-link'
import { type Answer, ok, v1 } from '../../lib/client'
import { parseCodes } from '../../lib/text'

/**
 * Group activities (decision 029) as the web client sees them: the typed routes, the conversion between an
 * instant and the wall-clock time of the organization's zone (forms enter times there), and request bodies.
 */
export const orgEventsRoute = v1.orgs[':org'].events
export const programEventsRoute = v1.orgs[':org'].programs[':program'].events
export const eventRoute = v1.orgs[':org'].events[':event']
export const myEventsRoute = v1.orgs[':org'].my.events
export const invitationRoute = v1['event-invitations'][':token']

export type EventItem = Answer<typeof orgEventsRoute.$get>['items'][number]
export type EventDetail = Answer<typeof eventRoute.$get>
export type Rsvp = Answer<(typeof eventRoute)['rsvps']['$get']>['items'][number]
export type MyEvent = Answer<typeof myEventsRoute.$get>['items'][number]
export type Invitation = Answer<typeof invitationRoute.$get>
export type Reply = Answer<typeof invitationRoute.$post>

export { MAX_EVENT_GUESTS }

/** `YYYY-MM-DDTHH:mm` of an instant on the clocks of `timeZone` (what a `datetime-local` input holds). */
export function zonedLocal(iso: string | Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

/**
 * The instant (ISO, UTC) at which the clocks of `timeZone` show `local` (`YYYY-MM-DDTHH:mm`). Found by
 * correcting a first guess by the zone's offset twice, which settles on both sides of a daylight-saving change.
 */
export function zonedInstant(local: string, timeZone: string): string {
  const wanted = Date.parse(`${local}:00Z`)
  if (Number.isNaN(wanted)) return local
  let guess = wanted
  for (let i = 0; i < 2; i++) {
    const shown = Date.parse(`${zonedLocal(new Date(guess), timeZone)}:00Z`)
    guess += wanted - shown
  }
  return new Date(guess).toISOString()
}

/** What the event form holds: times as the organization's wall-clock, numbers and lists as typed. */
export interface EventValues {
  title: string
  kind: string
  description: string
  startsAt: string
  endsAt: string
  place: string
  online: boolean
  capacity: string
  /** Language codes typed by hand ("de, ar"). */
  languages: string
  supports: string[]
}

export const emptyEvent = (): EventValues => ({
  title: '',
  kind: '',
  description: '',
  startsAt: '',
  endsAt: '',
  place: '',
  online: false,
  capacity: '',
  languages: '',
  supports: [],
})

export const valuesOf = (e: EventItem, timeZone: string): EventValues => ({
  title: e.title,
  kind: e.kind,
  description: e.description ?? '',
  startsAt: zonedLocal(e.startsAt, timeZone),
  endsAt: zonedLocal(e.endsAt, timeZone),
  place: e.place ?? '',
  online: e.online,
  capacity: e.capacity === null ? '' : String(e.capacity),
  languages: e.languages.join(', '),
  supports: e.supports,
})

/** The body of a create or change: times as instants, an empty capacity as "no limit". */
export function eventBody(values: EventValues, timeZone: string) {
  const capacity = values.capacity.trim()
  return {
    title: values.title,
    kind: values.kind as EventItem['kind'],
    description: values.description.trim() || null,
    startsAt: values.startsAt ? zonedInstant(values.startsAt, timeZone) : '',
    endsAt: values.endsAt ? zonedInstant(values.endsAt, timeZone) : '',
    place: values.place.trim() || null,
    online: values.online,
    capacity: capacity === '' ? null : Number(capacity),
    languages: parseCodes(values.languages),
    supports: values.supports as EventItem['supports'],
  }
}

/** An invitation link's problem as the state that closes it (used, expired, unknown), or null for any other. */
export const closedInvitationOf = closedLinkBy({ used: 'event-invitation-used', conflictIsUsed: false })

/** Reads the invitation (GET: changes nothing); a used, lapsed or unknown link is an answer, not an error. */
export const openInvitation = (token: string) =>
  readOneTimeLink(() => ok(invitationRoute.$get({ param: { token } })), closedInvitationOf)
