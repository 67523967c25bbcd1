import { CHECK_IN_ANSWERS, MEETING_MODES, MEETING_SOURCES, MEETING_STATUSES } from '@tandem/vocab'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { matches } from './matching'
import { participants, programs } from './programs'
import { tenants } from './tenants'

/**
 * A meeting of a tandem: scheduled, held or missed (decision 025). Each side has its own "came" flag and
 * 1–5 rating; the coordinator's note is sealed at rest like participant notes (AES-GCM with the tenant's key,
 * bound to the meeting), and the row holds no plaintext of it.
 */
export const meetings = sqliteTable(
  'meetings',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    programId: text('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    matchId: text('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    /** The calendar day, `YYYY-MM-DD` (no time: people remember the day). */
    date: text('date').notNull(),
    durationMinutes: integer('duration_minutes'),
    mode: text('mode', { enum: MEETING_MODES }),
    /** Codes from the program's goal areas. */
    topics: text('topics', { mode: 'json' }).$type<string[]>().notNull().default([]),
    status: text('status', { enum: MEETING_STATUSES }).notNull().default('held'),
    mentorCame: integer('mentor_came', { mode: 'boolean' }),
    menteeCame: integer('mentee_came', { mode: 'boolean' }),
    mentorRating: integer('mentor_rating'),
    menteeRating: integer('mentee_rating'),
    /** The coordinator's note, sealed (`v1.<iv>.<ciphertext>`), or null. */
    sealedNote: text('sealed_note'),
    source: text('source', { enum: MEETING_SOURCES }).notNull(),
    /** The account that logged it (a member or a portal user); null for an answer to a check-in email. */
    createdByUserId: text('created_by_user_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('meetings_match').on(t.tenantId, t.matchId, t.date)],
)

/**
 * One person's check-in email about their tandem: a single-use link (only the SHA-256 of its token is kept)
 * that records "we met", "we did not meet" or "let's reschedule", valid for 14 days. `period` names what it
 * asks about (a scheduled meeting, or a cadence window), so the scheduler writes one per person and period.
 */
export const checkIns = sqliteTable(
  'check_ins',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    matchId: text('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    /** The scheduled meeting it asks about, or (after a "met") the meeting it logged; null otherwise. */
    meetingId: text('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    tokenHash: text('token_hash').notNull(),
    period: text('period').notNull(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    answer: text('answer', { enum: CHECK_IN_ANSWERS }),
  },
  (t) => [
    uniqueIndex('check_ins_token_hash').on(t.tokenHash),
    uniqueIndex('check_ins_person_period').on(t.tenantId, t.matchId, t.participantId, t.period),
  ],
)

export type Meeting = typeof meetings.$inferSelect
export type NewMeeting = typeof meetings.$inferInsert
export type CheckIn = typeof checkIns.$inferSelect
