import { type Match, matches } from '@tandem/db'
import { sql } from 'drizzle-orm'
import { refusedBy } from './guard'

/**
 * Guarded writes on a match (see `refusedBy`): a write that must apply only while the match is still in a given
 * status, or a match insert that must not overfill a mentor, makes `matches.started_at` NULL otherwise — which
 * the NOT NULL constraint refuses, rolling back the whole batch (audit and history entries included).
 */

/** A `set` value that keeps `started_at` while the match is still in `status` and makes it NULL otherwise. */
export const statusGuard = (status: Match['status']) =>
  sql`case when ${matches.status} = ${status} then ${matches.startedAt} else null end`

/** True for the error a guarded match write raises when its condition no longer held. */
export const isGuardRefusal = (error: unknown) => refusedBy(error, 'matches.started_at')
