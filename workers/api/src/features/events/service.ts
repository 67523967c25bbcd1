import { type Event, eventRsvps, events, newId, participants, programs, type Tenant } from '@tandem/db'
import { EVENT_SUPPORTS, type EventSupport } from '@tandem/vocab'
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { fieldError } from '../../lib/field-errors'
import { notFound, Problem } from '../../lib/problem'
import { inIds, inTenant, sameTenantRow, tenantRow } from '../../lib/sql'
import type { AttendanceBody, CreateEventBody, EventListQuery, PatchEventBody, RsvpBody } from './schema'
import { promoteAll, recordReply, tellSeated } from './seats'

/**
 * Group activities (decision 029): events of one program, or of the whole organization (`programId` null).
 * Coordinators create, change and cancel them, see totals for planning and the guest list, and check people in
 * at the event; participants reply from the portal or from an invitation email (invitations.service.ts). Seats
 * are taken and freed in seats.ts.
 */

export type Counts = {
  seatsTaken: number
  seatsFree: number | null
  goingParties: number
  waitingParties: number
  waitingPeople: number
  declined: number
  attended: number
  checkedIn: number
}

/** Totals of the replies of each of `eventIds`, by event. */
export async function countsOf(scope: Pick<Scope, 'db' | 'tenantId'>, eventIds: string[]) {
  const out = new Map<string, Omit<Counts, 'seatsFree'>>()
  if (eventIds.length === 0) return out
  const n = (x: unknown) => Number(x ?? 0)
  const rows = await scope.db
    .select({
      eventId: eventRsvps.eventId,
      seatsTaken: sql<number>`sum(case when ${eventRsvps.status} = 'going' then 1 + ${eventRsvps.guests} else 0 end)`,
      goingParties: sql<number>`sum(case when ${eventRsvps.status} = 'going' then 1 else 0 end)`,
      waitingParties: sql<number>`sum(case when ${eventRsvps.status} = 'waitlisted' then 1 else 0 end)`,
      waitingPeople: sql<number>`sum(case when ${eventRsvps.status} = 'waitlisted' then 1 + ${eventRsvps.guests} else 0 end)`,
      declined: sql<number>`sum(case when ${eventRsvps.status} = 'declined' then 1 else 0 end)`,
      attended: sql<number>`sum(coalesce(${eventRsvps.attended}, 0))`,
      checkedIn: sql<number>`sum(case when ${eventRsvps.attended} is not null then 1 else 0 end)`,
    })
    .from(eventRsvps)
    .where(inTenant(eventRsvps, scope.tenantId, inIds(eventRsvps.eventId, eventIds)))
    .groupBy(eventRsvps.eventId)
  for (const r of rows) {
    out.set(r.eventId, {
      seatsTaken: n(r.seatsTaken),
      goingParties: n(r.goingParties),
      waitingParties: n(r.waitingParties),
      waitingPeople: n(r.waitingPeople),
      declined: n(r.declined),
      attended: n(r.attended),
      checkedIn: n(r.checkedIn),
    })
  }
  return out
}

const noReplies = {
  seatsTaken: 0,
  goingParties: 0,
  waitingParties: 0,
  waitingPeople: 0,
  declined: 0,
  attended: 0,
  checkedIn: 0,
}

export const seatsFreeOf = (e: Pick<Event, 'capacity'>, seatsTaken: number) =>
  e.capacity === null ? null : Math.max(0, e.capacity - seatsTaken)

export const eventEntries = (e: Event, programName: string | null) => ({
  id: e.id,
  programId: e.programId,
  programName,
  title: e.title,
  kind: e.kind,
  description: e.description,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  place: e.place,
  online: e.online,
  capacity: e.capacity,
  languages: e.languages,
  supports: e.supports as EventSupport[],
  status: e.status,
})

function eventOut(e: Event, programName: string | null, counts = noReplies) {
  return {
    ...eventEntries(e, programName),
    counts: { ...counts, seatsFree: seatsFreeOf(e, counts.seatsTaken) },
  }
}

/** Events with the name of their program (none for the organization's own), for this tenant's queries. */
const eventsWithProgram = (scope: Pick<Scope, 'db'>) =>
  scope.db
    .select({ event: events, programName: programs.name })
    .from(events)
    .leftJoin(programs, sameTenantRow(programs, events.programId, events.tenantId))
    .$dynamic()

/** The event `eventId` of this organization (any program's, or the organization's own), or 404. */
export async function loadEvent(scope: Pick<Scope, 'db' | 'tenantId'>, eventId: string) {
  const row = await eventsWithProgram(scope)
    .where(tenantRow(events, scope.tenantId, eventId))
    .get()
  if (!row) throw notFound('No such event in this organization.')
  return row
}

/** Where and when must make sense together: a place or online, and an end after the start. */
function checkShape(e: Pick<Event, 'startsAt' | 'endsAt' | 'place' | 'online'>) {
  const errors = []
  if (e.endsAt.getTime() <= e.startsAt.getTime()) {
    errors.push(fieldError('endsAt', 'invalid', { message: 'The end must come after the start.' }))
  }
  if (e.endsAt.getTime() - e.startsAt.getTime() > 14 * 86_400_000) {
    errors.push(fieldError('endsAt', 'invalid', { message: 'An event lasts at most 14 days.' }))
  }
  if (!e.place && !e.online) {
    errors.push(fieldError('place', 'required', { message: 'Give a place, or mark the event as online.' }))
  }
  if (errors.length) throw new Problem('invalid-request', { detail: 'Some answers need fixing.', errors })
}

const closed = () =>
  new Problem('event-closed', { detail: 'This event was cancelled or has begun: it cannot change now.' })

/** Creates an event of `programId`, or of the whole organization when null (audited). */
export async function createEvent(
  scope: Scope,
  program: { id: string; name: string } | null,
  body: v.InferOutput<typeof CreateEventBody>,
) {
  checkShape(body)
  const row: Event = {
    id: newId(),
    tenantId: scope.tenantId,
    programId: program?.id ?? null,
    ...body,
    status: 'scheduled',
    createdByUserId: scope.actorId,
    createdAt: scope.now,
    updatedAt: scope.now,
  }
  await scope.db.batch([
    scope.db.insert(events).values(row),
    auditFor(scope)('event.created', { type: 'event', id: row.id }, { programId: row.programId }),
  ])
  return eventOut(row, program?.name ?? null)
}

/**
 * Changes an event (audited). Raising the capacity (or lifting it) seats waiting parties in reply order, and
 * each is told by email. A capacity below the seats already taken keeps everyone seated: nobody loses a seat.
 */
export async function updateEvent(
  scope: Scope,
  tenant: Tenant,
  eventId: string,
  body: v.InferOutput<typeof PatchEventBody>,
  config: { APP_ORIGIN: string },
) {
  const { event } = await loadEvent(scope, eventId)
  if (event.status === 'cancelled') throw closed()
  const next = { ...event, ...body, updatedAt: scope.now }
  checkShape(next)
  await scope.db.batch([
    scope.db
      .update(events)
      .set({ ...body, updatedAt: scope.now })
      .where(tenantRow(events, scope.tenantId, eventId)),
    auditFor(scope)('event.updated', { type: 'event', id: eventId }, { fields: Object.keys(body).join(',') }),
  ])
  // A new capacity seats whoever now fits (none when it fell: nobody loses a seat).
  if (body.capacity !== undefined && next.endsAt.getTime() > scope.now.getTime()) {
    const promoted = await promoteAll(scope.db, scope.tenantId, eventId)
    await tellSeated(scope.db, tenant, eventId, promoted, config, scope.now)
  }
  return getEvent(scope, eventId)
}

/** Cancels an event (audited): replies close; the guest list stays for the record. */
export async function cancelEvent(scope: Scope, eventId: string) {
  const { event } = await loadEvent(scope, eventId)
  if (event.status !== 'cancelled') {
    await scope.db.batch([
      scope.db
        .update(events)
        .set({ status: 'cancelled', updatedAt: scope.now })
        .where(tenantRow(events, scope.tenantId, eventId)),
      auditFor(scope)('event.cancelled', { type: 'event', id: eventId }),
    ])
  }
  return getEvent(scope, eventId)
}

const cursorOf = (e: Event) => `${e.startsAt.getTime()}.${e.id}`

/**
 * A page of events: `upcoming` (not yet ended, soonest first) or `past` (ended, latest first), keyset-paged on
 * (start, id). `programId` narrows to one program's events; without it, every event of the organization.
 */
export async function listEvents(
  scope: Scope,
  programId: string | undefined,
  query: v.InferOutput<typeof EventListQuery>,
) {
  const upcoming = query.when === 'upcoming'
  const now = scope.now
  const after = query.cursor
    ? (() => {
        const [ms, id] = query.cursor.split('.') as [string, string]
        const at = new Date(Number(ms))
        return upcoming
          ? or(gt(events.startsAt, at), and(eq(events.startsAt, at), gt(events.id, id)))
          : or(lt(events.startsAt, at), and(eq(events.startsAt, at), lt(events.id, id)))
      })()
    : undefined
  const rows = await eventsWithProgram(scope)
    .where(
      inTenant(
        events,
        scope.tenantId,
        programId ? eq(events.programId, programId) : undefined,
        upcoming ? gt(events.endsAt, now) : lte(events.endsAt, now),
        after,
      ),
    )
    .orderBy(
      ...(upcoming ? [asc(events.startsAt), asc(events.id)] : [desc(events.startsAt), desc(events.id)]),
    )
    .limit(query.limit + 1)
  const page = rows.slice(0, query.limit)
  const counts = await countsOf(
    scope,
    page.map((r) => r.event.id),
  )
  const last = page.at(-1)
  return {
    items: page.map((r) => eventOut(r.event, r.programName, counts.get(r.event.id))),
    nextCursor: rows.length > query.limit && last ? cursorOf(last.event) : null,
  }
}

/** One event with its totals, the supports its guests asked for, and the languages of those going. */
export async function getEvent(scope: Pick<Scope, 'db' | 'tenantId'>, eventId: string) {
  const { event, programName } = await loadEvent(scope, eventId)
  const counts = (await countsOf(scope, [eventId])).get(eventId)
  const replies = await scope.db
    .select({
      status: eventRsvps.status,
      supports: eventRsvps.supports,
      locale: participants.preferredLocale,
    })
    .from(eventRsvps)
    .innerJoin(participants, sameTenantRow(participants, eventRsvps.participantId, eventRsvps.tenantId))
    .where(
      inTenant(
        eventRsvps,
        scope.tenantId,
        eq(eventRsvps.eventId, eventId),
        inArray(eventRsvps.status, ['going', 'waitlisted']),
      ),
    )
  const supportsNeeded = Object.fromEntries(EVENT_SUPPORTS.map((s) => [s, 0])) as Record<EventSupport, number>
  const languages = new Map<string, number>()
  for (const r of replies) {
    for (const s of r.supports) if (s in supportsNeeded) supportsNeeded[s as EventSupport]++
    if (r.status === 'going') languages.set(r.locale, (languages.get(r.locale) ?? 0) + 1)
  }
  return {
    ...eventOut(event, programName, counts),
    supportsNeeded,
    guestLanguages: [...languages]
      .map(([locale, parties]) => ({ locale, parties }))
      .sort((a, b) => b.parties - a.parties || a.locale.localeCompare(b.locale)),
  }
}

/** The guest list: going in reply order, then the waiting list in order (with places), then those who declined. */
export async function listRsvps(scope: Scope, eventId: string) {
  await loadEvent(scope, eventId)
  const rows = await scope.db
    .select({
      rsvp: eventRsvps,
      name: participants.displayName,
      role: participants.role,
      locale: participants.preferredLocale,
    })
    .from(eventRsvps)
    .innerJoin(participants, sameTenantRow(participants, eventRsvps.participantId, eventRsvps.tenantId))
    .where(inTenant(eventRsvps, scope.tenantId, eq(eventRsvps.eventId, eventId)))
    .orderBy(
      sql`case ${eventRsvps.status} when 'going' then 0 when 'waitlisted' then 1 else 2 end`,
      asc(eventRsvps.respondedAt),
      asc(eventRsvps.id),
    )
  let waiting = 0
  return {
    items: rows.map((r) => ({
      id: r.rsvp.id,
      participantId: r.rsvp.participantId,
      name: r.name,
      role: r.role,
      locale: r.locale,
      status: r.rsvp.status,
      guests: r.rsvp.guests,
      supports: r.rsvp.supports as EventSupport[],
      respondedAt: r.rsvp.respondedAt.toISOString(),
      waitingPosition: r.rsvp.status === 'waitlisted' ? ++waiting : null,
      attended: r.rsvp.attended,
    })),
  }
}

/**
 * Checks a party in at the event: how many of it came (0 … 1 + guests). Counted as an outcome (the event's
 * `attended`). Checking in again corrects the number. Audited.
 */
export async function recordAttendance(
  scope: Scope,
  eventId: string,
  rsvpId: string,
  body: v.InferOutput<typeof AttendanceBody>,
) {
  await loadEvent(scope, eventId)
  const rsvp = await scope.db
    .select()
    .from(eventRsvps)
    .where(tenantRow(eventRsvps, scope.tenantId, rsvpId, eq(eventRsvps.eventId, eventId)))
    .get()
  if (!rsvp) throw notFound('No such reply to this event.')
  if (body.attended > 1 + rsvp.guests) {
    throw new Problem('invalid-request', {
      detail: 'More people than the party holds.',
      errors: [fieldError('attended', 'too-large', { params: { max: 1 + rsvp.guests } })],
    })
  }
  await scope.db.batch([
    scope.db
      .update(eventRsvps)
      .set({ attended: body.attended, attendedAt: scope.now })
      .where(tenantRow(eventRsvps, scope.tenantId, rsvpId)),
    auditFor(scope)(
      'event.attendance_recorded',
      { type: 'event', id: eventId },
      { rsvpId, attended: body.attended },
    ),
  ])
  const checked = (await listRsvps(scope, eventId)).items.find((r) => r.id === rsvpId)
  if (!checked) throw notFound('No such reply to this event.')
  return checked
}

// ---------- the portal ----------

/** The caller's participant records in this organization (not those who left), oldest first. */
async function myParticipants(scope: Scope) {
  return scope.db
    .select({ id: participants.id, programId: participants.programId })
    .from(participants)
    .where(
      inTenant(
        participants,
        scope.tenantId,
        eq(participants.userId, scope.actorId),
        sql`${participants.status} <> 'exited'`,
      ),
    )
    .orderBy(asc(participants.createdAt), asc(participants.id))
}

/** Which of the person's records replies to `event`: the one in its program, or for an org-wide event the oldest. */
const replierFor = (mine: { id: string; programId: string }[], event: Pick<Event, 'programId'>) =>
  event.programId === null ? mine[0] : mine.find((p) => p.programId === event.programId)

/** The place of each waiting reply of `eventIds` in its queue, by reply id. */
async function waitingPositions(scope: Scope, eventIds: string[]) {
  const rows = eventIds.length
    ? await scope.db
        .select({ id: eventRsvps.id, eventId: eventRsvps.eventId })
        .from(eventRsvps)
        .where(
          inTenant(
            eventRsvps,
            scope.tenantId,
            inIds(eventRsvps.eventId, eventIds),
            eq(eventRsvps.status, 'waitlisted'),
          ),
        )
        .orderBy(asc(eventRsvps.respondedAt), asc(eventRsvps.id))
    : []
  const next = new Map<string, number>()
  const place = new Map<string, number>()
  for (const r of rows) {
    const n = (next.get(r.eventId) ?? 0) + 1
    next.set(r.eventId, n)
    place.set(r.id, n)
  }
  return place
}

/**
 * Upcoming events the person may come to: those of the programs they take part in and the organization's own,
 * soonest first, each with their reply (if any) and the free seats. Never anyone else's reply.
 */
export async function listMyEvents(scope: Scope) {
  const mine = await myParticipants(scope)
  if (mine.length === 0) return { items: [] }
  const programIds = [...new Set(mine.map((p) => p.programId))]
  const rows = await eventsWithProgram(scope)
    .where(
      inTenant(
        events,
        scope.tenantId,
        or(isNull(events.programId), inIds(events.programId, programIds)),
        eq(events.status, 'scheduled'),
        gt(events.endsAt, scope.now),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(50)
  const ids = rows.map((r) => r.event.id)
  const counts = await countsOf(scope, ids)
  const replies = ids.length
    ? await scope.db
        .select()
        .from(eventRsvps)
        .where(
          inTenant(
            eventRsvps,
            scope.tenantId,
            inIds(eventRsvps.eventId, ids),
            inIds(
              eventRsvps.participantId,
              mine.map((p) => p.id),
            ),
          ),
        )
    : []
  const places = await waitingPositions(scope, ids)
  return {
    items: rows.map(({ event, programName }) => {
      const me = replierFor(mine, event)
      const reply = replies.find((r) => r.eventId === event.id && r.participantId === me?.id)
      return {
        ...eventEntries(event, programName),
        seatsFree: seatsFreeOf(event, counts.get(event.id)?.seatsTaken ?? 0),
        myReply: reply ? replyOut(reply, places.get(reply.id) ?? null) : null,
      }
    }),
  }
}

export const replyOut = (
  r: { status: 'going' | 'waitlisted' | 'declined'; guests: number; supports: string[] },
  waitingPosition: number | null,
) => ({
  status: r.status,
  guests: r.guests,
  supports: r.supports as EventSupport[],
  waitingPosition: r.status === 'waitlisted' ? waitingPosition : null,
})

/** Replies open until the event begins, while it is scheduled. */
export function checkOpen(event: Pick<Event, 'status' | 'startsAt'>, now: Date) {
  if (event.status !== 'scheduled' || event.startsAt.getTime() <= now.getTime()) throw closed()
}

/** The reply of one person, just recorded, and where it stands now (its place in the waiting list). */
export async function replyOf(scope: Pick<Scope, 'db' | 'tenantId'>, eventId: string, participantId: string) {
  const reply = await scope.db
    .select()
    .from(eventRsvps)
    .where(
      inTenant(
        eventRsvps,
        scope.tenantId,
        eq(eventRsvps.eventId, eventId),
        eq(eventRsvps.participantId, participantId),
      ),
    )
    .get()
  if (!reply) throw new Error('reply not recorded')
  const ahead =
    reply.status === 'waitlisted'
      ? await scope.db
          .select({ n: sql<number>`count(*)` })
          .from(eventRsvps)
          .where(
            inTenant(
              eventRsvps,
              scope.tenantId,
              eq(eventRsvps.eventId, eventId),
              eq(eventRsvps.status, 'waitlisted'),
              or(
                lt(eventRsvps.respondedAt, reply.respondedAt),
                and(eq(eventRsvps.respondedAt, reply.respondedAt), lt(eventRsvps.id, reply.id)),
              ),
            ),
          )
          .get()
      : undefined
  return replyOut(reply, ahead ? Number(ahead.n) + 1 : null)
}

/**
 * The caller's reply to an event of their program or of the organization (404 for any other): going (seated
 * if the party fits, else on the waiting list) or declined (which seats waiting parties, who are told by email).
 */
export async function replyMine(
  scope: Scope,
  tenant: Tenant,
  eventId: string,
  body: v.InferOutput<typeof RsvpBody>,
  config: { APP_ORIGIN: string },
) {
  const mine = await myParticipants(scope)
  const { event } = await loadEvent(scope, eventId)
  const me = replierFor(mine, event)
  if (!me) throw notFound('No such event in this organization.')
  checkOpen(event, scope.now)
  checkSupports(event, body.supports)
  const { promoted } = await recordReply(scope.db, scope.tenantId, eventId, me.id, body, scope.now, {
    actorUserId: scope.actorId,
    via: 'portal',
  })
  await tellSeated(scope.db, tenant, eventId, promoted, config, scope.now)
  return replyOf(scope, eventId, me.id)
}

/** Supports asked for must be among those the event offers: a field error per other one. */
export function checkSupports(event: Pick<Event, 'supports'>, asked: string[]) {
  const errors = asked.flatMap((s, i) =>
    event.supports.includes(s)
      ? []
      : [fieldError(`supports.${i}`, 'one-of', { params: { options: event.supports } })],
  )
  if (errors.length)
    throw new Problem('invalid-request', { detail: 'This event does not offer that support.', errors })
}
