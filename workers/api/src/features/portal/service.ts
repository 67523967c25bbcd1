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
  tenants,
  type User,
  users,
} from '@tandem/db'
import { emailLocale, safeguardingAlertEmail } from '@tandem/email'
import { and, desc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { alias } from 'drizzle-orm/sqlite-core'
import type * as v from 'valibot'
import { audit } from '../../lib/audit'
import { refusedBy } from '../../lib/guard'
import { isGuardRefusal, statusGuard } from '../../lib/match-guard'
import { type NoteKey, openNote, type Side, sealNote } from '../../lib/notes'
import { firstName, participantEvent } from '../../lib/participant-events'
import { notFound, Problem } from '../../lib/problem'
import { rateLimit } from '../../lib/rate-limit'
import { scheduleEmail } from '../email/outbox.service'
import { invite, resendInvitation, revokeInvitation } from '../orgs/service'
import { getParticipant } from '../participants/service'
import type { EndRequestBody } from './schema'

/**
 * The participant portal: a mentor or mentee sees their own matches and may ask to end one; a coordinator
 * confirms. "Own" is decided by the account linked to the participant record (`participants.user_id`), never by
 * anything the caller sends: a match that is not theirs answers 404, like one of another organization.
 */

const mentee = alias(participants, 'mentee')
const mentor = alias(participants, 'mentor')

const requestColumn = { mentee: 'menteeEndRequest', mentor: 'mentorEndRequest' } as const

/**
 * Links a participant record to an account. Guarded: if the record is linked already when the batch runs, the
 * NOT NULL guard on `created_at` refuses and nothing of the batch (history, audit) is written.
 */
function linkStatements(
  db: Database,
  tenantId: string,
  participantId: string,
  userId: string,
  actorUserId: string,
  now: Date,
) {
  return [
    db
      .update(participants)
      .set({
        userId,
        updatedAt: now,
        createdAt: sql`case when ${participants.userId} is null then ${participants.createdAt} else null end`,
      })
      .where(and(eq(participants.tenantId, tenantId), eq(participants.id, participantId))),
    participantEvent(db, tenantId, participantId, 'portal.linked', {}, actorUserId, now),
    audit(
      db,
      {
        tenantId,
        actorUserId,
        action: 'participant.portal_linked',
        targetType: 'participant',
        targetId: participantId,
      },
      now,
    ),
  ] as const
}

const isLinkRefusal = (error: unknown) => refusedBy(error, 'participants.created_at')

/**
 * After a portal invitation was accepted (control database), links the participant in the tenant's database —
 * only while the record still carries the address the invitation went to, has the invitation's role, is not
 * linked yet, and the account's membership has that role. Anything else (the email was corrected meanwhile,
 * the account already had another role here) links nothing and is logged without personal data.
 * Two databases, so two writes: if this one fails the person is a member without a link, and the
 * coordinator's next portal invitation links them on acceptance.
 */
export async function linkAfterAcceptance(
  control: Database,
  tdb: Database,
  tenantId: string,
  invitation: { participantId: string; email: string; role: string },
  userId: string,
  now: Date,
) {
  const p = await tdb
    .select({ userId: participants.userId, email: participants.email, role: participants.role })
    .from(participants)
    .where(and(eq(participants.tenantId, tenantId), eq(participants.id, invitation.participantId)))
    .get()
  const membership = await control
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
    .get()
  const why = !p
    ? 'participant gone'
    : p.userId !== null
      ? 'already linked'
      : (p.email ?? '').toLowerCase() !== invitation.email.toLowerCase()
        ? 'email changed'
        : p.role !== invitation.role || membership?.role !== p.role
          ? 'role differs'
          : null
  if (why) {
    console.warn(JSON.stringify({ level: 'warn', msg: 'portal invitation not linked', why }))
    return false
  }
  try {
    await tdb.batch([...linkStatements(tdb, tenantId, invitation.participantId, userId, userId, now)])
    return true
  } catch (error) {
    if (isLinkRefusal(error)) return false
    throw error
  }
}

/**
 * Before a portal invitation is accepted: if the record it was sent for no longer carries that address (the
 * coordinator corrected it), the invitation is void — revoked here, so its holder does not even become a member.
 * Returns false then. Other invitations pass.
 */
export async function portalInvitationStillValid(
  control: Database,
  tdbFor: (tenant: { id: string; placement: string }) => Database,
  tokenHash: string,
  now: Date,
) {
  const row = await control
    .select({ invitation: invitations, placement: tenants.placement })
    .from(invitations)
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .where(and(eq(invitations.tokenHash, tokenHash), eq(invitations.status, 'pending')))
    .get()
  const participantId = row?.invitation.participantId
  if (!row || !participantId) return true
  const p = await tdbFor({ id: row.invitation.tenantId, placement: row.placement })
    .select({ email: participants.email, role: participants.role })
    .from(participants)
    .where(and(eq(participants.tenantId, row.invitation.tenantId), eq(participants.id, participantId)))
    .get()
  const same = p && (p.email ?? '').toLowerCase() === row.invitation.email.toLowerCase()
  if (same && p.role === row.invitation.role) return true
  await control.batch([
    control
      .update(invitations)
      .set({ status: 'revoked' })
      .where(and(eq(invitations.id, row.invitation.id), eq(invitations.status, 'pending'))),
    audit(
      control,
      {
        tenantId: row.invitation.tenantId,
        actorUserId: null,
        action: 'invitation.voided',
        targetType: 'invitation',
        targetId: row.invitation.id,
        meta: { reason: p ? 'the record changed' : 'the record is gone' },
      },
      now,
    ),
  ])
  return false
}

/**
 * Removes one participant's portal access (a coordinator's decision, e.g. a wrong link), audited. The account
 * keeps its membership (it may be right for other records); removing the member is the members page's job.
 */
export async function removePortalAccess(
  control: Database,
  tdb: Database,
  tenantId: string,
  programId: string,
  participantId: string,
  actor: Membership,
  now: Date,
) {
  const actorUserId = actor.userId
  const p = await getParticipant(tdb, tenantId, programId, participantId)
  // A pending portal invitation would link the record again on acceptance: it is revoked too (audited).
  const open = await control
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        eq(invitations.participantId, p.id),
        eq(invitations.status, 'pending'),
      ),
    )
  for (const invitation of open) await revokeInvitation(control, tenantId, actor, invitation.id, now)
  if (p.userId !== null) {
    await tdb.batch([
      tdb
        .update(participants)
        .set({ userId: null, updatedAt: now })
        .where(and(eq(participants.tenantId, tenantId), eq(participants.id, p.id))),
      participantEvent(tdb, tenantId, p.id, 'portal.unlinked', {}, actorUserId, now),
      audit(
        tdb,
        {
          tenantId,
          actorUserId,
          action: 'participant.portal_unlinked',
          targetType: 'participant',
          targetId: p.id,
        },
        now,
      ),
    ])
  }
  return { portalLinked: false }
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
    ...linked.map((p) => participantEvent(tdb, tenantId, p.id, 'portal.unlinked', {}, actorUserId, now)),
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
 * language. Accepting it links the record; nobody is linked without clicking the link sent to the address on
 * the record, also when the address already belongs to a member with that role. An open portal invitation to
 * the same address is sent again (new link); one to an address since corrected is revoked and replaced.
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
    throw new Problem('portal-already-linked', { detail: 'This person already has access to the portal.' })
  }
  if (!p.email) {
    throw new Problem('email-missing', {
      detail: 'This person has no email address on record. Add one first: the invitation is sent there.',
      errors: [{ location: 'body', path: 'email', message: 'No email address on record.' }],
    })
  }
  const email = p.email.toLowerCase()
  const member = await control
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenant.id), eq(users.email, email)))
    .get()
  if (member && member.role !== p.role) {
    throw new Problem('member-role-mismatch', {
      detail: `This email address belongs to a member whose role is ${member.role}, not ${p.role}. Portal access is for mentors and mentees with that role.`,
    })
  }
  const open = await control
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenant.id),
        eq(invitations.participantId, p.id),
        eq(invitations.status, 'pending'),
      ),
    )
  const same = open.find((i) => i.email === email && i.expiresAt > now)
  if (same) {
    return {
      status: 'resent' as const,
      invitation: await resendInvitation(control, tenant, actor, same.id, origin, now),
    }
  }
  for (const stale of open) await revokeInvitation(control, tenant.id, actor.membership, stale.id, now)
  const invitation = await invite(
    control,
    tenant,
    actor,
    { email, role: p.role, locale: p.preferredLocale },
    origin,
    now,
    { participantId: p.id, memberMayExist: member !== undefined },
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

export type Row = {
  match: Match
  programName: string
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
    program: { id: m.programId, name: r.programName },
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
export async function listMyMatches(db: Database, tenantId: string, userId: string, key: NoteKey) {
  const rows = await myMatchesQuery(db, tenantId, userId).orderBy(desc(matches.startedAt)).limit(100)
  return { items: await Promise.all(rows.map((r) => myMatchOut(r, userId, key))) }
}

/** The caller's own match, or 404 — the same answer as for another organization's match. */
export async function findMine(db: Database, tenantId: string, userId: string, matchId: string) {
  const row = await myMatchesQuery(db, tenantId, userId, eq(matches.id, matchId))
  const found = row[0]
  if (!found) throw notFound('You have no match with this id.')
  return found
}

/** Who to alert when someone asks to end for a safeguarding reason: the organization's owners, admins, coordinators. */
async function safeguardingRecipients(control: Database, tenantId: string) {
  return control
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.tenantId, tenantId), inArray(memberships.role, ['owner', 'admin', 'coordinator'])),
    )
}

export interface EndRequestContext {
  control: Database
  tenant: Tenant
  userId: string
  key: NoteKey
  origin: string
  now: Date
}

/**
 * Asks to end the caller's match (or changes their reason and note; the time of the first request stays).
 * The match stays as it is until a coordinator confirms; the partner is not told. Recorded in the caller's
 * history and the audit log; a safeguarding reason also emails the coordinators (no names, no note).
 */
export async function requestEnd(
  db: Database,
  ctx: EndRequestContext,
  matchId: string,
  body: v.InferOutput<typeof EndRequestBody>,
) {
  const row = await findMine(db, ctx.tenant.id, ctx.userId, matchId)
  await writeEndRequest(db, ctx, row, body)
  return myMatchOut(await findMine(db, ctx.tenant.id, ctx.userId, matchId), ctx.userId, ctx.key)
}

/**
 * The write of `requestEnd`, for the match as it was read. Guarded by that state: if a coordinator changed
 * the match since, nothing is written (409).
 */
export async function writeEndRequest(
  db: Database,
  ctx: EndRequestContext,
  row: Row,
  body: v.InferOutput<typeof EndRequestBody>,
) {
  const { tenant, userId, now } = ctx
  const tenantId = tenant.id
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
      .where(and(eq(matches.tenantId, tenantId), eq(matches.id, matchId))),
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

/** Takes the caller's own request back (nothing happens if there was none). */
export async function withdrawEndRequest(
  db: Database,
  tenantId: string,
  userId: string,
  matchId: string,
  key: NoteKey,
  now: Date,
) {
  const row = await findMine(db, tenantId, userId, matchId)
  const side: Side = row.menteeUser === userId ? 'mentee' : 'mentor'
  if (row.match.status === 'ended') {
    throw new Problem('match-ended', { detail: 'This match has already ended.' })
  }
  if (row.match[requestColumn[side]]) {
    const participantId = side === 'mentee' ? row.match.menteeId : row.match.mentorId
    await guarded(db, [
      db
        .update(matches)
        .set({ [requestColumn[side]]: null, startedAt: statusGuard(row.match.status) })
        .where(and(eq(matches.tenantId, tenantId), eq(matches.id, matchId))),
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
  return myMatchOut(await findMine(db, tenantId, userId, matchId), userId, key)
}
