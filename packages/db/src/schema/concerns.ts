import { CONCERN_CATEGORIES, CONCERN_SEVERITIES, CONCERN_SOURCES, CONCERN_STATUSES } from '@tandem/vocab'
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { matches } from './matching'
import { participants, programs } from './programs'
import { tenants } from './tenants'

/**
 * A safeguarding concern about a tandem (decision 030), raised by the mentor or the mentee. The description is
 * sealed at rest (AES-GCM with the tenant's key, bound to the concern); only the program's coordinators and admins
 * read it. `nameToOtherSide` false (the default) means the person must not be named to their partner.
 */
export const concerns = sqliteTable(
  'concerns',
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
    /** The participant record of the person who raised it (their side of the match). */
    raisedById: text('raised_by_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    /**
     * The account of that person when they raised it (null from a check-in of someone without a portal account):
     * "my concerns" lists only the caller's own, even if the participant record is later linked to someone else.
     */
    raisedByUserId: text('raised_by_user_id'),
    side: text('side', { enum: ['mentee', 'mentor'] }).notNull(),
    category: text('category', { enum: CONCERN_CATEGORIES }).notNull(),
    severity: text('severity', { enum: CONCERN_SEVERITIES }).notNull(),
    status: text('status', { enum: CONCERN_STATUSES }).notNull().default('open'),
    /** The description, sealed (`v1.<iv>.<ciphertext>`). */
    sealedDescription: text('sealed_description').notNull(),
    nameToOtherSide: integer('name_to_other_side', { mode: 'boolean' }).notNull().default(false),
    source: text('source', { enum: CONCERN_SOURCES }).notNull(),
    /** When the high-severity alert was queued; null if none was (lower severity, or the day's budget spent). */
    alertedAt: integer('alerted_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('concerns_program').on(t.tenantId, t.programId, t.status, t.createdAt),
    index('concerns_raised_by').on(t.tenantId, t.raisedByUserId),
  ],
)

/** One step in a concern's action log: who did it, a status change (or none), and a sealed note. */
export const concernActions = sqliteTable(
  'concern_actions',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    concernId: text('concern_id')
      .notNull()
      .references(() => concerns.id, { onDelete: 'cascade' }),
    statusBefore: text('status_before', { enum: CONCERN_STATUSES }).notNull(),
    statusAfter: text('status_after', { enum: CONCERN_STATUSES }).notNull(),
    /** The note, sealed, or null. */
    sealedNote: text('sealed_note'),
    actorUserId: text('actor_user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('concern_actions_concern').on(t.tenantId, t.concernId, t.createdAt)],
)

export type Concern = typeof concerns.$inferSelect
export type ConcernAction = typeof concernActions.$inferSelect
