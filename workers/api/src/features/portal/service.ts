import {
  type Database,
  type EndRequest,
  invitations,
  type Match,
  type Membership,
  matches,
  memberships,
  participants,
  programs,
  type Tenant,
  type User,
  users,
} from '@tandem/db'
import { and, desc, eq, gt, isNull, or, type SQL } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { alias } from 'drizzle-orm/sqlite-core'
import type * as v from 'valibot'
import { audit } from '../../lib/audit'
import { notFound, Problem } from '../../lib/problem'
import { event, firstName, isGuardRefusal, statusGuard } from '../matching/service'
import { invite } from '../orgs/service'
import { getParticipant } from '../participants/service'
import type { EndRequestBody } from './schema'

/**
 * The participant portal: a mentor or mentee sees their own matches and may ask to end one; a coordinator
 * confirms. "Own" is decided by the account linked to the participant record (`participants.user_id`), never by
 * anything the caller sends: a match that is not theirs answers 404, like one of another organization.
 */

const mentee = alias(participants, 'mentee')
const mentor = alias(participants, 'mentor')

type Side = 'mentee' | 'mentor'
const requestColumn = { mentee: 'menteeEndRequest', mentor: 'mentorEndRequest' } as const

/** Links a participant record to an account (no-op if it is linked already). Batch the returned statements. */
function linkStatements(db: Database, tenantId: string, participantId: string, userId: string, now: Date) {
  return [
    db
      .update(participants)
      .set({ userId, updatedAt: now })
      .where(
        and(
          eq(participants.tenantId, tenantId),
          eq(participants.id, participantId),
          isNull(participants.userId),
        ),
      ),
    event(db, tenantId, participantId, 'portal.linked', {}, userId, now),
    audit(
      db,
      {
        tenantId,
        actorUserId: userId,
        action: 'participant.portal_linked',
        targetType: 'participant',
        targetId: participantId,
      },
      now,
    ),
  ] as const
}

/**
 * After a portal invitation was accepted (control database), links the participant in the tenant's database.
 * Two databases, so two writes: if this one fails the person is a member without a link, and the coordinator's
 * next portal invitation links them at once (see `invitePortal`).
 */
export async function linkAfterAcceptance(
  tdb: Database,
  tenantId: string,
  participantId: string,
  userId: string,
  now: Date,
) {
  const linked = await tdb
    .select({ userId: participants.userId })
    .from(participants)
    .where(and(eq(participants.tenantId, tenantId), eq(participants.id, participantId)))
    .get()
  if (!linked || linked.userId !== null) return
  await tdb.batch([...linkStatements(tdb, tenantId, participantId, userId, now)])
}

/**
 * After a member was removed (control database): their participant records lose the link to the account.
 * Nothing to do when they had none.
 */
export async function unlinkAccount(
  tdb: Database,
  tenantId: string,
  userId: string,
  actorUserId: string,
  now: Date,
) {
  const linked = await tdb
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.tenantId, tenantId), eq(participants.userId, userId)))
  if (linked.length === 0) return
  await tdb.batch([
    tdb
      .update(participants)
      .set({ userId: null, updatedAt: now })
      .where(and(eq(participants.tenantId, tenantId), eq(participants.userId, userId))),
    ...linked.map((p) => event(tdb, tenantId, p.id, 'portal.unlinked', {}, actorUserId, now)),
    audit(
      tdb,
      {
        tenantId,
        actorUserId,
        action: 'participant.portal_unlinked',
        targetType: 'user',
        targetId: userId,
        meta: { participants: linked.length },
      },
      now,
    ),
  ])
}

/** The open portal invitation of a participant, if any (so the page can say so and offer to send it again). */
export async function pendingPortalInvitation(
  control: Database,
  tenantId: string,
  participantId: string,
  now: Date,
) {
  const row = await control
    .select({ id: invitations.id, email: invitations.email, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        eq(invitations.participantId, participantId),
        eq(invitations.status, 'pending'),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(desc(invitations.createdAt))
    .get()
  return row ? { id: row.id, email: row.email, expiresAt: row.expiresAt.toISOString() } : null
}

/**
 * Gives a participant access to the portal: an invitation to the email on their record, with their role and
 * language; or, when that address already belongs to a member with the same role, the link at once.
 */
export async function invitePortal(
  control: Database,
  tdb: Database,
  tenant: Tenant,
  actor: { membership: Membership; user: User },
  programId: string,
  participantId: string,
  origin: string,
  now: Date,
) {
  const p = await getParticipant(tdb, tenant.id, programId, participantId)
  if (p.userId !== null) {
    throw new Problem(409, 'Conflict', { detail: 'This person already has access to the portal.' })
  }
  if (!p.email) {
    throw new Problem(409, 'Conflict', {
      detail: 'This person has no email address on record. Add one first: the invitation is sent there.',
      errors: [{ location: 'body', path: 'email', message: 'No email address on record.' }],
    })
  }
  const member = await control
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenant.id), eq(users.email, p.email)))
    .get()
  if (member) {
    if (member.role !== p.role) {
      throw new Problem(409, 'Conflict', {
        detail: `This email address belongs to a member whose role is ${member.role}, not ${p.role}. Portal access is for mentors and mentees with that role.`,
      })
    }
    await tdb.batch([...linkStatements(tdb, tenant.id, p.id, member.userId, now)])
    return { status: 'linked' as const, invitation: null }
  }
  const invitation = await invite(
    control,
    tenant,
    actor,
    { email: p.email, role: p.role, locale: p.preferredLocale },
    origin,
    now,
    p.id,
  )
  return { status: 'invited' as const, invitation }
}

const myColumns = {
  match: matches,
  programName: programs.name,
  menteeName: mentee.displayName,
  mentorName: mentor.displayName,
  menteeUser: mentee.userId,
  mentorUser: mentor.userId,
}

/** Matches in which one side's participant record is linked to `userId` (plus `extra` conditions). */
function myMatchesQuery(db: Database, tenantId: string, userId: string, extra?: SQL) {
  return db
    .select(myColumns)
    .from(matches)
    .innerJoin(mentee, and(eq(mentee.id, matches.menteeId), eq(mentee.tenantId, matches.tenantId)))
    .innerJoin(mentor, and(eq(mentor.id, matches.mentorId), eq(mentor.tenantId, matches.tenantId)))
    .innerJoin(programs, and(eq(programs.id, matches.programId), eq(programs.tenantId, matches.tenantId)))
    .where(
      and(eq(matches.tenantId, tenantId), or(eq(mentee.userId, userId), eq(mentor.userId, userId)), extra),
    )
}

type Row = {
  match: Match
  programName: string
  menteeName: string
  mentorName: string
  menteeUser: string | null
  mentorUser: string | null
}

/**
 * What a person sees of their match: the program, their partner's first name (as in the introduction email),
 * the state, and their own request to end — never the partner's request, nor coordinator notes or reasons.
 */
function myMatchOut(r: Row, userId: string) {
  const side: Side = r.menteeUser === userId ? 'mentee' : 'mentor'
  const m = r.match
  return {
    id: m.id,
    program: { id: m.programId, name: r.programName },
    side,
    status: m.status,
    partner: { firstName: firstName(side === 'mentee' ? r.mentorName : r.menteeName) },
    startedAt: m.startedAt.toISOString(),
    endedAt: m.endedAt?.toISOString() ?? null,
    myEndRequest: m[requestColumn[side]] ?? null,
  }
}

/** The caller's matches in this organization (as mentee or mentor), newest first; ended ones stay as history. */
export async function listMyMatches(db: Database, tenantId: string, userId: string) {
  const rows = await myMatchesQuery(db, tenantId, userId).orderBy(desc(matches.startedAt)).limit(100)
  return { items: rows.map((r) => myMatchOut(r, userId)) }
}

async function findMine(db: Database, tenantId: string, userId: string, matchId: string) {
  const row = await myMatchesQuery(db, tenantId, userId, eq(matches.id, matchId))
  const found = row[0]
  if (!found) throw notFound('You have no match with this id.')
  return found
}

/**
 * Asks to end the caller's match (or changes their reason and note). The match stays as it is until a
 * coordinator confirms; the partner is not told. Recorded in the caller's history and the audit log.
 */
export async function requestEnd(
  db: Database,
  tenantId: string,
  userId: string,
  matchId: string,
  body: v.InferOutput<typeof EndRequestBody>,
  now: Date,
) {
  const row = await findMine(db, tenantId, userId, matchId)
  const side: Side = row.menteeUser === userId ? 'mentee' : 'mentor'
  if (row.match.status === 'ended') {
    throw new Problem(409, 'Conflict', { detail: 'This match has already ended.' })
  }
  const request: EndRequest = { at: now.toISOString(), reason: body.reason, note: body.note || null }
  const participantId = side === 'mentee' ? row.match.menteeId : row.match.mentorId
  await guarded(db, [
    db
      .update(matches)
      .set({ [requestColumn[side]]: request, startedAt: statusGuard(row.match.status) })
      .where(and(eq(matches.tenantId, tenantId), eq(matches.id, matchId))),
    event(db, tenantId, participantId, 'match.end_requested', { matchId, reason: body.reason }, userId, now),
    audit(
      db,
      {
        tenantId,
        actorUserId: userId,
        action: 'match.end_requested',
        targetType: 'match',
        targetId: matchId,
        meta: { side, reason: body.reason },
      },
      now,
    ),
  ])
  return myMatchOut(await findMine(db, tenantId, userId, matchId), userId)
}

/** One atomic batch whose first statement is guarded by the match's status (see `statusGuard`). */
async function guarded(db: Database, statements: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]) {
  try {
    await db.batch(statements)
  } catch (error) {
    if (!isGuardRefusal(error)) throw error
    // A coordinator changed the match between our read and this write: nothing was saved.
    throw new Problem(409, 'Conflict', { detail: 'This match changed just now. Reload and try again.' })
  }
}

/** Takes the caller's own request back (nothing happens if there was none). */
export async function withdrawEndRequest(
  db: Database,
  tenantId: string,
  userId: string,
  matchId: string,
  now: Date,
) {
  const row = await findMine(db, tenantId, userId, matchId)
  const side: Side = row.menteeUser === userId ? 'mentee' : 'mentor'
  if (row.match.status === 'ended') {
    throw new Problem(409, 'Conflict', { detail: 'This match has already ended.' })
  }
  if (row.match[requestColumn[side]]) {
    const participantId = side === 'mentee' ? row.match.menteeId : row.match.mentorId
    await guarded(db, [
      db
        .update(matches)
        .set({ [requestColumn[side]]: null, startedAt: statusGuard(row.match.status) })
        .where(and(eq(matches.tenantId, tenantId), eq(matches.id, matchId))),
      event(db, tenantId, participantId, 'match.end_request_withdrawn', { matchId }, userId, now),
      audit(
        db,
        {
          tenantId,
          actorUserId: userId,
          action: 'match.end_request_withdrawn',
          targetType: 'match',
          targetId: matchId,
          meta: { side },
        },
        now,
      ),
    ])
  }
  return myMatchOut(await findMine(db, tenantId, userId, matchId), userId)
}
