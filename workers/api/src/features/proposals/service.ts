import type { MatchProposal, MatchRun, Program } from '@tandem/db'
import { matchExclusions, matchProposals } from '@tandem/db'
import { and, asc, eq, gt, type SQL } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { fieldError } from '../../lib/field-errors'
import { type FieldError, Problem } from '../../lib/problem'
import { mentee, mentor } from '../../lib/sides'
import { inIds, inTenant, pageOf, sameTenantRow, tenantRow } from '../../lib/sql'
import { commit, pairsState, type Statement, startMatchStatements, unavailable } from '../matches/start'
import type { DecisionsBody, ProposalListQuery } from './schema'

const iso = (d: Date | null) => d?.toISOString() ?? null
/** The proposals of one run of this tenant. */
const ofRun = (tenantId: string, runId: string) =>
  inTenant(matchProposals, tenantId, eq(matchProposals.runId, runId))

function proposalOut(p: MatchProposal, menteeName: string, mentorName: string) {
  return {
    id: p.id,
    runId: p.runId,
    status: p.status,
    mentee: { id: p.menteeId, displayName: menteeName },
    mentor: { id: p.mentorId, displayName: mentorName },
    score: p.score,
    breakdown: p.breakdown,
    explanation: p.explanation,
    rejectReason: p.rejectReason,
    decidedAt: iso(p.decidedAt),
  }
}

/** A run's proposals in id order, keyset-paged on the id. */
export async function listProposals(
  { db, tenantId }: Scope,
  run: MatchRun,
  q: v.InferOutput<typeof ProposalListQuery>,
) {
  const conditions: (SQL | undefined)[] = [ofRun(tenantId, run.id)]
  if (q.status) conditions.push(eq(matchProposals.status, q.status))
  if (q.cursor) conditions.push(gt(matchProposals.id, q.cursor))
  const rows = await db
    .select({
      proposal: matchProposals,
      menteeName: mentee.displayName,
      mentorName: mentor.displayName,
    })
    .from(matchProposals)
    .innerJoin(mentee, sameTenantRow(mentee, matchProposals.menteeId, matchProposals.tenantId))
    .innerJoin(mentor, sameTenantRow(mentor, matchProposals.mentorId, matchProposals.tenantId))
    .where(and(...conditions))
    .orderBy(asc(matchProposals.id))
    .limit(q.limit + 1)
  const out = (r: (typeof rows)[number]) => proposalOut(r.proposal, r.menteeName, r.mentorName)
  return pageOf(rows, q.limit, out, (r) => r.proposal.id)
}

/**
 * Accepts and rejects proposals of one run, all or nothing: every decision is checked first (unknown proposal
 * → 404; already decided, mentee or mentor no longer available, screening expired, capacity → 409, each listed
 * with its path), then one atomic batch writes them.
 */
export async function decide(
  scope: Scope,
  org: { name: string; timezone: string },
  program: Program,
  run: MatchRun,
  body: v.InferOutput<typeof DecisionsBody>,
) {
  const { db, tenantId, actorId, now } = scope
  const ids = [...body.accept, ...body.reject.map((r) => r.id)]
  const found = new Map(
    (
      await db
        .select()
        .from(matchProposals)
        .where(and(ofRun(tenantId, run.id), inIds(matchProposals.id, ids)))
    ).map((p) => [p.id, p]),
  )
  const pathOf = (id: string) => {
    const a = body.accept.indexOf(id)
    return a >= 0 ? `accept.${a}` : `reject.${body.reject.findIndex((r) => r.id === id)}.id`
  }
  const missing = ids.filter((id) => !found.has(id))
  if (missing.length > 0) {
    throw new Problem('not-found', {
      detail: 'No such proposal in this run.',
      errors: missing.map((id) =>
        fieldError(pathOf(id), 'not-found', { message: 'No such proposal in this run.' }),
      ),
    })
  }
  const conflicts: FieldError[] = []
  for (const id of ids) {
    const p = found.get(id) as MatchProposal
    if (p.status !== 'proposed')
      conflicts.push(
        fieldError(pathOf(id), 'changed', {
          params: { reason: p.status },
          message: `This proposal is already ${p.status}.`,
        }),
      )
  }

  const accepted = body.accept.map((id) => found.get(id) as MatchProposal)
  const state = await pairsState(db, tenantId, program.id, accepted)
  const { people, used, busy } = state
  const statements: Statement[] = []
  const results: { proposalId: string; matchId: string }[] = []
  for (const p of accepted) {
    if (p.status !== 'proposed') continue
    const a = people.get(p.menteeId)
    const b = people.get(p.mentorId)
    const taken = used.get(p.mentorId) ?? 0
    const problem =
      !a || !b
        ? 'The pair is no longer in this program.'
        : unavailable(a.participant, b, program, state, now)[0]?.message
    if (problem || !a || !b) {
      conflicts.push(fieldError(pathOf(p.id), 'unavailable', problem ? { message: problem } : {}))
      continue
    }
    used.set(p.mentorId, taken + 1)
    busy.add(p.menteeId)
    const start = startMatchStatements(
      scope,
      org,
      program,
      { mentee: a.participant, mentor: b.participant, taken },
      {
        proposalId: p.id,
        overrideReason: null,
        auditMeta: { proposalId: p.id, runId: run.id, score: p.score },
      },
    )
    // The mentor's status moves with each accepted pair; later statements see the earlier ones' result.
    b.participant = { ...b.participant, status: start.mentorStatus }
    statements.push(
      ...start.statements,
      db
        .update(matchProposals)
        .set({ status: 'accepted', decidedBy: actorId, decidedAt: now })
        .where(tenantRow(matchProposals, tenantId, p.id)),
    )
    results.push({ proposalId: p.id, matchId: start.matchId })
  }
  if (conflicts.length > 0) {
    throw new Problem('decisions-refused', {
      detail: `${conflicts.length} decision${conflicts.length === 1 ? '' : 's'} cannot be made now; nothing was saved.`,
      errors: conflicts,
    })
  }
  for (const r of body.reject) {
    const p = found.get(r.id) as MatchProposal
    statements.push(
      db
        .update(matchProposals)
        .set({ status: 'rejected', rejectReason: r.reason, decidedBy: actorId, decidedAt: now })
        .where(tenantRow(matchProposals, tenantId, p.id, eq(matchProposals.status, 'proposed'))),
      db
        .insert(matchExclusions)
        .values({
          tenantId,
          menteeId: p.menteeId,
          mentorId: p.mentorId,
          reason: r.reason,
          createdBy: actorId,
          createdAt: now,
        })
        .onConflictDoUpdate({
          target: [matchExclusions.tenantId, matchExclusions.menteeId, matchExclusions.mentorId],
          set: { reason: r.reason, createdBy: actorId, createdAt: now },
        }),
      auditFor(scope)(
        'match.proposal_rejected',
        { type: 'match_proposal', id: p.id },
        { runId: run.id, menteeId: p.menteeId, mentorId: p.mentorId, reason: r.reason },
      ),
    )
  }
  await commit(db, statements)
  return { accepted: results, rejected: body.reject.map((r) => r.id) }
}
