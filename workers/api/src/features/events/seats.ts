import { type Database, eventRsvps, events, newId, participants, programs, type Tenant } from '@tandem/db'
import { emailLocale, eventSeatEmail } from '@tandem/email'
import type { RsvpStatus } from '@tandem/vocab'
import { sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type * as v from 'valibot'
import { audit } from '../../lib/audit'
import { fieldError } from '../../lib/field-errors'
import { refusedBy } from '../../lib/guard'
import { firstName } from '../../lib/participant-events'
import { Problem } from '../../lib/problem'
import { contactOf } from '../../lib/sides'
import { inIds, inTenant, sameTenantRow } from '../../lib/sql'
import { scheduleEmail } from '../email/outbox.service'
import type { RsvpBody } from './schema'
import { eventWhen } from './when'

/**
 * Seats and the waiting list (decision 029). D1 has no interactive transactions, so every change of who holds
 * seats is one conditional statement that reads the seats taken and writes in the same step: a reply takes
 * seats only if `seats taken by others + its party ≤ capacity`, and a promotion seats the earliest waiting party
 * that fits. Concurrent replies therefore never overbook; the rest wait in reply order (`responded_at`, then id).
 */

/** Seats held by `going` replies of the event, other than `participantId`'s own (SQL, for one statement). */
const seatsTakenByOthers = (tenantId: string, eventId: string, participantId: string) =>
  sql`(select coalesce(sum(1 + g.guests), 0) from event_rsvps g where g.tenant_id = ${tenantId} and g.event_id = ${eventId} and g.status = 'going' and g.participant_id <> ${participantId})`

const capacityOf = (tenantId: string, eventId: string) =>
  sql`(select e.capacity from events e where e.tenant_id = ${tenantId} and e.id = ${eventId})`

/**
 * The statement that records one person's reply. `going` becomes `going` when the party fits in the free seats
 * (or there is no limit), else `waitlisted`. Someone already going who asks for more seats than are free keeps
 * the reply they had: the status comes out NULL, which NOT NULL refuses, and the batch rolls back (`event-full`).
 * The place in the waiting list (`responded_at`) is kept across changes, and starts anew after a decline.
 */
export function replyStatement(
  db: Database,
  tenantId: string,
  eventId: string,
  participantId: string,
  body: v.InferOutput<typeof RsvpBody>,
  now: Date,
) {
  const party = 1 + body.guests
  const status =
    body.answer === 'declined'
      ? sql`'declined'`
      : sql`(case when ${capacityOf(tenantId, eventId)} is null or ${seatsTakenByOthers(tenantId, eventId, participantId)} + ${party} <= ${capacityOf(tenantId, eventId)} then 'going' else 'waitlisted' end)`
  return db
    .insert(eventRsvps)
    .values({
      id: newId(),
      tenantId,
      eventId,
      participantId,
      status,
      guests: body.guests,
      supports: body.supports,
      respondedAt: now,
      createdAt: now,
    })
    .onConflictDoUpdate({
      target: [eventRsvps.tenantId, eventRsvps.eventId, eventRsvps.participantId],
      set: {
        status: sql`case when event_rsvps.status = 'going' and excluded.status = 'waitlisted' then null else excluded.status end`,
        guests: sql`excluded.guests`,
        supports: sql`excluded.supports`,
        respondedAt: sql`case when event_rsvps.status = 'declined' or excluded.status = 'declined' then excluded.responded_at else event_rsvps.responded_at end`,
      },
    })
    .returning({ id: eventRsvps.id, status: eventRsvps.status, guests: eventRsvps.guests })
}

/**
 * One promotion: the earliest waiting party (reply order) that fits in the free seats becomes `going`, if the
 * event is still scheduled. A no-op when none fits; returns the promoted reply.
 */
export function promoteStatement(db: Database, tenantId: string, eventId: string) {
  return db
    .update(eventRsvps)
    .set({ status: 'going' })
    .where(
      sql`${eventRsvps.id} = (select w.id from event_rsvps w join events e on e.id = w.event_id and e.tenant_id = w.tenant_id
        where w.tenant_id = ${tenantId} and w.event_id = ${eventId} and w.status = 'waitlisted' and e.status = 'scheduled'
          and (e.capacity is null or (select coalesce(sum(1 + g.guests), 0) from event_rsvps g where g.tenant_id = ${tenantId} and g.event_id = ${eventId} and g.status = 'going') + 1 + w.guests <= e.capacity)
        order by w.responded_at, w.id limit 1)`,
    )
    .returning({ id: eventRsvps.id, participantId: eventRsvps.participantId })
}

/** Promotions that can follow a reply that frees seats: a party holds at most 1 + MAX_EVENT_GUESTS seats. */
export const PROMOTIONS_PER_REPLY = 10

/** The promoted replies among a batch's results (from index `from` on). */
export const promotedIn = (results: unknown[], from: number) =>
  results.slice(from).flatMap((r) => r as { id: string; participantId: string }[])

/**
 * Runs a reply (with its audit entry and the promotions it may allow) as one batch. Returns the reply and who
 * was seated from the waiting list. `event-full` when a going party asks for more seats than are free.
 */
export async function recordReply(
  db: Database,
  tenantId: string,
  eventId: string,
  participantId: string,
  body: v.InferOutput<typeof RsvpBody>,
  now: Date,
  extra: { actorUserId: string | null; via: 'portal' | 'invitation'; before?: BatchItem<'sqlite'>[] },
) {
  const before = extra.before ?? []
  const promotions = Array.from({ length: PROMOTIONS_PER_REPLY }, () =>
    promoteStatement(db, tenantId, eventId),
  )
  try {
    const results = (await db.batch([
      ...before,
      audit(
        db,
        {
          tenantId,
          actorUserId: extra.actorUserId,
          action: 'event.replied',
          targetType: 'event',
          targetId: eventId,
          meta: { participantId, answer: body.answer, guests: body.guests, via: extra.via },
        },
        now,
      ),
      replyStatement(db, tenantId, eventId, participantId, body, now),
      ...promotions,
    ] as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]])) as unknown[]
    const reply = (results[before.length + 1] as { id: string; status: RsvpStatus; guests: number }[])[0]
    if (!reply) throw new Error('reply not recorded')
    return { reply, promoted: promotedIn(results, before.length + 2) }
  } catch (error) {
    if (refusedBy(error, 'event_rsvps.status')) {
      throw new Problem('event-full', {
        detail: 'There are not enough free seats for a larger party; your reply stays as it was.',
        errors: [
          fieldError('guests', 'too-large', { message: 'There are not enough free seats for this many.' }),
        ],
      })
    }
    throw error
  }
}

/** Seats waiting parties until none fits (after the capacity rose); returns who was seated. */
export async function promoteAll(db: Database, tenantId: string, eventId: string) {
  const promoted: { id: string; participantId: string }[] = []
  for (let round = 0; round < 50; round++) {
    const statements = Array.from({ length: 20 }, () => promoteStatement(db, tenantId, eventId))
    const [first, ...rest] = statements
    if (!first) break
    const seated = promotedIn((await db.batch([first, ...rest])) as unknown[], 0)
    promoted.push(...seated)
    if (seated.length < statements.length) break
  }
  return promoted
}

/**
 * Tells each person seated from the waiting list, in their language (transactional: the one answer to their
 * reply; sent once). Written after the promotion: a failure here loses an email, never a seat.
 */
export async function tellSeated(
  db: Database,
  tenant: Tenant,
  eventId: string,
  promoted: { id: string; participantId: string }[],
  config: { APP_ORIGIN: string },
  now: Date,
) {
  if (promoted.length === 0) return
  const rows = await db
    .select({
      ...contactOf,
      title: events.title,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      place: events.place,
      programName: programs.name,
    })
    .from(participants)
    .innerJoin(events, inTenant(events, tenant.id, sql`${events.id} = ${eventId}`))
    .leftJoin(programs, sameTenantRow(programs, events.programId, events.tenantId))
    .where(
      inTenant(
        participants,
        tenant.id,
        inIds(
          participants.id,
          promoted.map((p) => p.participantId),
        ),
      ),
    )
  const statements = rows.flatMap((r) => {
    if (!r.email) return []
    const locale = emailLocale(r.locale, tenant.defaultLocale)
    const mail = eventSeatEmail(locale, {
      name: firstName(r.name),
      title: r.title,
      when: eventWhen(locale, tenant.timezone, r.startsAt, r.endsAt),
      place: r.place,
      org: tenant.name,
      link: `${config.APP_ORIGIN}/orgs/${tenant.slug}/my`,
    })
    return [
      scheduleEmail(db, {
        tenantId: tenant.id,
        kind: 'event-seat',
        toAddress: r.email,
        ...mail,
        dueAt: now,
      }),
    ]
  })
  const [first, ...rest] = statements
  if (first) await db.batch([first, ...rest])
}
