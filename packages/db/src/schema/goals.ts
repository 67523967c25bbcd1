import { GOAL_RECORDERS, GOAL_STATUSES } from '@tandem/vocab'
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { matches } from './matching'
import { programs } from './programs'
import { tenants } from './tenants'

/**
 * A goal of a tandem (decision 027): an area from the program's goal areas, a title, a status, an optional target
 * date, and a revisit cadence with the next revisit date the reminder rule looks at. Not sealed: the mentor, the
 * mentee and the program's coordinators all read it (the pages say so).
 */
export const goals = sqliteTable(
  'goals',
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
    /** A code of the program's goal areas. */
    area: text('area').notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: GOAL_STATUSES }).notNull().default('open'),
    /** `YYYY-MM-DD`, or null. */
    targetDate: text('target_date'),
    revisitDays: integer('revisit_days').notNull(),
    /** `YYYY-MM-DD`: when the goal is due to be looked at again. */
    nextRevisitOn: text('next_revisit_on').notNull(),
    createdByUserId: text('created_by_user_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('goals_match').on(t.tenantId, t.matchId),
    index('goals_revisit').on(t.tenantId, t.nextRevisitOn),
  ],
)

/** One look at a goal: the progress note, and the status and area before and after (a move keeps history). */
export const goalRevisits = sqliteTable(
  'goal_revisits',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    goalId: text('goal_id')
      .notNull()
      .references(() => goals.id, { onDelete: 'cascade' }),
    matchId: text('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    note: text('note'),
    statusBefore: text('status_before', { enum: GOAL_STATUSES }).notNull(),
    statusAfter: text('status_after', { enum: GOAL_STATUSES }).notNull(),
    areaBefore: text('area_before').notNull(),
    areaAfter: text('area_after').notNull(),
    /** Who recorded it: a coordinator (from the match page), or the mentor or mentee (from the portal). */
    recordedBy: text('recorded_by', { enum: GOAL_RECORDERS }).notNull(),
    createdByUserId: text('created_by_user_id'),
    createdAt: createdAt(),
  },
  (t) => [index('goal_revisits_goal').on(t.tenantId, t.goalId, t.createdAt)],
)

export type Goal = typeof goals.$inferSelect
export type GoalRevisit = typeof goalRevisits.$inferSelect
