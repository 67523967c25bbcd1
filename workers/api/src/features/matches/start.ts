/**
 * Starting a match — from an accepted proposal or by hand — and the checks and writes around it: who is available
 * now, the guarded insert, status changes with their history, introductions, and committing it all as one batch.
 */
import {
  type Database,
  matches,
  matchProposals,
  newId,
  type Participant,
  type Program,
  participants,
  type Screening,
  screenings,
} from '@tandem/db'
import { emailLocale, introductionEmail } from '@tandem/email'
import type { ExitReason } from '@tandem/vocab'
import { eq, inArray, or, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { isGuardRefusal } from '../../lib/match-guard'
import { MENTEE_POOL_STATUSES, MENTOR_POOL_STATUSES, OCCUPYING } from '../../lib/matching-pool'
import { firstName, participantEvent } from '../../lib/participant-events'
import { Problem } from '../../lib/problem'
import { inIds, inTenant, tenantRow } from '../../lib/sql'
import { localTime } from '../email/local-time'
import { scheduleEmail } from '../email/outbox.service'
import { screeningOfParticipant, screeningState } from '../screening/service'

export type Statement = BatchItem<'sqlite'>

interface Side {
  participant: Participant
  /** Status after this match starts or ends (unchanged when equal to the current one). */
  nextStatus: Participant['status']
  /** Why, when the next status is `exited`. */
  exitReason?: ExitReason
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
    /** When the tandem began, if earlier than now (a tandem recorded after it started). */
    startedAt?: Date
    /** The day it is planned to end, or null. */
    plannedEndOn?: string | null
  },
  now: Date,
) {
  const startedAt = (row.startedAt ?? now).getTime()
  const proposalStillOpen = row.proposalId
    ? sql` and exists (select 1 from ${matchProposals} where tenant_id = ${row.tenantId} and id = ${row.proposalId} and status = 'proposed')`
    : sql``
  // All columns of `matches`, in the schema's order (drizzle's insert … select lists every column by name):
  // id … override_reason, then end_requested_by, mentee_end_request, mentor_end_request, end_reason, end_note,
  // started_at (guarded), ended_at, created_at, planned_end_on.
  return db.insert(matches).select(
    sql`select ${row.id}, ${row.tenantId}, ${row.programId}, ${row.menteeId}, ${row.mentorId}, 'active', ${row.proposalId}, ${row.overrideReason},
      null, null, null, null, null,
      case when (select count(*) from ${matches} where tenant_id = ${row.tenantId} and mentor_id = ${row.mentorId} and status in ('active', 'paused'))
                < (select capacity from ${participants} where tenant_id = ${row.tenantId} and id = ${row.mentorId})
            and not exists (select 1 from ${matches} where tenant_id = ${row.tenantId} and mentee_id = ${row.menteeId} and status in ('active', 'paused'))${proposalStillOpen}
           then ${startedAt} else null end,
      null, ${now.getTime()}, ${row.plannedEndOn ?? null}`,
  )
}

/** A participant's new status with its history entry, for the batch of a match (nothing when it is unchanged). */
export function setStatus({ db, actorId, now }: Scope, side: Side, matchId: string) {
  const p = side.participant
  if (side.nextStatus === p.status) return []
  return [
    db
      .update(participants)
      .set({ status: side.nextStatus, exitReason: side.exitReason ?? null, updatedAt: now })
      .where(tenantRow(participants, p.tenantId, p.id)),
    participantEvent(
      db,
      p.tenantId,
      p.id,
      'status',
      {
        from: p.status,
        to: side.nextStatus,
        matchId,
        ...(side.exitReason ? { reason: side.exitReason } : {}),
      },
      actorId,
      now,
    ),
  ]
}

/**
 * The day `months` after `day` (`YYYY-MM-DD`), on the last day of the month when that month is shorter
 * (2026-08-31 plus 6 months is 2027-02-28).
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(d, last))
  return first.toISOString().slice(0, 10)
}

/**
 * Every statement that starts one match: the guarded insert, statuses (the mentee matched; the mentor matched
 * when this fills their `taken` places, else ready), history, introductions, audit. The planned end is the one
 * given (null: none), by default the start day plus the program's commitment in months.
 */
export function startMatchStatements(
  scope: Scope,
  org: { name: string; timezone: string },
  program: Program,
  pair: { mentee: Participant; mentor: Participant; taken: number },
  origin: {
    proposalId: string | null
    overrideReason: string | null
    auditMeta: Record<string, string | number | boolean | null>
    startedAt?: Date
    plannedEndOn?: string | null
  },
) {
  const { db, tenantId, actorId, now } = scope
  const matchId = newId()
  const a = pair.mentee
  const b = pair.mentor
  const mentorStatus: Participant['status'] = pair.taken + 1 >= b.capacity ? 'matched' : 'ready'
  const plannedEndOn =
    origin.plannedEndOn !== undefined
      ? origin.plannedEndOn
      : addMonths(localTime(origin.startedAt ?? now, org.timezone).date, program.minCommitmentMonths)
  const introductions = [
    { to: a, partner: b, partnerRole: 'mentor' as const },
    { to: b, partner: a, partnerRole: 'mentee' as const },
  ].filter((x) => x.to.email)
  const statements = [
    guardedMatchInsert(
      db,
      {
        id: matchId,
        tenantId,
        programId: program.id,
        menteeId: a.id,
        mentorId: b.id,
        ...origin,
        plannedEndOn,
      },
      now,
    ),
    ...setStatus(scope, { participant: a, nextStatus: 'matched' }, matchId),
    ...setStatus(scope, { participant: b, nextStatus: mentorStatus }, matchId),
    participantEvent(db, tenantId, a.id, 'match.started', { matchId, mentorId: b.id }, actorId, now),
    participantEvent(db, tenantId, b.id, 'match.started', { matchId, menteeId: a.id }, actorId, now),
    ...introductions.map((x) =>
      scheduleEmail(db, {
        tenantId,
        kind: 'match.introduction',
        toAddress: x.to.email as string,
        ...introductionEmail(emailLocale(x.to.preferredLocale), {
          name: firstName(x.to.displayName),
          partner: firstName(x.partner.displayName),
          partnerRole: x.partnerRole,
          program: program.name,
          org: org.name,
        }),
        dueAt: now,
      }),
    ),
    auditFor(scope)(
      origin.proposalId ? 'match.accepted' : 'match.created',
      { type: 'match', id: matchId },
      { menteeId: a.id, mentorId: b.id, ...origin.auditMeta },
    ),
  ]
  return { matchId, statements, mentorStatus, emails: introductions.length }
}

/** Runs the statements as one atomic batch; a guarded write that no longer held answers 409 `match-changed`. */
export async function commit(db: Database, statements: Statement[]) {
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

/** The people of these pairs (with their screenings) and who is taken now: places used per mentor, busy mentees. */
export async function pairsState(
  db: Database,
  tenantId: string,
  programId: string,
  pairs: readonly { menteeId: string; mentorId: string }[],
) {
  const mentees = pairs.map((p) => p.menteeId)
  const mentors = pairs.map((p) => p.mentorId)
  const people = await peopleWithScreening(db, tenantId, programId, [...new Set([...mentees, ...mentors])])
  return { people, ...(await holdings(db, tenantId, mentees, mentors)) }
}

/** Why this pair cannot start a match now, the mentee's reason first (empty: it can). */
export function unavailable(
  mentee: Participant,
  mentor: { participant: Participant; screening: Screening | null },
  program: Program,
  { used, busy }: { used: Map<string, number>; busy: Set<string> },
  now: Date,
) {
  const taken = used.get(mentor.participant.id) ?? 0
  return [
    { path: 'menteeId', message: menteeUnavailable(mentee, busy) },
    {
      path: 'mentorId',
      message: mentorUnavailable(mentor.participant, mentor.screening, program, taken, now),
    },
  ].filter((x): x is { path: string; message: string } => x.message !== null)
}

/** Current places taken per mentor and current match per mentee (active or paused). */
export async function holdings(db: Database, tenantId: string, menteeIds: string[], mentorIds: string[]) {
  const rows = await db
    .select({ menteeId: matches.menteeId, mentorId: matches.mentorId })
    .from(matches)
    .where(
      inTenant(
        matches,
        tenantId,
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

/** The program's participants of these ids, each with their screening (null for none), by id. */
export async function peopleWithScreening(db: Database, tenantId: string, programId: string, ids: string[]) {
  const rows = await db
    .select({ participant: participants, screening: screenings })
    .from(participants)
    .leftJoin(screenings, screeningOfParticipant)
    .where(
      inTenant(participants, tenantId, eq(participants.programId, programId), inIds(participants.id, ids)),
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
