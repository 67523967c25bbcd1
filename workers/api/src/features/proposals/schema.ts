import { proposalStatuses } from '@tandem/db'
import { MAX_DECISIONS } from '@tandem/vocab'
import * as v from 'valibot'
import { rule, unique } from '../../lib/field-errors'
import { Id, Limit, Text } from '../../lib/schema'
import { Person } from '../matches/schema'

export const ProposalListQuery = v.object({
  status: v.optional(v.picklist(proposalStatuses)),
  cursor: v.optional(Id),
  limit: Limit(100, 500),
})

/** At most MAX_DECISIONS decisions a request: each accept is ~9 statements of one atomic batch. */
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
  rule((b) => b.accept.length + b.reject.length > 0, 'required', 'Accept or reject at least one proposal.'),
  rule(
    (b) => b.accept.length + b.reject.length <= MAX_DECISIONS,
    'too-many',
    `At most ${MAX_DECISIONS} decisions per request.`,
    { max: MAX_DECISIONS },
  ),
  rule(
    (b) => unique([...b.accept, ...b.reject.map((r) => r.id)]),
    'duplicate',
    'Decide on each proposal once.',
  ),
)

const Explanation = v.array(
  v.object({
    criterion: v.string(),
    points: v.number(),
    messageKey: v.string(),
    params: v.record(v.string(), v.union([v.string(), v.number()])),
  }),
)

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

export const DecisionsOut = v.object({
  accepted: v.array(v.object({ proposalId: v.string(), matchId: v.string() })),
  rejected: v.array(v.string()),
})
