import { LOCALES } from '@tandem/i18n'
import { EVENT_KINDS, EVENT_STATUSES, EVENT_SUPPORTS, MAX_EVENT_GUESTS, RSVP_STATUSES } from '@tandem/vocab'
import * as v from 'valibot'
import { rule, unique } from '../../lib/field-errors'
import { Id, Limit, Locale, MailName, OrgSlug, Page, Text } from '../../lib/schema'

/** The path of one event: `/orgs/{org}/events/{event}` (a program's event too: ids are unique in the org). */
export const EventParam = v.object({ org: OrgSlug, event: Id })
/** The path of one reply: `/orgs/{org}/events/{event}/rsvps/{rsvp}`. */
export const RsvpParam = v.object({ ...EventParam.entries, rsvp: Id })

/** An instant with its offset (`2026-12-10T18:00:00+01:00` or `…Z`); the web enters it in the org's zone. */
const Instant = v.pipe(
  v.string(),
  v.isoTimestamp('Use a date and time like 2026-12-10T18:00:00Z.'),
  v.transform((s) => new Date(s)),
)

const Capacity = v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)))
const Languages = v.pipe(
  v.array(Locale),
  v.maxLength(12),
  rule(unique, 'duplicate', 'List each language once.'),
)
const Supports = v.pipe(
  v.array(v.picklist(EVENT_SUPPORTS)),
  rule(unique, 'duplicate', 'List each support once.'),
)

const eventFields = {
  /** Goes into invitation and reminder email: no web addresses, no control characters. */
  title: MailName(120),
  kind: v.picklist(EVENT_KINDS, `Choose one of: ${EVENT_KINDS.join(', ')}.`),
  description: v.nullable(Text(2000)),
  startsAt: Instant,
  endsAt: Instant,
  /** An address or a room; null when only online. */
  place: v.nullable(v.pipe(Text(200), v.minLength(1, 'Enter a place, or leave it out.'))),
  online: v.boolean(),
  /** Seats, counting each guest's family members; null for no limit. */
  capacity: Capacity,
  languages: Languages,
  supports: Supports,
}

/** A new event: title, kind, start and end; a place, or online (or both). */
export const CreateEventBody = v.object({
  title: eventFields.title,
  kind: eventFields.kind,
  description: v.optional(eventFields.description, null),
  startsAt: eventFields.startsAt,
  endsAt: eventFields.endsAt,
  place: v.optional(eventFields.place, null),
  online: v.optional(eventFields.online, false),
  capacity: v.optional(eventFields.capacity, null),
  languages: v.optional(eventFields.languages, []),
  supports: v.optional(eventFields.supports, []),
})

/** A change to an event: any of its fields. Raising the capacity seats people from the waiting list. */
export const PatchEventBody = v.pipe(
  v.partial(v.object(eventFields)),
  rule((b) => Object.keys(b).length > 0, 'nothing-to-change', 'Send at least one field to change.'),
)

/** Which events a list shows: those still to end (soonest first) or those that ended (latest first). */
export const EventListQuery = v.object({
  when: v.optional(v.picklist(['upcoming', 'past']), 'upcoming'),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}\.[a-z2-7]{24}$/, 'Not a valid cursor.'))),
  limit: Limit(20, 100),
})

const Party = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_EVENT_GUESTS))

/** A reply: coming (with `guests` family members or companions, and the supports the party needs), or not. */
export const RsvpBody = v.object({
  answer: v.picklist(['going', 'declined'], 'Choose one of: going, declined.'),
  guests: v.optional(Party, 0),
  supports: v.optional(Supports, []),
})

/** How many of a party came (0 … 1 + guests), checked in at the event. */
export const AttendanceBody = v.object({
  attended: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1 + MAX_EVENT_GUESTS)),
})

// ---------- answers ----------

/** What an event is, as coordinators and the people invited to it see it alike. */
const eventShownEntries = {
  programName: v.nullable(v.string()),
  title: v.string(),
  kind: v.picklist(EVENT_KINDS),
  description: v.nullable(v.string()),
  startsAt: v.string(),
  endsAt: v.string(),
}

const eventEntries = {
  id: v.string(),
  programId: v.nullable(v.string()),
  ...eventShownEntries,
  place: v.nullable(v.string()),
  online: v.boolean(),
  capacity: v.nullable(v.number()),
  languages: v.array(v.string()),
  supports: v.array(v.picklist(EVENT_SUPPORTS)),
  status: v.picklist(EVENT_STATUSES),
}

/** Seats and people: `seatsTaken` counts every member of a `going` party. */
const Counts = v.object({
  seatsTaken: v.number(),
  /** Null when there is no limit. */
  seatsFree: v.nullable(v.number()),
  goingParties: v.number(),
  waitingParties: v.number(),
  waitingPeople: v.number(),
  declined: v.number(),
  /** People checked in at the event (an outcome), and how many replies were checked. */
  attended: v.number(),
  checkedIn: v.number(),
})

export const EventOut = v.object({ ...eventEntries, counts: Counts })
export const EventsOut = Page(EventOut)

/** One event with what planning needs: supports asked for by kind (people's parties) and guests' languages. */
export const EventDetailOut = v.object({
  ...eventEntries,
  counts: Counts,
  /** Parties (going or waiting) that asked for each support. */
  supportsNeeded: v.record(v.picklist(EVENT_SUPPORTS), v.number()),
  /** The preferred languages of the people going, with how many parties each. */
  guestLanguages: v.array(v.object({ locale: v.string(), parties: v.number() })),
})

export const RsvpOut = v.object({
  id: v.string(),
  participantId: v.string(),
  name: v.string(),
  role: v.string(),
  locale: v.string(),
  status: v.picklist(RSVP_STATUSES),
  guests: v.number(),
  supports: v.array(v.picklist(EVENT_SUPPORTS)),
  respondedAt: v.string(),
  /** Place in the waiting list (1 = next), or null when not waiting. */
  waitingPosition: v.nullable(v.number()),
  attended: v.nullable(v.number()),
})
export const RsvpsOut = v.object({ items: v.array(RsvpOut) })

export const InvitedOut = v.object({
  /** Invitations written now (each person once per event). */
  invited: v.number(),
  /** People without an email address, who turned these emails off, or invited before. */
  skipped: v.number(),
})

// ---------- portal ----------

/** A reply as its person sees it. */
export const MyReplyOut = v.object({
  status: v.picklist(RSVP_STATUSES),
  guests: v.number(),
  supports: v.array(v.picklist(EVENT_SUPPORTS)),
  waitingPosition: v.nullable(v.number()),
})

export const MyEventOut = v.object({
  ...eventEntries,
  seatsFree: v.nullable(v.number()),
  myReply: v.nullable(MyReplyOut),
})
export const MyEventsOut = v.object({ items: v.array(MyEventOut) })

// ---------- invitations by token (public) ----------

export const InvitationTokenParam = v.object({ token: v.string() })

export const EventInvitationOut = v.object({
  firstName: v.string(),
  organizationName: v.string(),
  ...eventShownEntries,
  /** The organization's time zone, to show the times in. */
  timezone: v.string(),
  place: v.nullable(v.string()),
  online: v.boolean(),
  languages: v.array(v.string()),
  supports: v.array(v.picklist(EVENT_SUPPORTS)),
  seatsFree: v.nullable(v.number()),
  maxGuests: v.number(),
  /** The person's own language (one the web client speaks), for the page. */
  locale: v.picklist(LOCALES),
  status: v.literal('open'),
})

export const EventReplyOut = MyReplyOut
