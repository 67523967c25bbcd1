import { matchEndReasons, matchModes, matchStatuses, proposalStatuses } from '@tandem/db'
import * as v from 'valibot'
import { Id, OrgSlug } from '../../lib/schema'

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max))
const Org = OrgSlug
const Limit = (fallback: number, max: number) =>
  v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(max)),
    String(fallback),
  )

/** Most decisions one request may carry: each accept is ~9 statements of one atomic batch. */
export const MAX_DECISIONS = 50

export const RunParam = v.object({ org: Org, program: Id, run: Id })
export const MatchParam = v.object({ org: Org, program: Id, match: Id })

export const StartRunBody = v.object({
  mode: v.optional(v.picklist(matchModes, 'Choose participation or score.'), 'participation'),
})

export const RunListQuery = v.object({ cursor: v.optional(Id), limit: Limit(20, 50) })

export const ProposalListQuery = v.object({
  status: v.optional(v.picklist(proposalStatuses)),
  cursor: v.optional(Id),
  limit: Limit(100, 500),
})

export const DecisionsBody = v.pipe(
  v.object({
    accept: v.optional(v.pipe(v.array(Id), v.maxLength(MAX_DECISIONS)), []),
    reject: v.optional(
      v.pipe(
        v.array(
          v.object({
            id: Id,
            reason: v.pipe(
              Text(500),
              v.minLength(3, 'Say why the pair is rejected (at least 3 characters).'),
            ),
          }),
        ),
        v.maxLength(MAX_DECISIONS),
      ),
      [],
    ),
  }),
  v.check((b) => b.accept.length + b.reject.length > 0, 'Accept or reject at least one proposal.'),
  v.check(
    (b) => b.accept.length + b.reject.length <= MAX_DECISIONS,
    `At most ${MAX_DECISIONS} decisions per request.`,
  ),
  v.check((b) => {
    const ids = [...b.accept, ...b.reject.map((r) => r.id)]
    return new Set(ids).size === ids.length
  }, 'Decide on each proposal once.'),
)

export const CreateMatchBody = v.object({
  menteeId: Id,
  mentorId: Id,
  overrideReason: v.optional(
    v.pipe(Text(500), v.minLength(10, 'Explain the override in at least 10 characters.')),
  ),
})

export const MatchListQuery = v.object({
  status: v.optional(v.picklist(matchStatuses)),
  /** Only matches (not yet ended) in which the mentee or the mentor asked to end. */
  endRequested: v.optional(v.picklist(['true'], 'Use endRequested=true or leave it out.')),
  cursor: v.optional(Id),
  limit: Limit(50, 200),
})

export const UpdateMatchBody = v.variant('status', [
  v.object({ status: v.literal('paused') }),
  v.object({ status: v.literal('active') }),
  v.object({
    status: v.literal('ended'),
    endReason: v.picklist(matchEndReasons, `Use one of: ${matchEndReasons.join(', ')}.`),
    endNote: v.optional(Text(1000)),
    requestedBy: v.optional(v.picklist(['mentor', 'mentee', 'coordinator'])),
  }),
])

const Explanation = v.array(
  v.object({
    criterion: v.string(),
    points: v.number(),
    messageKey: v.string(),
    params: v.record(v.string(), v.union([v.string(), v.number()])),
  }),
)

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

export const EndRequestOut = v.object({
  at: v.string(),
  reason: v.picklist(matchEndReasons),
  hasNote: v.boolean(),
  /** The note itself only where it is read on purpose: one match's page (audited) and the person's own view. */
  note: v.nullable(v.string()),
})

const Person = v.object({ id: v.string(), displayName: v.string() })

export const ProposalOut = v.object({
  id: v.string(),
  runId: v.string(),
  status: v.string(),
  mentee: Person,
  mentor: Person,
  score: v.number(),
  breakdown: v.record(v.string(), v.number()),
  explanation: Explanation,
  rejectReason: v.nullable(v.string()),
  decidedAt: v.nullable(v.string()),
})

export const MatchOut = v.object({
  id: v.string(),
  programId: v.string(),
  status: v.picklist(matchStatuses),
  mentee: Person,
  mentor: Person,
  proposalId: v.nullable(v.string()),
  overrideReason: v.nullable(v.string()),
  endReason: v.nullable(v.string()),
  endNote: v.nullable(v.string()),
  endRequestedBy: v.nullable(v.string()),
  endRequests: v.object({ mentee: v.nullable(EndRequestOut), mentor: v.nullable(EndRequestOut) }),
  startedAt: v.string(),
  endedAt: v.nullable(v.string()),
  createdAt: v.string(),
})

export const DecisionsOut = v.object({
  accepted: v.array(v.object({ proposalId: v.string(), matchId: v.string() })),
  rejected: v.array(v.string()),
})
