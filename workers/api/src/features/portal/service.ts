import {
  type Database,
  type EndRequest,
  type Match,
  matches,
  memberships,
  type ProgramLabels,
  programs,
  users,
} from '@tandem/db'
import { emailLocale, safeguardingAlertEmail } from '@tandem/email'
import type { Role } from '@tandem/vocab'
import { desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { audit } from '../../lib/audit'
import { isGuardRefusal, statusGuard } from '../../lib/match-guard'
import { type NoteKey, openNote, type Side, sealNote } from '../../lib/notes'
import { firstName, participantEvent } from '../../lib/participant-events'
import { notFound, Problem } from '../../lib/problem'
import { rateLimit } from '../../lib/rate-limit'
import type { AlertContext } from '../../lib/scope'
import { mentee, mentor, withTandem } from '../../lib/sides'
import { inTenant, tenantRow } from '../../lib/sql'
import { scheduleEmail } from '../email/outbox.service'
import type { EndRequestBody } from './schema'

/**
 * The participant portal: a mentor or mentee sees their own matches and may ask to end one; a coordinator
 * confirms. "Own" is decided by the account linked to the participant record (`participants.user_id`), never by
 * anything the caller sends: a match that is not theirs answers 404, like one of another organization. The
 * scope's actor is the person.
 */

const requestColumn = { mentee: 'menteeEndRequest', mentor: 'mentorEndRequest' } as const

const myColumns = {
  match: matches,
  programName: programs.name,
  goalAreas: programs.goalAreas,
  labels: programs.labels,
  menteeName: mentee.displayName,
  mentorName: mentor.displayName,
  menteeUser: mentee.userId,
  mentorUser: mentor.userId,
}

/** Matches in which one side's participant record is linked to the actor's account (plus `extra` conditions). */
function myMatchesQuery({ db, tenantId, actorId: userId }: Scope, extra?: SQL) {
  return withTandem(db.select(myColumns).from(matches).$dynamic()).where(
    inTenant(matches, tenantId, or(eq(mentee.userId, userId), eq(mentor.userId, userId)), extra),
  )
}

export type Row = {
  match: Match
  programName: string
  goalAreas: string[]
  labels: ProgramLabels
  menteeName: string
  mentorName: string
  menteeUser: string | null
  mentorUser: string | null
}

/**
 * What a person sees of their match: the program, their partner's first name (as in the introduction email),
 * the state, and their own request to end (with their own note) — never the partner's request, nor coordinator
 * notes or reasons.
 */
async function myMatchOut(r: Row, userId: string, key: NoteKey) {
  const side: Side = r.menteeUser === userId ? 'mentee' : 'mentor'
  const m = r.match
  // Only a request this account made is theirs to see (after a wrong link was undone and the side linked to
  // someone else, the earlier person's request stays invisible to the new one).
  const stored = m[requestColumn[side]]
  const request = stored && stored.by === userId ? stored : null
  return {
    id: m.id,
    program: {
      id: m.programId,
      name: r.programName,
      goalAreas: r.goalAreas,
      labels: { goalAreas: r.labels.goalAreas ?? {} },
    },
    side,
    status: m.status,
    partner: { firstName: firstName(side === 'mentee' ? r.mentorName : r.menteeName) },
    startedAt: m.startedAt.toISOString(),
    endedAt: m.endedAt?.toISOString() ?? null,
    myEndRequest: request
      ? {
          at: request.at,
          reason: request.reason,
          hasNote: request.sealedNote != null,
          note: await openNote(key, m.tenantId, m.id, side, request.by, request.sealedNote),
        }
      : null,
  }
}

/** The caller's matches in this organization (as mentee or mentor), newest first; ended ones stay as history. */
export async function listMyMatches(scope: Scope, key: NoteKey) {
  const rows = await myMatchesQuery(scope).orderBy(desc(matches.startedAt)).limit(100)
  return { items: await Promise.all(rows.map((r) => myMatchOut(r, scope.actorId, key))) }
}

/** The caller's own match, or 404 — the same answer as for another organization's match. */
export async function findMine(scope: Scope, matchId: string) {
  const row = await myMatchesQuery(scope, eq(matches.id, matchId))
  const found = row[0]
  if (!found) throw notFound('You have no match with this id.')
  return found
}

/** The addresses and languages of the organization's members in `roles` (who a safeguarding alert goes to). */
export async function membersInRoles(control: Database, tenantId: string, roles: readonly Role[]) {
  return control
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inTenant(memberships, tenantId, inArray(memberships.role, [...roles])))
}

/** Who to alert when someone asks to end for a safeguarding reason: the organization's owners, admins, coordinators. */
const safeguardingRecipients = (control: Database, tenantId: string) =>
  membersInRoles(control, tenantId, ['owner', 'admin', 'coordinator'])

/** What asking to end needs besides the scope: the control database (alerts), the organization, the note key. */
export type EndRequestContext = AlertContext

/**
 * Asks to end the caller's match (or changes their reason and note; the time of the first request stays).
 * The match stays as it is until a coordinator confirms; the partner is not told. Recorded in the caller's
 * history and the audit log; a safeguarding reason also emails the coordinators (no names, no note).
 */
export async function requestEnd(
  scope: Scope,
  ctx: EndRequestContext,
  matchId: string,
  body: v.InferOutput<typeof EndRequestBody>,
) {
  const row = await findMine(scope, matchId)
  await writeEndRequest(scope, ctx, row, body)
  return myMatchOut(await findMine(scope, matchId), scope.actorId, ctx.key)
}

/**
 * The write of `requestEnd`, for the match as it was read. Guarded by that state: if a coordinator changed
 * the match since, nothing is written (409).
 */
export async function writeEndRequest(
  { db, tenantId, actorId: userId, now }: Scope,
  ctx: EndRequestContext,
  row: Row,
  body: v.InferOutput<typeof EndRequestBody>,
) {
  const { tenant } = ctx
  const matchId = row.match.id
  const side: Side = row.menteeUser === userId ? 'mentee' : 'mentor'
  if (row.match.status === 'ended') {
    throw new Problem('match-ended', { detail: 'This match has already ended.' })
  }
  const stored = row.match[requestColumn[side]]
  const earlier = stored?.by === userId ? stored : null
  const request: EndRequest = {
    at: earlier?.at ?? now.toISOString(),
    by: userId,
    reason: body.reason,
    sealedNote: await sealNote(ctx.key, tenantId, matchId, side, userId, body.note),
  }
  // At most one safeguarding alert per match and side a day, however often the reason is changed or re-sent.
  let alert = body.reason === 'safeguarding'
  if (alert) {
    try {
      await rateLimit(
        ctx.control,
        `safeguarding-alert:${matchId}:${side}`,
        { max: 1, windowMs: 86_400_000 },
        now,
      )
    } catch (error) {
      if (!(error instanceof Problem && error.status === 429)) throw error
      alert = false
    }
  }
  const participantId = side === 'mentee' ? row.match.menteeId : row.match.mentorId
  const alerts = alert
    ? (await safeguardingRecipients(ctx.control, tenantId)).map((to) =>
        scheduleEmail(db, {
          tenantId,
          kind: 'safeguarding_alert',
          toAddress: to.email,
          ...safeguardingAlertEmail(emailLocale(to.locale, tenant.defaultLocale), {
            program: row.programName,
            org: tenant.name,
            link: `${ctx.origin}/orgs/${tenant.slug}/programs/${row.match.programId}/matches/${matchId}`,
          }),
          dueAt: now,
        }),
      )
    : []
  await guarded(db, [
    db
      .update(matches)
      .set({ [requestColumn[side]]: request, startedAt: statusGuard(row.match.status) })
      .where(tenantRow(matches, tenantId, matchId)),
    participantEvent(
      db,
      tenantId,
      participantId,
      'match.end_requested',
      { matchId, reason: body.reason },
      userId,
      now,
    ),
    audit(
      db,
      {
        tenantId,
        actorUserId: userId,
        action: 'match.end_requested',
        targetType: 'match',
        targetId: matchId,
        meta: { side, reason: body.reason, alerted: alerts.length },
      },
      now,
    ),
    ...alerts,
  ])
  return { alerted: alerts.length }
}

/** One atomic batch whose first statement is guarded by the match's status (see `statusGuard`). */
async function guarded(db: Database, statements: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]) {
  try {
    await db.batch(statements)
  } catch (error) {
    if (!isGuardRefusal(error)) throw error
    // A coordinator changed the match between our read and this write: nothing was saved.
    throw new Problem('match-changed', { detail: 'This match changed just now. Reload and try again.' })
  }
}

/**
 * Takes the caller's own request back (nothing happens if there was none). A request another account made
 * (before the record was linked to the caller) is not the caller's: it stays, as if there were none. The write
 * is guarded by the request it read, so a request changed meanwhile is not taken back blindly (409).
 */
export async function withdrawEndRequest(scope: Scope, key: NoteKey, matchId: string) {
  const { db, tenantId, actorId: userId, now } = scope
  const row = await findMine(scope, matchId)
  const side: Side = row.menteeUser === userId ? 'mentee' : 'mentor'
  if (row.match.status === 'ended') {
    throw new Problem('match-ended', { detail: 'This match has already ended.' })
  }
  const stored = row.match[requestColumn[side]]
  if (stored?.by === userId) {
    const participantId = side === 'mentee' ? row.match.menteeId : row.match.mentorId
    const column = side === 'mentee' ? matches.menteeEndRequest : matches.mentorEndRequest
    await guarded(db, [
      db
        .update(matches)
        .set({
          [requestColumn[side]]: null,
          startedAt: sql`case when json_extract(${column}, '$.at') = ${stored.at} and json_extract(${column}, '$.by') = ${userId} then ${statusGuard(row.match.status)} else null end`,
        })
        .where(tenantRow(matches, tenantId, matchId)),
      participantEvent(db, tenantId, participantId, 'match.end_request_withdrawn', { matchId }, userId, now),
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
  return myMatchOut(await findMine(scope, matchId), userId, key)
}
