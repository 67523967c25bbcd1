import {
  type Database,
  type EndRequest,
  type Match,
  type MatchProposal,
  type MatchRun,
  matchExclusions,
  matches,
  matchProposals,
  matchRuns,
  newId,
  type Participant,
  type Program,
  participantEvents,
  participants,
  programs,
  type Screening,
  screenings,
} from '@tandem/db'
import { emailLocale, introductionEmail } from '@tandem/email'
import { assessPair, type FailureCode } from '@tandem/matching'
import {
  and,
  asc,
  type Column,
  count,
  desc,
  eq,
  gt,
  inArray,
  isNotNull,
  lt,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { alias } from 'drizzle-orm/sqlite-core'
import type * as v from 'valibot'
import { audit } from '../../lib/audit'
import { refusedBy } from '../../lib/guard'
import { describeError } from '../../lib/log'
import { type FieldError, notFound, Problem } from '../../lib/problem'
import type { QueueMessage } from '../../queue/messages'
import { scheduleEmail } from '../email/outbox.service'
import { screeningState } from '../participants/service'
import { type NoteKey, openNote } from '../portal/notes'
import { getProgram } from '../programs/service'
import { programSettings, toProfile } from './profile'
import {
  ABANDONED_AFTER_MS,
  MENTEE_POOL_STATUSES,
  MENTOR_POOL_STATUSES,
  OCCUPYING,
  publicStats,
  type RunStats,
} from './run'
import type {
  CreateMatchBody,
  DecisionsBody,
  MatchListQuery,
  ProposalListQuery,
  RunListQuery,
  UpdateMatchBody,
} from './schema'

/** Who is acting, where: the request's tenant, program and user. */
export interface Actor {
  tenantId: string
  orgName: string
  userId: string
}

/** `column IN (ids)` with one bound parameter (D1 allows at most 100 per statement). */
const inIds = (column: Column, ids: string[]) =>
  sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`

const iso = (d: Date | null) => d?.toISOString() ?? null
export const firstName = (displayName: string) => displayName.trim().split(/\s+/)[0] ?? displayName

// ---------- runs ----------

export function runOut(r: MatchRun) {
  return {
    id: r.id,
    mode: r.mode,
    status: r.status,
    progress: r.progress,
    stats: publicStats(r.stats),
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
  }
}

/**
 * Queues a run. The insert itself refuses a second queued or running run of the program (one statement, so two
 * simultaneous requests cannot both pass); runs abandoned by a dead job are marked failed first.
 */
export async function startRun(
  db: Database,
  queue: Queue<QueueMessage>,
  actor: Actor,
  programId: string,
  mode: MatchRun['mode'],
  now: Date,
) {
  const program = await getProgram(db, actor.tenantId, programId)
  const stale = new Date(now.getTime() - ABANDONED_AFTER_MS)
  await db
    .update(matchRuns)
    .set({
      status: 'failed',
      error: 'The run was abandoned (its job stopped without finishing).',
      finishedAt: now,
    })
    .where(
      and(
        eq(matchRuns.tenantId, actor.tenantId),
        eq(matchRuns.programId, program.id),
        or(
          and(eq(matchRuns.status, 'running'), lt(matchRuns.startedAt, stale)),
          and(
            eq(matchRuns.status, 'queued'),
            lt(matchRuns.createdAt, new Date(stale.getTime() - ABANDONED_AFTER_MS)),
          ),
        ),
      ),
    )
  const id = newId()
  await db.run(sql`insert into ${matchRuns} (id, tenant_id, program_id, mode, status, progress, requested_by, created_at)
    select ${id}, ${actor.tenantId}, ${program.id}, ${mode}, 'queued', 0, ${actor.userId}, ${now.getTime()}
    where not exists (select 1 from ${matchRuns} where tenant_id = ${actor.tenantId} and program_id = ${program.id} and status in ('queued', 'running'))`)
  const run = await db
    .select()
    .from(matchRuns)
    .where(and(eq(matchRuns.tenantId, actor.tenantId), eq(matchRuns.id, id)))
    .get()
  if (!run) {
    const active = await db
      .select({ id: matchRuns.id, status: matchRuns.status })
      .from(matchRuns)
      .where(
        and(
          eq(matchRuns.tenantId, actor.tenantId),
          eq(matchRuns.programId, program.id),
          inArray(matchRuns.status, ['queued', 'running']),
        ),
      )
      .get()
    throw new Problem('run-in-progress', {
      detail: `This program already has a match run in progress${active ? ` (${active.id}, ${active.status})` : ''}. Wait for it to finish.`,
    })
  }
  try {
    await queue.send({ type: 'match.run', runId: id, tenantId: actor.tenantId })
  } catch (error) {
    await db
      .update(matchRuns)
      .set({ status: 'failed', error: 'The run could not be queued.', finishedAt: now })
      .where(and(eq(matchRuns.tenantId, actor.tenantId), eq(matchRuns.id, id)))
    console.error(
      JSON.stringify({ level: 'error', msg: 'match run not queued', runId: id, error: describeError(error) }),
    )
    throw new Problem('unavailable', {
      detail: 'The run could not be queued. Try again shortly.',
    })
  }
  await audit(
    db,
    {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: 'match_run.started',
      targetType: 'match_run',
      targetId: id,
      meta: { mode, programId: program.id },
    },
    now,
  )
  return { id, status: 'queued' as const }
}

export async function getRun(db: Database, tenantId: string, programId: string, runId: string) {
  const run = await db
    .select()
    .from(matchRuns)
    .where(and(eq(matchRuns.tenantId, tenantId), eq(matchRuns.programId, programId), eq(matchRuns.id, runId)))
    .get()
  if (!run) throw notFound('No such match run in this program.')
  return run
}

/** Latest first, keyset-paged on (created_at, id). */
export async function listRuns(
  db: Database,
  tenantId: string,
  programId: string,
  q: v.InferOutput<typeof RunListQuery>,
) {
  const conditions: (SQL | undefined)[] = [
    eq(matchRuns.tenantId, tenantId),
    eq(matchRuns.programId, programId),
  ]
  if (q.cursor) {
    const after = await getRun(db, tenantId, programId, q.cursor)
    conditions.push(
      or(
        lt(matchRuns.createdAt, after.createdAt),
        and(eq(matchRuns.createdAt, after.createdAt), lt(matchRuns.id, after.id)),
      ),
    )
  }
  const rows = await db
    .select()
    .from(matchRuns)
    .where(and(...conditions))
    .orderBy(desc(matchRuns.createdAt), desc(matchRuns.id))
    .limit(q.limit + 1)
  const page = rows.slice(0, q.limit)
  return { items: page.map(runOut), nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null }
}

const mentee = alias(participants, 'mentee')
const mentor = alias(participants, 'mentor')

export async function listProposals(
  db: Database,
  tenantId: string,
  run: MatchRun,
  q: v.InferOutput<typeof ProposalListQuery>,
) {
  const conditions: (SQL | undefined)[] = [
    eq(matchProposals.tenantId, tenantId),
    eq(matchProposals.runId, run.id),
  ]
  if (q.status) conditions.push(eq(matchProposals.status, q.status))
  if (q.cursor) conditions.push(gt(matchProposals.id, q.cursor))
  const rows = await db
    .select({
      proposal: matchProposals,
      menteeName: mentee.displayName,
      mentorName: mentor.displayName,
    })
    .from(matchProposals)
    .innerJoin(
      mentee,
      and(eq(mentee.id, matchProposals.menteeId), eq(mentee.tenantId, matchProposals.tenantId)),
    )
    .innerJoin(
      mentor,
      and(eq(mentor.id, matchProposals.mentorId), eq(mentor.tenantId, matchProposals.tenantId)),
    )
    .where(and(...conditions))
    .orderBy(asc(matchProposals.id))
    .limit(q.limit + 1)
  const page = rows.slice(0, q.limit)
  return {
    items: page.map((r) => proposalOut(r.proposal, r.menteeName, r.mentorName)),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.proposal.id ?? null) : null,
  }
}

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

/** The mentees a finished run left unmatched, each with the dominant reason, in pool (waiting) order. */
export async function unmatchedOf(db: Database, tenantId: string, run: MatchRun) {
  const reasons = (run.stats as RunStats | null)?.unmatchedMentees ?? {}
  const ids = Object.keys(reasons)
  const names = new Map<string, string>()
  for (let k = 0; k < ids.length; k += 2000) {
    const rows = await db
      .select({ id: participants.id, displayName: participants.displayName })
      .from(participants)
      .where(and(eq(participants.tenantId, tenantId), inIds(participants.id, ids.slice(k, k + 2000))))
    for (const r of rows) names.set(r.id, r.displayName)
  }
  return {
    items: ids
      .filter((id) => names.has(id))
      .map((id) => ({ menteeId: id, displayName: names.get(id) as string, reason: reasons[id] as string })),
  }
}

// ---------- starting a match (proposal accepted, or by hand) ----------

interface Side {
  participant: Participant
  /** Status after this match starts (unchanged when equal to the current one). */
  nextStatus: Participant['status']
}

/**
 * The match insert, guarded: its `started_at` is NULL — which the NOT NULL constraint refuses, rolling back the
 * whole batch — unless, at that moment, the mentor still has a place, the mentee has no active or paused match
 * and (for a proposal) the proposal is still undecided. Re-checks made before the batch give the helpful
 * errors; this guard keeps two simultaneous decisions from overfilling a mentor.
 */
function guardedMatchInsert(
  db: Database,
  row: {
    id: string
    tenantId: string
    programId: string
    menteeId: string
    mentorId: string
    proposalId: string | null
    overrideReason: string | null
  },
  now: Date,
) {
  const proposalStillOpen = row.proposalId
    ? sql` and exists (select 1 from ${matchProposals} where tenant_id = ${row.tenantId} and id = ${row.proposalId} and status = 'proposed')`
    : sql``
  // All columns of `matches`, in the schema's order (drizzle's insert … select lists every column by name):
  // id … override_reason, then end_requested_by, mentee_end_request, mentor_end_request, end_reason, end_note.
  return db.insert(matches).select(
    sql`select ${row.id}, ${row.tenantId}, ${row.programId}, ${row.menteeId}, ${row.mentorId}, 'active', ${row.proposalId}, ${row.overrideReason},
      null, null, null, null, null,
      case when (select count(*) from ${matches} where tenant_id = ${row.tenantId} and mentor_id = ${row.mentorId} and status in ('active', 'paused'))
                < (select capacity from ${participants} where tenant_id = ${row.tenantId} and id = ${row.mentorId})
            and not exists (select 1 from ${matches} where tenant_id = ${row.tenantId} and mentee_id = ${row.menteeId} and status in ('active', 'paused'))${proposalStillOpen}
           then ${now.getTime()} else null end,
      null, ${now.getTime()}`,
  )
}

/**
 * A `set` value that keeps `started_at` while the match is still in `status` and makes it NULL otherwise, which
 * the NOT NULL constraint refuses — rolling back the whole batch (audit and history entries included).
 */
export const statusGuard = (status: Match['status']) =>
  sql`case when ${matches.status} = ${status} then ${matches.startedAt} else null end`

/** True for the error `guardedMatchInsert` and `statusGuard` raise. */
export const isGuardRefusal = (error: unknown) => refusedBy(error, 'matches.started_at')

export function event(
  db: Database,
  tenantId: string,
  participantId: string,
  kind: string,
  detail: Record<string, string | number | boolean | null>,
  actorUserId: string,
  now: Date,
) {
  return db
    .insert(participantEvents)
    .values({ id: newId(), tenantId, participantId, kind, detail, actorUserId, createdAt: now })
}

function setStatus(db: Database, actor: Actor, side: Side, matchId: string, now: Date) {
  const p = side.participant
  if (side.nextStatus === p.status) return []
  return [
    db
      .update(participants)
      .set({ status: side.nextStatus, exitReason: null, updatedAt: now })
      .where(and(eq(participants.tenantId, p.tenantId), eq(participants.id, p.id))),
    event(
      db,
      p.tenantId,
      p.id,
      'status',
      { from: p.status, to: side.nextStatus, matchId },
      actor.userId,
      now,
    ),
  ]
}

/** Every statement that starts one match: the guarded insert, statuses, history, introductions, audit. */
function startMatchStatements(
  db: Database,
  actor: Actor,
  program: Program,
  pair: { mentee: Side; mentor: Side },
  origin: {
    proposalId: string | null
    overrideReason: string | null
    auditMeta: Record<string, string | number | boolean | null>
  },
  now: Date,
) {
  const matchId = newId()
  const a = pair.mentee.participant
  const b = pair.mentor.participant
  const introductions = [
    { to: a, partner: b, partnerRole: 'mentor' as const },
    { to: b, partner: a, partnerRole: 'mentee' as const },
  ].filter((x) => x.to.email)
  const statements = [
    guardedMatchInsert(
      db,
      {
        id: matchId,
        tenantId: actor.tenantId,
        programId: program.id,
        menteeId: a.id,
        mentorId: b.id,
        ...origin,
      },
      now,
    ),
    ...setStatus(db, actor, pair.mentee, matchId, now),
    ...setStatus(db, actor, pair.mentor, matchId, now),
    event(db, actor.tenantId, a.id, 'match.started', { matchId, mentorId: b.id }, actor.userId, now),
    event(db, actor.tenantId, b.id, 'match.started', { matchId, menteeId: a.id }, actor.userId, now),
    ...introductions.map((x) =>
      scheduleEmail(db, {
        tenantId: actor.tenantId,
        kind: 'match.introduction',
        toAddress: x.to.email as string,
        ...introductionEmail(emailLocale(x.to.preferredLocale), {
          name: firstName(x.to.displayName),
          partner: firstName(x.partner.displayName),
          partnerRole: x.partnerRole,
          program: program.name,
          org: actor.orgName,
        }),
        dueAt: now,
      }),
    ),
    audit(
      db,
      {
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        action: origin.proposalId ? 'match.accepted' : 'match.created',
        targetType: 'match',
        targetId: matchId,
        meta: { menteeId: a.id, mentorId: b.id, ...origin.auditMeta },
      },
      now,
    ),
  ]
  return { matchId, statements, emails: introductions.length }
}

type Statement = BatchItem<'sqlite'>

async function commit(db: Database, statements: Statement[]) {
  const [first, ...rest] = statements
  if (!first) return
  try {
    await db.batch([first, ...rest])
  } catch (error) {
    if (isGuardRefusal(error)) {
      throw new Problem('match-changed', {
        detail:
          'Someone changed these people’s matches at the same moment. Nothing was saved; reload and decide again.',
      })
    }
    throw error
  }
}

/** Current places taken per mentor and current match per mentee (active or paused). */
async function holdings(db: Database, tenantId: string, menteeIds: string[], mentorIds: string[]) {
  const rows = await db
    .select({ menteeId: matches.menteeId, mentorId: matches.mentorId })
    .from(matches)
    .where(
      and(
        eq(matches.tenantId, tenantId),
        inArray(matches.status, OCCUPYING),
        or(inIds(matches.menteeId, menteeIds), inIds(matches.mentorId, mentorIds)),
      ),
    )
  const used = new Map<string, number>()
  const busy = new Set<string>()
  for (const r of rows) {
    used.set(r.mentorId, (used.get(r.mentorId) ?? 0) + 1)
    busy.add(r.menteeId)
  }
  return { used, busy }
}

async function peopleWithScreening(db: Database, tenantId: string, programId: string, ids: string[]) {
  const rows = await db
    .select({ participant: participants, screening: screenings })
    .from(participants)
    .leftJoin(
      screenings,
      and(eq(screenings.participantId, participants.id), eq(screenings.tenantId, participants.tenantId)),
    )
    .where(
      and(
        eq(participants.tenantId, tenantId),
        eq(participants.programId, programId),
        inIds(participants.id, ids),
      ),
    )
  return new Map(rows.map((r) => [r.participant.id, r]))
}

/** Why a mentee cannot start a match now (null: they can). */
function menteeUnavailable(p: Participant, busy: Set<string>): string | null {
  if (busy.has(p.id)) return 'The mentee already has an active or paused match.'
  if (!(MENTEE_POOL_STATUSES as readonly string[]).includes(p.status))
    return `The mentee is not waiting for a mentor (status ${p.status}).`
  return null
}

/** Why a mentor cannot take one more mentee now (null: they can). */
function mentorUnavailable(
  p: Participant,
  screening: Screening | null,
  program: Program,
  taken: number,
  now: Date,
): string | null {
  if (!(MENTOR_POOL_STATUSES as readonly string[]).includes(p.status))
    return `The mentor is not available (status ${p.status}).`
  const state = screening ? screeningState(screening, program, now) : null
  if (!state?.matchable)
    return `The mentor’s screening is not complete or has expired: ${state?.missing.join(', ') ?? 'no screening record'}.`
  if (taken >= p.capacity) return `The mentor has no place left (capacity ${p.capacity}).`
  return null
}

// ---------- decisions on proposals ----------

/**
 * Accepts and rejects proposals of one run, all or nothing: every decision is checked first (unknown proposal
 * → 404; already decided, mentee or mentor no longer available, screening expired, capacity → 409, each listed
 * with its path), then one atomic batch writes them.
 */
export async function decide(
  db: Database,
  actor: Actor,
  program: Program,
  run: MatchRun,
  body: v.InferOutput<typeof DecisionsBody>,
  now: Date,
) {
  const ids = [...body.accept, ...body.reject.map((r) => r.id)]
  const found = new Map(
    (
      await db
        .select()
        .from(matchProposals)
        .where(
          and(
            eq(matchProposals.tenantId, actor.tenantId),
            eq(matchProposals.runId, run.id),
            inIds(matchProposals.id, ids),
          ),
        )
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
      errors: missing.map((id) => ({
        location: 'body',
        path: pathOf(id),
        message: 'No such proposal in this run.',
      })),
    })
  }
  const conflicts: FieldError[] = []
  for (const id of ids) {
    const p = found.get(id) as MatchProposal
    if (p.status !== 'proposed')
      conflicts.push({ location: 'body', path: pathOf(id), message: `This proposal is already ${p.status}.` })
  }

  const accepted = body.accept.map((id) => found.get(id) as MatchProposal)
  const people = await peopleWithScreening(db, actor.tenantId, program.id, [
    ...new Set(accepted.flatMap((p) => [p.menteeId, p.mentorId])),
  ])
  const { used, busy } = await holdings(
    db,
    actor.tenantId,
    accepted.map((p) => p.menteeId),
    accepted.map((p) => p.mentorId),
  )
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
        : (menteeUnavailable(a.participant, busy) ??
          mentorUnavailable(b.participant, b.screening, program, taken, now))
    if (problem || !a || !b) {
      conflicts.push({ location: 'body', path: pathOf(p.id), message: problem ?? '' })
      continue
    }
    used.set(p.mentorId, taken + 1)
    busy.add(p.menteeId)
    const start = startMatchStatements(
      db,
      actor,
      program,
      {
        mentee: { participant: a.participant, nextStatus: 'matched' },
        mentor: {
          participant: b.participant,
          nextStatus: taken + 1 >= b.participant.capacity ? 'matched' : 'ready',
        },
      },
      {
        proposalId: p.id,
        overrideReason: null,
        auditMeta: { proposalId: p.id, runId: run.id, score: p.score },
      },
      now,
    )
    // The mentor's status moves with each accepted pair; later statements see the earlier ones' result.
    b.participant = { ...b.participant, status: taken + 1 >= b.participant.capacity ? 'matched' : 'ready' }
    statements.push(
      ...start.statements,
      db
        .update(matchProposals)
        .set({ status: 'accepted', decidedBy: actor.userId, decidedAt: now })
        .where(and(eq(matchProposals.tenantId, actor.tenantId), eq(matchProposals.id, p.id))),
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
        .set({ status: 'rejected', rejectReason: r.reason, decidedBy: actor.userId, decidedAt: now })
        .where(
          and(
            eq(matchProposals.tenantId, actor.tenantId),
            eq(matchProposals.id, p.id),
            eq(matchProposals.status, 'proposed'),
          ),
        ),
      db
        .insert(matchExclusions)
        .values({
          tenantId: actor.tenantId,
          menteeId: p.menteeId,
          mentorId: p.mentorId,
          reason: r.reason,
          createdBy: actor.userId,
          createdAt: now,
        })
        .onConflictDoUpdate({
          target: [matchExclusions.tenantId, matchExclusions.menteeId, matchExclusions.mentorId],
          set: { reason: r.reason, createdBy: actor.userId, createdAt: now },
        }),
      audit(
        db,
        {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'match.proposal_rejected',
          targetType: 'match_proposal',
          targetId: p.id,
          meta: { runId: run.id, menteeId: p.menteeId, mentorId: p.mentorId, reason: r.reason },
        },
        now,
      ),
    )
  }
  await commit(db, statements)
  return { accepted: results, rejected: body.reject.map((r) => r.id) }
}

// ---------- manual match ----------

/** Hard constraints a coordinator may not override, whatever the reason given. */
const NOT_OVERRIDABLE: FailureCode[] = ['screening_incomplete', 'safeguarding_gender']

/**
 * A match made by hand. The people must be available (mentee waiting, mentor cleared with a free place) — never
 * overridable. The pair's hard constraints are checked with the engine's `assessPair`; failures answer 409
 * unless an `overrideReason` is given, which is stored on the match and audited.
 */
export async function createManualMatch(
  db: Database,
  actor: Actor,
  program: Program,
  body: v.InferOutput<typeof CreateMatchBody>,
  now: Date,
) {
  const people = await peopleWithScreening(db, actor.tenantId, program.id, [body.menteeId, body.mentorId])
  const a = people.get(body.menteeId)
  const b = people.get(body.mentorId)
  if (!a || !b) throw notFound('No such participant in this program.')
  const roleErrors: FieldError[] = []
  if (a.participant.role !== 'mentee')
    roleErrors.push({ location: 'body', path: 'menteeId', message: 'This participant is not a mentee.' })
  if (b.participant.role !== 'mentor')
    roleErrors.push({ location: 'body', path: 'mentorId', message: 'This participant is not a mentor.' })
  if (roleErrors.length)
    throw new Problem('invalid-request', { detail: 'Pair a mentee with a mentor.', errors: roleErrors })

  const { used, busy } = await holdings(db, actor.tenantId, [a.participant.id], [b.participant.id])
  const unavailable = [
    { path: 'menteeId', message: menteeUnavailable(a.participant, busy) },
    {
      path: 'mentorId',
      message: mentorUnavailable(b.participant, b.screening, program, used.get(b.participant.id) ?? 0, now),
    },
  ].filter((x): x is { path: string; message: string } => x.message !== null)
  if (unavailable.length) {
    throw new Problem('participants-unavailable', {
      detail: unavailable.map((x) => x.message).join(' '),
      errors: unavailable.map((x) => ({ location: 'body', ...x })),
    })
  }

  const [rejected, ended] = await Promise.all([
    db
      .select({ reason: matchExclusions.reason })
      .from(matchExclusions)
      .where(
        and(
          eq(matchExclusions.tenantId, actor.tenantId),
          eq(matchExclusions.menteeId, a.participant.id),
          eq(matchExclusions.mentorId, b.participant.id),
        ),
      )
      .get(),
    db
      .select({ id: matches.id })
      .from(matches)
      .where(
        and(
          eq(matches.tenantId, actor.tenantId),
          eq(matches.menteeId, a.participant.id),
          eq(matches.mentorId, b.participant.id),
          eq(matches.status, 'ended'),
        ),
      )
      .get(),
  ])
  const taken = used.get(b.participant.id) ?? 0
  const assessment = assessPair(
    toProfile(a.participant, { program, screeningComplete: true, capacity: 1 }),
    toProfile(b.participant, { program, screeningComplete: true, capacity: b.participant.capacity - taken }),
    programSettings(program),
    { rejectedBefore: rejected !== undefined, excluded: ended !== undefined },
  )
  const failures = assessment.failures
  const failureErrors = failures.map((f) => ({ location: 'body', path: 'overrideReason', message: f }))
  const blocking = failures.filter((f) => NOT_OVERRIDABLE.includes(f))
  if (blocking.length > 0) {
    throw new Problem('constraints-blocking', {
      detail: `This pair breaks constraints that cannot be overridden: ${blocking.join(', ')}.`,
      errors: failureErrors,
    })
  }
  if (failures.length > 0 && !body.overrideReason) {
    throw new Problem('override-needed', {
      detail: `This pair breaks hard constraints: ${failures.join(', ')}. Give an overrideReason (at least 10 characters) to match them anyway.`,
      errors: failureErrors,
    })
  }
  const overrideReason = failures.length > 0 ? (body.overrideReason ?? null) : null
  const start = startMatchStatements(
    db,
    actor,
    program,
    {
      mentee: { participant: a.participant, nextStatus: 'matched' },
      mentor: {
        participant: b.participant,
        nextStatus: taken + 1 >= b.participant.capacity ? 'matched' : 'ready',
      },
    },
    {
      proposalId: null,
      overrideReason,
      auditMeta: { manual: true, score: assessment.score, overridden: failures.join(','), overrideReason },
    },
    now,
  )
  await commit(db, start.statements)
  return { ...(await getMatch(db, actor.tenantId, program.id, start.matchId)), overridden: failures }
}

// ---------- matches ----------

const matchColumns = { match: matches, menteeName: mentee.displayName, mentorName: mentor.displayName }

function matchesQuery(db: Database) {
  return db
    .select(matchColumns)
    .from(matches)
    .innerJoin(mentee, and(eq(mentee.id, matches.menteeId), eq(mentee.tenantId, matches.tenantId)))
    .innerJoin(mentor, and(eq(mentor.id, matches.mentorId), eq(mentor.tenantId, matches.tenantId)))
}

const requestOut = (r: EndRequest | null) =>
  r ? { at: r.at, reason: r.reason, hasNote: r.sealedNote != null, note: null as string | null } : null

function matchOut(r: { match: Match; menteeName: string; mentorName: string }) {
  const m = r.match
  return {
    id: m.id,
    programId: m.programId,
    status: m.status,
    mentee: { id: m.menteeId, displayName: r.menteeName },
    mentor: { id: m.mentorId, displayName: r.mentorName },
    proposalId: m.proposalId,
    overrideReason: m.overrideReason,
    endReason: m.endReason,
    endNote: m.endNote,
    endRequestedBy: m.endRequestedBy,
    /** The mentee's and the mentor's own requests to end, from the portal (coordinators see both; notes only on
     *  the match's own page, `revealEndNotes`). */
    endRequests: { mentee: requestOut(m.menteeEndRequest), mentor: requestOut(m.mentorEndRequest) },
    startedAt: m.startedAt.toISOString(),
    endedAt: iso(m.endedAt),
    createdAt: m.createdAt.toISOString(),
  }
}

/**
 * A match with the notes of its requests to end opened: for the coordinator on the match's own page. Reading a
 * note is audited (like protected fields): notes may hold what a person did not want to say to their partner.
 */
export async function getMatchWithNotes(
  db: Database,
  tenantId: string,
  programId: string,
  matchId: string,
  key: NoteKey,
  actorUserId: string,
  now: Date,
) {
  const row = await matchesQuery(db)
    .where(and(eq(matches.tenantId, tenantId), eq(matches.programId, programId), eq(matches.id, matchId)))
    .get()
  if (!row) throw notFound('No such match in this program.')
  const out = matchOut(row)
  // Only notes actually opened are audited; one that cannot be opened (no key, failed integrity) stays null
  // with `hasNote` true, which the page shows as such.
  const sides: ('mentee' | 'mentor')[] = []
  for (const side of ['mentee', 'mentor'] as const) {
    const request = out.endRequests[side]
    const stored = row.match[side === 'mentee' ? 'menteeEndRequest' : 'mentorEndRequest']
    if (!request?.hasNote || !stored) continue
    request.note = await openNote(key, tenantId, matchId, side, stored.by, stored.sealedNote)
    if (request.note !== null) sides.push(side)
  }
  if (sides.length > 0) {
    await db.batch([
      audit(
        db,
        {
          tenantId,
          actorUserId,
          action: 'match.end_note_read',
          targetType: 'match',
          targetId: matchId,
          meta: { sides: sides.join(',') },
        },
        now,
      ),
    ])
  }
  return out
}

export async function getMatch(db: Database, tenantId: string, programId: string, matchId: string) {
  const row = await matchesQuery(db)
    .where(and(eq(matches.tenantId, tenantId), eq(matches.programId, programId), eq(matches.id, matchId)))
    .get()
  if (!row) throw notFound('No such match in this program.')
  return matchOut(row)
}

/** Latest first, keyset-paged on (created_at, id). */
export async function listMatches(
  db: Database,
  tenantId: string,
  programId: string,
  q: v.InferOutput<typeof MatchListQuery>,
) {
  const conditions: (SQL | undefined)[] = [eq(matches.tenantId, tenantId), eq(matches.programId, programId)]
  if (q.status) conditions.push(eq(matches.status, q.status))
  if (q.endRequested) {
    conditions.push(
      ne(matches.status, 'ended'),
      or(isNotNull(matches.menteeEndRequest), isNotNull(matches.mentorEndRequest)),
    )
  }
  if (q.cursor) {
    const after = await db
      .select({ id: matches.id, createdAt: matches.createdAt })
      .from(matches)
      .where(and(eq(matches.tenantId, tenantId), eq(matches.programId, programId), eq(matches.id, q.cursor)))
      .get()
    if (!after) throw notFound('No such match in this program.')
    conditions.push(
      or(
        lt(matches.createdAt, after.createdAt),
        and(eq(matches.createdAt, after.createdAt), lt(matches.id, after.id)),
      ),
    )
  }
  const rows = await matchesQuery(db)
    .where(and(...conditions))
    .orderBy(desc(matches.createdAt), desc(matches.id))
    .limit(q.limit + 1)
  const page = rows.slice(0, q.limit)
  return {
    items: page.map(matchOut),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.match.id ?? null) : null,
  }
}

/**
 * Matches, across the organization's programs, in which the mentee or the mentor asked to end and no coordinator
 * has decided yet: the dashboard's "asked to end" panel. Oldest request first (it has waited longest).
 */
export async function openEndRequests(db: Database, tenantId: string) {
  const open = and(
    eq(matches.tenantId, tenantId),
    ne(matches.status, 'ended'),
    or(isNotNull(matches.menteeEndRequest), isNotNull(matches.mentorEndRequest)),
  )
  // The earliest request of each match (ISO times sort as text; a missing side never wins).
  const since = sql`min(coalesce(json_extract(${matches.menteeEndRequest}, '$.at'), '~'), coalesce(json_extract(${matches.mentorEndRequest}, '$.at'), '~'))`
  const [rows, total] = await Promise.all([
    db
      .select({ ...matchColumns, programName: programs.name })
      .from(matches)
      .innerJoin(mentee, and(eq(mentee.id, matches.menteeId), eq(mentee.tenantId, matches.tenantId)))
      .innerJoin(mentor, and(eq(mentor.id, matches.mentorId), eq(mentor.tenantId, matches.tenantId)))
      .innerJoin(programs, and(eq(programs.id, matches.programId), eq(programs.tenantId, matches.tenantId)))
      .where(open)
      .orderBy(asc(since), asc(matches.id))
      .limit(100),
    db.select({ n: count() }).from(matches).where(open).get(),
  ])
  return {
    items: rows.map((r) => ({ ...matchOut(r), programName: r.programName })),
    total: total?.n ?? rows.length,
  }
}

/**
 * Pause, resume or end a match. Ending keeps the row as history, returns the mentee to the pool (`ready`; their
 * enrolment time, by which pools are ordered, is unchanged, so they keep their place in the queue) and frees
 * the mentor's place (mentor `ready` again if their screening is still matchable).
 */
export async function updateMatch(
  db: Database,
  actor: Actor,
  program: Program,
  matchId: string,
  body: v.InferOutput<typeof UpdateMatchBody>,
  now: Date,
) {
  const match = await db
    .select()
    .from(matches)
    .where(
      and(eq(matches.tenantId, actor.tenantId), eq(matches.programId, program.id), eq(matches.id, matchId)),
    )
    .get()
  if (!match) throw notFound('No such match in this program.')
  const allowed: Record<Match['status'], Match['status'][]> = {
    active: ['paused', 'ended'],
    paused: ['active', 'ended'],
    ended: [],
  }
  if (body.status === match.status) return getMatch(db, actor.tenantId, program.id, match.id)
  if (!allowed[match.status].includes(body.status)) {
    throw new Problem('match-status-not-allowed', {
      detail: `A match cannot go from ${match.status} to ${body.status}.`,
      errors: [
        {
          location: 'body',
          path: 'status',
          message: `Allowed next: ${allowed[match.status].join(', ') || 'none (ended is final)'}.`,
        },
      ],
    })
  }
  const thisMatch = and(
    eq(matches.tenantId, actor.tenantId),
    eq(matches.id, match.id),
    eq(matches.status, match.status),
  )
  const both = (kind: string, detail: Record<string, string | number | boolean | null>) => [
    event(db, actor.tenantId, match.menteeId, kind, { matchId: match.id, ...detail }, actor.userId, now),
    event(db, actor.tenantId, match.mentorId, kind, { matchId: match.id, ...detail }, actor.userId, now),
  ]
  const auditEntry = (action: string, meta: Record<string, string | number | boolean | null> = {}) =>
    audit(
      db,
      {
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        action,
        targetType: 'match',
        targetId: match.id,
        meta,
      },
      now,
    )

  if (body.status !== 'ended') {
    const verb = body.status === 'paused' ? 'paused' : 'resumed'
    await db.batch([
      db.update(matches).set({ status: body.status }).where(thisMatch),
      ...both(`match.${verb}`, {}),
      auditEntry(`match.${verb}`),
    ])
    return getMatch(db, actor.tenantId, program.id, match.id)
  }

  // Unless the coordinator says who asked, the side whose portal request came first did.
  const requests = (['mentee', 'mentor'] as const)
    .map((side) => ({ side, at: match[side === 'mentee' ? 'menteeEndRequest' : 'mentorEndRequest']?.at }))
    .filter((r): r is { side: 'mentee' | 'mentor'; at: string } => r.at !== undefined)
    .sort((x, y) => x.at.localeCompare(y.at))
  const requestedBy = body.requestedBy ?? requests[0]?.side ?? null
  const people = await peopleWithScreening(db, actor.tenantId, program.id, [match.menteeId, match.mentorId])
  const a = people.get(match.menteeId)
  const b = people.get(match.mentorId)
  const { used } = await holdings(db, actor.tenantId, [], [match.mentorId])
  const statements: Statement[] = [
    db
      .update(matches)
      .set({
        status: 'ended',
        endReason: body.endReason,
        endNote: body.endNote || null,
        endRequestedBy: requestedBy,
        endedAt: now,
      })
      .where(thisMatch),
    // Who asked goes only into that person's own history (never into their partner's record).
    event(
      db,
      actor.tenantId,
      match.menteeId,
      'match.ended',
      {
        matchId: match.id,
        reason: body.endReason,
        requestedBy: requestedBy === 'mentor' ? null : requestedBy,
      },
      actor.userId,
      now,
    ),
    event(
      db,
      actor.tenantId,
      match.mentorId,
      'match.ended',
      {
        matchId: match.id,
        reason: body.endReason,
        requestedBy: requestedBy === 'mentee' ? null : requestedBy,
      },
      actor.userId,
      now,
    ),
    auditEntry('match.ended', {
      reason: body.endReason,
      requestedBy,
      menteeId: match.menteeId,
      mentorId: match.mentorId,
    }),
  ]
  if (a && (a.participant.status === 'matched' || a.participant.status === 'paused')) {
    statements.push(
      ...setStatus(db, actor, { participant: a.participant, nextStatus: 'ready' }, match.id, now),
    )
  }
  if (b && (b.participant.status === 'matched' || b.participant.status === 'ready')) {
    const left = Math.max(0, (used.get(match.mentorId) ?? 1) - 1)
    const matchable = b.screening ? screeningState(b.screening, program, now).matchable : false
    const next: Participant['status'] =
      left >= b.participant.capacity ? 'matched' : matchable ? 'ready' : left > 0 ? 'matched' : 'screening'
    statements.push(...setStatus(db, actor, { participant: b.participant, nextStatus: next }, match.id, now))
  }
  await commit(db, statements)
  return getMatch(db, actor.tenantId, program.id, match.id)
}
