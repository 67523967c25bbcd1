import { EVENT_KINDS, EVENT_STATUSES, RSVP_STATUSES } from '@tandem/vocab'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { participants, programs } from './programs'
import { tenants } from './tenants'

/**
 * A group activity (decision 029): of one program, or of the whole organization when `programId` is null.
 * Start and end are instants (UTC milliseconds); pages show them in the organization's time zone.
 */
export const events = sqliteTable(
  'events',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    programId: text('program_id').references(() => programs.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    description: text('description'),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
    /** Where it happens (an address or a room), or null when only online. */
    place: text('place'),
    online: integer('online', { mode: 'boolean' }).notNull().default(false),
    /** Seats, counting each guest's family members; null means no limit. */
    capacity: integer('capacity'),
    /** Locale codes of the languages spoken there. */
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Codes from EVENT_SUPPORTS. */
    supports: text('supports', { mode: 'json' }).$type<string[]>().notNull().default([]),
    status: text('status', { enum: EVENT_STATUSES }).notNull().default('scheduled'),
    createdByUserId: text('created_by_user_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('events_start').on(t.tenantId, t.startsAt),
    index('events_program').on(t.tenantId, t.programId, t.startsAt),
  ],
)

/**
 * One participant's reply to an event, for themselves and `guests` family members or companions. Seats are
 * taken by a single conditional write, so concurrent replies never overbook; the waiting list is served in
 * reply order (`respondedAt`).
 */
export const eventRsvps = sqliteTable(
  'event_rsvps',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    status: text('status', { enum: RSVP_STATUSES }).notNull(),
    guests: integer('guests').notNull().default(0),
    /** Codes from EVENT_SUPPORTS this party needs. */
    supports: text('supports', { mode: 'json' }).$type<string[]>().notNull().default([]),
    respondedAt: integer('responded_at', { mode: 'timestamp_ms' }).notNull(),
    /** How many of the party came, checked in at the event; null until checked. */
    attended: integer('attended'),
    attendedAt: integer('attended_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('event_rsvps_person').on(t.tenantId, t.eventId, t.participantId),
    index('event_rsvps_queue').on(t.tenantId, t.eventId, t.status, t.respondedAt),
  ],
)

/**
 * A one-click invitation to an event (decision 029), by email: the same token rules as meeting check-ins. The
 * token is `<tenant id>.<secret>`; only its SHA-256 is stored. One invitation per person and event; reading it
 * changes nothing, answering it uses it up (`usedAt`), and it lapses when the event starts (`expiresAt`).
 */
export const eventInvitations = sqliteTable(
  'event_invitations',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('event_invitations_token_hash').on(t.tokenHash),
    uniqueIndex('event_invitations_person').on(t.tenantId, t.eventId, t.participantId),
  ],
)

export type Event = typeof events.$inferSelect
export type NewEvent = typeof events.$inferInsert
export type EventRsvp = typeof eventRsvps.$inferSelect
export type EventInvitation = typeof eventInvitations.$inferSelect
