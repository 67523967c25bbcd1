import { matchModes } from '@tandem/db'
import * as v from 'valibot'
import { Id, Limit, OrgSlug } from '../../lib/schema'

export const RunParam = v.object({ org: OrgSlug, program: Id, run: Id })

export const StartRunBody = v.object({
  mode: v.optional(v.picklist(matchModes, 'Choose participation or score.'), 'participation'),
})

/** A run just queued: poll it for progress. */
export const StartedOut = v.object({ id: v.string(), status: v.literal('queued') })

export const RunListQuery = v.object({ cursor: v.optional(Id), limit: Limit(20, 50) })

export const RunOut = v.object({
  id: v.string(),
  mode: v.picklist(matchModes),
  status: v.string(),
  progress: v.number(),
  stats: v.nullable(
    v.object({
      mentees: v.number(),
      mentors: v.number(),
      feasiblePairs: v.number(),
      matched: v.number(),
      unmatched: v.number(),
      unmatchedReasons: v.record(v.string(), v.number()),
      total: v.number(),
      greedy: v.object({ matched: v.number(), total: v.number() }),
      solveMs: v.number(),
    }),
  ),
  error: v.nullable(v.string()),
  createdAt: v.string(),
  startedAt: v.nullable(v.string()),
  finishedAt: v.nullable(v.string()),
})

export const UnmatchedOut = v.object({
  items: v.array(v.object({ menteeId: v.string(), displayName: v.string(), reason: v.string() })),
})
