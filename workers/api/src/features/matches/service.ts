import {
  type Database,
  type Match,
  matchExclusions,
  matches,
  type Participant,
  type Program,
  programs,
} from '@tandem/db'
import { assessPair, type FailureCode } from '@tandem/matching'
import {
  type AuditAction,
  afterMatchEnd,
  exitReasonAfterEnd,
  type PairFailure,
  type ParticipantEventKind,
} from '@tandem/vocab'
import { and, asc, count, desc, eq, isNotNull, ne, or, type SQL, sql } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { endRequestOut, openEndRequest } from '../../lib/end-requests'
import { fieldError } from '../../lib/field-errors'
import { statusGuard } from '../../lib/match-guard'
import { programSettings, toProfile } from '../../lib/matching-pool'
import { type NoteKey, openNote } from '../../lib/notes'
import { participantEvent } from '../../lib/participant-events'
import { type FieldError, notFound, Problem } from '../../lib/problem'
import { menteeName, mentorName, withSides, withTandem } from '../../lib/sides'
import { inTenant, olderThan, pageOf, tenantRow } from '../../lib/sql'
import { localTime } from '../email/local-time'
import { screeningState } from '../screening/service'
import type { CreateMatchBody, MatchListQuery, UpdateMatchBody } from './schema'
import {
  commit,
  holdings,
  peopleWithScreening,
  type Statement,
  setStatus,
  startMatchStatements,
  unavailable,
} from './start'

const iso = (d: Date | null) => d?.toISOString() ?? null

/** Hard constraints a coordinator may not override, whatever the reason given. */
const NOT_OVERRIDABLE: FailureCode[] = ['screening_incomplete', 'safeguarding_gender']

// The engine's failure codes are the ones the API and the web client name (@tandem/vocab): a new one fails here.
const _sameFailures: [FailureCode, PairFailure] extends [PairFailure, FailureCode] ? true : never = true

/** How far back a tandem recorded after it began may say it started. */
export const MAX_BACKDATE_DAYS = 365

/**
 * The start of a tandem that began before it was recorded: `startedOn` (the organization's local day) from today
 * back at most `MAX_BACKDATE_DAYS`, else a field error. Today means now; an earlier day, its noon UTC.
 */
function backdatedStart(startedOn: string, timezone: string, now: Date): Date | undefined {
  const today = localTime(now, timezone).date
  const earliest = new Date(Date.parse(`${today}T00:00:00Z`) - MAX_BACKDATE_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10)
  if (startedOn > today || startedOn < earliest)
    throw new Problem('invalid-request', {
      detail: `A tandem's start is a day from ${earliest} to today.`,
      errors: [
        fieldError('startedOn', 'not-allowed', {
          message: `Use a day from ${earliest} to today.`,
        }),
      ],
    })
  return startedOn === today ? undefined : new Date(`${startedOn}T12:00:00Z`)
}

/** A planned end must come after the tandem's first day. */
function checkPlannedEnd(plannedEndOn: string, startDay: string) {
  if (plannedEndOn > startDay) return
  throw new Problem('invalid-request', {
    detail: `A tandem's planned end is a day after its start (${startDay}).`,
    errors: [fieldError('plannedEndOn', 'not-allowed', { message: `Use a day after ${startDay}.` })],
  })
}

/**
 * Sets or clears the planned end of a match that has not ended (audited with the day before and after). A day
 * is checked against the match's first day in the organization's time zone.
 */
export async function setPlannedEnd(
  scope: Scope,
  org: { timezone: string },
  programId: string,
  matchId: string,
  plannedEndOn: string | null,
) {
  const { db, tenantId } = scope
  const match = await matchInProgram(scope, programId, matchId)
  if (match.status === 'ended') {
    throw new Problem('match-status-not-allowed', {
      detail: 'An ended match has no planned end to change.',
    })
  }
  if (plannedEndOn) checkPlannedEnd(plannedEndOn, localTime(match.startedAt, org.timezone).date)
  if (plannedEndOn !== match.plannedEndOn) {
    await db.batch([
      db
        .update(matches)
        .set({ plannedEndOn })
        .where(tenantRow(matches, tenantId, match.id, ne(matches.status, 'ended'))),
      auditFor(scope)(
        'match.planned_end_changed',
        { type: 'match', id: match.id },
        { from: match.plannedEndOn, to: plannedEndOn },
      ),
    ])
  }
  return getMatch(db, tenantId, programId, match.id)
}

/**
 * A match made by hand. The people must be available (mentee waiting, mentor cleared with a free place) — never
 * overridable. The pair's hard constraints are checked with the engine's `assessPair`; failures answer 409
 * unless an `overrideReason` is given, which is stored on the match and audited.
 */
export async function createManualMatch(
  scope: Scope,
  org: { name: string; timezone: string },
  program: Program,
  body: v.InferOutput<typeof CreateMatchBody>,
) {
  const { db, tenantId, now } = scope
  const startedAt = body.startedOn ? backdatedStart(body.startedOn, org.timezone, now) : undefined
  if (body.plannedEndOn)
    checkPlannedEnd(body.plannedEndOn, body.startedOn ?? localTime(now, org.timezone).date)
  const people = await peopleWithScreening(db, tenantId, program.id, [body.menteeId, body.mentorId])
  const a = people.get(body.menteeId)
  const b = people.get(body.mentorId)
  if (!a || !b) throw notFound('No such participant in this program.')
  const roleErrors: FieldError[] = []
  if (a.participant.role !== 'mentee')
    roleErrors.push(
      fieldError('menteeId', 'wrong-role', {
        params: { expected: 'mentee' },
        message: 'This participant is not a mentee.',
      }),
    )
  if (b.participant.role !== 'mentor')
    roleErrors.push(
      fieldError('mentorId', 'wrong-role', {
        params: { expected: 'mentor' },
        message: 'This participant is not a mentor.',
      }),
    )
  if (roleErrors.length)
    throw new Problem('invalid-request', { detail: 'Pair a mentee with a mentor.', errors: roleErrors })

  const state = await holdings(db, tenantId, [a.participant.id], [b.participant.id])
  const refusals = unavailable(a.participant, b, program, state, now)
  if (refusals.length) {
    throw new Problem('participants-unavailable', {
      detail: refusals.map((x) => x.message).join(' '),
      errors: refusals.map((x) => fieldError(x.path, 'unavailable', { message: x.message })),
    })
  }

  // Declined before (an exclusion), or matched before and ended: the same context a run gives the pair.
  const thisPair = (t: typeof matchExclusions | typeof matches) =>
    inTenant(t, tenantId, eq(t.menteeId, a.participant.id), eq(t.mentorId, b.participant.id))
  const [rejected, ended] = await Promise.all([
    db
      .select({ reason: matchExclusions.reason })
      .from(matchExclusions)
      .where(thisPair(matchExclusions))
      .get(),
    db
      .select({ id: matches.id })
      .from(matches)
      .where(and(thisPair(matches), eq(matches.status, 'ended')))
      .get(),
  ])
  const taken = state.used.get(b.participant.id) ?? 0
  const assessment = assessPair(
    toProfile(a.participant, { program, screeningComplete: true, capacity: 1 }),
    toProfile(b.participant, { program, screeningComplete: true, capacity: b.participant.capacity - taken }),
    programSettings(program),
    { rejectedBefore: rejected !== undefined, excluded: ended !== undefined },
  )
  const failures = assessment.failures
  const failureErrors = failures.map((f) =>
    fieldError('overrideReason', 'constraint', { params: { reason: f }, message: f }),
  )
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
    scope,
    org,
    program,
    { mentee: a.participant, mentor: b.participant, taken },
    {
      proposalId: null,
      overrideReason,
      auditMeta: {
        manual: true,
        score: assessment.score,
        overridden: failures.join(','),
        overrideReason,
        ...(body.startedOn ? { startedOn: body.startedOn } : {}),
        ...(body.plannedEndOn !== undefined ? { plannedEndOn: body.plannedEndOn } : {}),
      },
      startedAt,
      plannedEndOn: body.plannedEndOn,
    },
  )
  await commit(db, start.statements)
  return { ...(await getMatch(db, tenantId, program.id, start.matchId)), overridden: failures }
}

// ---------- matches ----------

/** The match `matchId` of this program, or 404 when it is not this tenant's or not in this program. */
export async function matchInProgram({ db, tenantId }: Scope, programId: string, matchId: string) {
  const match = await db
    .select()
    .from(matches)
    .where(tenantRow(matches, tenantId, matchId, eq(matches.programId, programId)))
    .get()
  if (!match) throw notFound('No such match in this program.')
  return match
}

const matchColumns = { match: matches, menteeName, mentorName }

function matchesQuery(db: Database) {
  return withSides(db.select(matchColumns).from(matches).$dynamic())
}

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
    endRequests: { mentee: endRequestOut(m.menteeEndRequest), mentor: endRequestOut(m.mentorEndRequest) },
    startedAt: m.startedAt.toISOString(),
    plannedEndOn: m.plannedEndOn,
    endedAt: iso(m.endedAt),
    createdAt: m.createdAt.toISOString(),
  }
}

/**
 * A match with the notes of its requests to end opened: for the coordinator on the match's own page. Reading a
 * note is audited (like protected fields): notes may hold what a person did not want to say to their partner.
 */
export async function getMatchWithNotes(scope: Scope, programId: string, matchId: string, key: NoteKey) {
  const { db, tenantId } = scope
  const row = await matchesQuery(db)
    .where(inTenant(matches, tenantId, eq(matches.programId, programId), eq(matches.id, matchId)))
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
      auditFor(scope)('match.end_note_read', { type: 'match', id: matchId }, { sides: sides.join(',') }),
    ])
  }
  return out
}

export async function getMatch(db: Database, tenantId: string, programId: string, matchId: string) {
  const row = await matchesQuery(db)
    .where(inTenant(matches, tenantId, eq(matches.programId, programId), eq(matches.id, matchId)))
    .get()
  if (!row) throw notFound('No such match in this program.')
  return matchOut(row)
}

/** Latest first, keyset-paged on (created_at, id). */
export async function listMatches(
  { db, tenantId }: Scope,
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
      .where(inTenant(matches, tenantId, eq(matches.programId, programId), eq(matches.id, q.cursor)))
      .get()
    if (!after) throw notFound('No such match in this program.')
    conditions.push(olderThan(matches.createdAt, matches.id, after))
  }
  const rows = await matchesQuery(db)
    .where(and(...conditions))
    .orderBy(desc(matches.createdAt), desc(matches.id))
    .limit(q.limit + 1)
  return pageOf(rows, q.limit, matchOut, (r) => r.match.id)
}

/**
 * Matches, across the organization's programs, in which the mentee or the mentor asked to end and no coordinator
 * has decided yet: the dashboard's "asked to end" panel. Oldest request first (it has waited longest).
 */
export async function openEndRequests(scope: Scope) {
  const [rows, total] = openEndRequestQueries(scope)
  return endRequestsOf(...(await Promise.all([rows, total])))
}

/** The two reads of `openEndRequests` (the first hundred, and how many in all), to send in a batch with others. */
export function openEndRequestQueries({ db, tenantId }: Pick<Scope, 'db' | 'tenantId'>) {
  const open = openEndRequest(tenantId)
  // The earliest request of each match (ISO times sort as text; a missing side never wins).
  const since = sql`min(coalesce(json_extract(${matches.menteeEndRequest}, '$.at'), '~'), coalesce(json_extract(${matches.mentorEndRequest}, '$.at'), '~'))`
  return [
    withTandem(
      db
        .select({ ...matchColumns, programName: programs.name })
        .from(matches)
        .$dynamic(),
    )
      .where(open)
      .orderBy(asc(since), asc(matches.id))
      .limit(100),
    db.select({ n: count() }).from(matches).where(open),
  ] as const
}

/** The answer of `openEndRequests` from the rows of its two reads. */
export function endRequestsOf(
  rows: (Parameters<typeof matchOut>[0] & { programName: string })[],
  total: { n: number }[],
) {
  return {
    items: rows.map((r) => ({ ...matchOut(r), programName: r.programName })),
    total: total[0]?.n ?? rows.length,
  }
}

/**
 * Pause, resume or end a match. Ending keeps the row as history, frees the mentor's place and moves each person
 * where the reason says (`afterMatchEnd`), or where the coordinator chose: back to the pool only for a rematch
 * (their enrolment time, by which pools are ordered, is unchanged, so they keep their place in the queue), on
 * hold, or out of the program with a matching exit reason. A mentee who completed the program leaves as alumna.
 */
export async function updateMatch(
  scope: Scope,
  program: Program,
  matchId: string,
  body: v.InferOutput<typeof UpdateMatchBody>,
) {
  return changeMatchStatus(scope, program, await matchInProgram(scope, program.id, matchId), body)
}

/**
 * The write of `updateMatch`, for the match as it was read: guarded by the status read, so of two changes made
 * at the same moment (a pause and an end) one wins and the other answers 409 `match-changed`, changing nothing.
 */
export async function changeMatchStatus(
  scope: Scope,
  program: Program,
  match: Match,
  body: v.InferOutput<typeof UpdateMatchBody>,
) {
  const { db, tenantId, actorId, now } = scope
  const allowed: Record<Match['status'], Match['status'][]> = {
    active: ['paused', 'ended'],
    paused: ['active', 'ended'],
    ended: [],
  }
  if (body.status === match.status) return getMatch(db, tenantId, program.id, match.id)
  if (!allowed[match.status].includes(body.status)) {
    throw new Problem('match-status-not-allowed', {
      detail: `A match cannot go from ${match.status} to ${body.status}.`,
      errors: [
        fieldError('status', 'not-allowed', {
          params: { options: allowed[match.status] },
          message: `Allowed next: ${allowed[match.status].join(', ') || 'none (ended is final)'}.`,
        }),
      ],
    })
  }
  // Guarded by the status read above (see `statusGuard`): when a pause or end crossed this one, the whole batch
  // (history, audit, people's statuses) rolls back and the caller gets 409 `match-changed`.
  const thisMatch = tenantRow(matches, tenantId, match.id)
  const guard = { startedAt: statusGuard(match.status) }
  const both = (kind: ParticipantEventKind, detail: Record<string, string | number | boolean | null>) => [
    participantEvent(db, tenantId, match.menteeId, kind, { matchId: match.id, ...detail }, actorId, now),
    participantEvent(db, tenantId, match.mentorId, kind, { matchId: match.id, ...detail }, actorId, now),
  ]
  const auditEntry = (action: AuditAction, meta: Record<string, string | number | boolean | null> = {}) =>
    auditFor(scope)(action, { type: 'match', id: match.id }, meta)

  if (body.status !== 'ended') {
    const verb = body.status === 'paused' ? 'paused' : 'resumed'
    await commit(db, [
      db
        .update(matches)
        .set({ status: body.status, ...guard })
        .where(thisMatch),
      ...both(`match.${verb}`, {}),
      auditEntry(`match.${verb}`),
    ])
    return getMatch(db, tenantId, program.id, match.id)
  }

  // Unless the coordinator says who asked, the side whose portal request came first did.
  const requests = (['mentee', 'mentor'] as const)
    .map((side) => ({ side, at: match[side === 'mentee' ? 'menteeEndRequest' : 'mentorEndRequest']?.at }))
    .filter((r): r is { side: 'mentee' | 'mentor'; at: string } => r.at !== undefined)
    .sort((x, y) => x.at.localeCompare(y.at))
  const requestedBy = body.requestedBy ?? requests[0]?.side ?? null
  const people = await peopleWithScreening(db, tenantId, program.id, [match.menteeId, match.mentorId])
  const a = people.get(match.menteeId)
  const b = people.get(match.mentorId)
  const { used } = await holdings(db, tenantId, [], [match.mentorId])
  const statements: Statement[] = [
    db
      .update(matches)
      .set({
        status: 'ended',
        endReason: body.endReason,
        endNote: body.endNote || null,
        endRequestedBy: requestedBy,
        endedAt: now,
        ...guard,
      })
      .where(thisMatch),
    // Who asked goes only into that person's own history (never into their partner's record).
    participantEvent(
      db,
      tenantId,
      match.menteeId,
      'match.ended',
      {
        matchId: match.id,
        reason: body.endReason,
        requestedBy: requestedBy === 'mentor' ? null : requestedBy,
      },
      actorId,
      now,
    ),
    participantEvent(
      db,
      tenantId,
      match.mentorId,
      'match.ended',
      {
        matchId: match.id,
        reason: body.endReason,
        requestedBy: requestedBy === 'mentee' ? null : requestedBy,
      },
      actorId,
      now,
    ),
    auditEntry('match.ended', {
      reason: body.endReason,
      requestedBy,
      menteeId: match.menteeId,
      mentorId: match.mentorId,
    }),
  ]
  // Where each person goes: what the reason implies, unless the coordinator chose (only a rematch re-pools).
  const after = afterMatchEnd(body.endReason, requestedBy)
  const exitReason = exitReasonAfterEnd(body.endReason)
  const menteeNext = body.menteeNext ?? after.mentee
  const mentorNext = body.mentorNext ?? after.mentor
  if (a && (a.participant.status === 'matched' || a.participant.status === 'paused')) {
    const side = { participant: a.participant, nextStatus: menteeNext }
    statements.push(...setStatus(scope, menteeNext === 'exited' ? { ...side, exitReason } : side, match.id))
  }
  if (b && (b.participant.status === 'matched' || b.participant.status === 'ready')) {
    const left = Math.max(0, (used.get(match.mentorId) ?? 1) - 1)
    if (left > 0 && mentorNext === 'exited') {
      throw new Problem('mentor-has-other-matches', {
        detail: 'The mentor still has other tandems in this program. End those first.',
        errors: [
          fieldError('mentorNext', 'not-allowed', { message: 'End the mentor’s other tandems first.' }),
        ],
      })
    }
    const matchable = b.screening ? screeningState(b.screening, program, now).matchable : false
    // With other tandems still open the mentor stays matched unless places are free and they go back to the pool.
    const next: Participant['status'] =
      left >= b.participant.capacity
        ? 'matched'
        : left > 0
          ? mentorNext === 'ready' && matchable
            ? 'ready'
            : 'matched'
          : mentorNext === 'ready'
            ? matchable
              ? 'ready'
              : 'screening'
            : mentorNext
    const side = { participant: b.participant, nextStatus: next }
    statements.push(...setStatus(scope, next === 'exited' ? { ...side, exitReason } : side, match.id))
  }
  await commit(db, statements)
  return getMatch(db, tenantId, program.id, match.id)
}
