import {
  END_REQUESTERS,
  MATCH_END_REASONS,
  MATCH_MODES,
  MATCH_RUN_STATUSES,
  MATCH_STATUSES,
  PROPOSAL_STATUSES,
} from '@tandem/vocab'
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { participants, programs } from './programs'
import { tenants } from './tenants'

export const matchModes = MATCH_MODES
export const matchRunStatuses = MATCH_RUN_STATUSES
export const proposalStatuses = PROPOSAL_STATUSES
export const matchStatuses = MATCH_STATUSES
export const matchEndReasons = MATCH_END_REASONS

/** A mentor's or mentee's request to end their match, waiting for a coordinator to confirm. */
export type EndRequest = {
  /** When they first asked (kept when they change the reason or note). */
  at: string
  /** The account that asked: the request and its note are theirs only (a later link of another account to this
   *  side does not inherit them). */
  by: string
  reason: (typeof matchEndReasons)[number]
  /** Their note, AES-GCM encrypted like protected fields (`v1.<iv>.<ciphertext>`), or null. */
  sealedNote: string | null
}

export type MatchRunStats = {
  mentees: number
  mentors: number
  feasiblePairs: number
  matched: number
  unmatched: number
  /** Why mentees stayed unmatched: reason code → count. */
  unmatchedReasons: Record<string, number>
  total: number
  greedy: { matched: number; total: number }
  solveMs: number
}

/** One run of the matching engine over a program's pool; executed by the queue consumer. */
export const matchRuns = sqliteTable(
  'match_runs',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    programId: text('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    mode: text('mode', { enum: matchModes }).notNull(),
    status: text('status', { enum: matchRunStatuses }).notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    requestedBy: text('requested_by'),
    stats: text('stats', { mode: 'json' }).$type<MatchRunStats | null>(),
    error: text('error'),
    createdAt: createdAt(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('match_runs_program').on(t.tenantId, t.programId, t.createdAt)],
)

/** A pair the engine proposed, with its score and explanation, waiting for a coordinator. */
export const matchProposals = sqliteTable(
  'match_proposals',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    runId: text('run_id')
      .notNull()
      .references(() => matchRuns.id, { onDelete: 'cascade' }),
    menteeId: text('mentee_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    mentorId: text('mentor_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
    breakdown: text('breakdown', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    explanation: text('explanation', { mode: 'json' })
      .$type<
        { criterion: string; points: number; messageKey: string; params: Record<string, string | number> }[]
      >()
      .notNull(),
    status: text('status', { enum: proposalStatuses }).notNull().default('proposed'),
    rejectReason: text('reject_reason'),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
  },
  // `id` last: the board pages a run's proposals in id order straight from the index (no sort of the whole run).
  (t) => [index('match_proposals_run').on(t.tenantId, t.runId, t.status, t.id)],
)

/** A mentoring relationship, from a proposal or made by hand. History stays after it ends. */
export const matches = sqliteTable(
  'matches',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    programId: text('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    menteeId: text('mentee_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    mentorId: text('mentor_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    status: text('status', { enum: matchStatuses }).notNull().default('active'),
    proposalId: text('proposal_id'),
    /** Set when a coordinator matched by hand against a hard constraint. */
    overrideReason: text('override_reason'),
    /** Who asked to end the match: set by a mentor's or mentee's request in the portal, or by the coordinator. */
    endRequestedBy: text('end_requested_by', { enum: END_REQUESTERS }),
    /**
     * Each side's own request to end, made in the portal (kept after the match ends, as history). Separate per
     * side: neither person ever sees the other's request, reason or note.
     */
    menteeEndRequest: text('mentee_end_request', { mode: 'json' }).$type<EndRequest | null>(),
    mentorEndRequest: text('mentor_end_request', { mode: 'json' }).$type<EndRequest | null>(),
    endReason: text('end_reason', { enum: matchEndReasons }),
    endNote: text('end_note'),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    /** The day the tandem is planned to end, `YYYY-MM-DD` (the organization's local day), or null: none set. */
    plannedEndOn: text('planned_end_on'),
  },
  (t) => [
    index('matches_program').on(t.tenantId, t.programId, t.status),
    index('matches_mentor').on(t.tenantId, t.mentorId, t.status),
    index('matches_mentee').on(t.tenantId, t.menteeId, t.status),
  ],
)

/** Pairs a coordinator rejected (with the reason); later runs leave them out. */
export const matchExclusions = sqliteTable(
  'match_exclusions',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    menteeId: text('mentee_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    mentorId: text('mentor_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.menteeId, t.mentorId] })],
)

export type MatchRun = typeof matchRuns.$inferSelect
export type MatchProposal = typeof matchProposals.$inferSelect
export type Match = typeof matches.$inferSelect
