import {
  type Database,
  type DbResolver,
  type Invitation,
  invitations,
  type Membership,
  memberships,
  newId,
  type Role,
  sessions,
  type Tenant,
  tenants,
  type User,
  users,
} from '@tandem/db'
import { emailLocale, invitationEmail } from '@tandem/email'
import { GRANTABLE_ROLES } from '@tandem/vocab'
import { and, desc, eq, gt } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { audit } from '../../lib/audit'
import { randomSecret, sha256Hex } from '../../lib/crypto'
import { fieldError } from '../../lib/field-errors'
import { linkAfterAcceptance, portalInvitationStillValid } from '../../lib/portal-links'
import { notFound, Problem } from '../../lib/problem'
import type { Limit } from '../../lib/rate-limit'
import { findUserByEmail, membershipsOf } from '../auth/service'
import { newSession } from '../auth/session'
import { scheduleEmail } from '../email/outbox.service'
import type { InviteBody } from './schema'

/**
 * Invitations to an organization (control database: the scope's `db` is `controlScope(c).db`), and accepting
 * one by its emailed link. A portal invitation (`participantId`) also links the participant's record.
 */

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000

const HOUR = 3_600_000
/** Invitations send email in the organization's name: limited per organization… */
export const invitationsPerTenant: Limit = { max: 500, windowMs: HOUR }
/** …and per recipient. */
export const invitationsPerRecipient: Limit = { max: 5, windowMs: 24 * HOUR }

/** Who invites, in the name of which organization. */
export interface Inviter {
  tenant: Tenant
  membership: Membership
  user: User
}

export function invitationOut(i: Invitation) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    /** A portal invitation for a participant (linked to their record on acceptance). */
    forParticipant: i.participantId !== null,
    status: i.status,
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
  }
}

export async function listInvitations({ db, tenantId }: Scope) {
  const rows = await db
    .select()
    .from(invitations)
    .where(eq(invitations.tenantId, tenantId))
    .orderBy(desc(invitations.createdAt))
  return rows.map(invitationOut)
}

async function findInvitation({ db, tenantId }: Scope, id: string) {
  const row = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, id)))
    .get()
  if (!row) throw notFound('No such invitation in this organization.')
  return row
}

function assertMayGrant(actor: Membership, role: Role) {
  if (!GRANTABLE_ROLES[actor.role].includes(role)) {
    throw new Problem('role-not-grantable', {
      detail: 'Your role may not manage invitations with this role.',
    })
  }
}

function invitationMail(
  { db, now }: Scope,
  { tenant, user }: Inviter,
  to: { email: string; role: Role; locale?: string | undefined },
  token: string,
  origin: string,
) {
  const mail = invitationEmail(emailLocale(to.locale, tenant.defaultLocale), {
    link: `${origin}/invitations/accept?token=${token}`,
    org: tenant.name,
    inviter: user.name,
    role: to.role,
    days: INVITATION_TTL_MS / 86_400_000,
  })
  return scheduleEmail(db, {
    tenantId: tenant.id,
    kind: 'invitation',
    toAddress: to.email,
    ...mail,
    dueAt: now,
  })
}

export async function invite(
  scope: Scope,
  inviter: Inviter,
  input: v.InferOutput<typeof InviteBody>,
  origin: string,
  /**
   * A portal invitation: link this participant (of the tenant) to the account on acceptance. It may go to an
   * existing member with the same role (accepting confirms the link; the membership stays as it is).
   */
  portal: { participantId: string; memberMayExist: boolean } | null = null,
) {
  const { db, tenantId, now } = scope
  const participantId = portal?.participantId ?? null
  if (!GRANTABLE_ROLES[inviter.membership.role].includes(input.role)) {
    throw new Problem('role-not-grantable', {
      detail: 'Your role may not invite people with this role.',
      errors: [fieldError('role', 'not-allowed', { message: 'You may not hand out this role.' })],
    })
  }
  const member = await db
    .select({ id: memberships.id, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(users.email, input.email)))
    .get()
  if (member && !(portal?.memberMayExist && member.role === input.role)) {
    throw new Problem('already-member', {
      detail: 'This person is already a member.',
      errors: [fieldError('email', 'taken', { message: 'Already a member.' })],
    })
  }
  const pending = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        eq(invitations.email, input.email),
        eq(invitations.status, 'pending'),
        gt(invitations.expiresAt, now),
      ),
    )
    .get()
  if (pending) {
    throw new Problem('already-invited', {
      detail: 'This person already has a pending invitation. Resend it instead.',
      errors: [fieldError('email', 'taken', { message: 'Already invited.' })],
    })
  }
  const token = randomSecret()
  const row: Invitation = {
    id: newId(),
    tenantId,
    email: input.email,
    role: input.role,
    locale: input.locale ?? null,
    participantId,
    invitedBy: inviter.user.id,
    tokenHash: sha256Hex(token),
    status: 'pending',
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    acceptedAt: null,
    createdAt: now,
  }
  await db.batch([
    db.insert(invitations).values(row),
    invitationMail(scope, inviter, input, token, origin),
    audit(
      db,
      {
        tenantId,
        actorUserId: inviter.user.id,
        action: 'invitation.created',
        targetType: 'invitation',
        targetId: row.id,
        meta: { role: input.role, portal: participantId !== null },
      },
      now,
    ),
  ])
  return invitationOut(row)
}

export async function resendInvitation(scope: Scope, inviter: Inviter, id: string, origin: string) {
  const { db, tenantId, now } = scope
  const row = await findInvitation(scope, id)
  assertMayGrant(inviter.membership, row.role)
  if (row.status !== 'pending')
    throw new Problem('invitation-not-pending', { detail: `This invitation is ${row.status}.` })
  const token = randomSecret()
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS)
  await db.batch([
    db
      .update(invitations)
      .set({ tokenHash: sha256Hex(token), expiresAt })
      .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, id))),
    invitationMail(scope, inviter, { ...row, locale: row.locale ?? undefined }, token, origin),
    audit(
      db,
      {
        tenantId,
        actorUserId: inviter.user.id,
        action: 'invitation.resent',
        targetType: 'invitation',
        targetId: id,
      },
      now,
    ),
  ])
  return invitationOut({ ...row, expiresAt })
}

export async function revokeInvitation(scope: Scope, actor: Membership, id: string) {
  const { db, tenantId, now } = scope
  const row = await findInvitation(scope, id)
  assertMayGrant(actor, row.role)
  if (row.status !== 'pending')
    throw new Problem('invitation-not-pending', { detail: `This invitation is ${row.status}.` })
  // Conditional: an acceptance claims the row with the same kind of update, so exactly one of the two wins.
  const revoked = await db
    .update(invitations)
    .set({ status: 'revoked' })
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, id), eq(invitations.status, 'pending')))
    .returning({ id: invitations.id })
    .get()
  if (!revoked)
    throw new Problem('invitation-not-pending', { detail: 'This invitation was accepted just now.' })
  await db.batch([
    audit(
      db,
      {
        tenantId,
        actorUserId: actor.userId,
        action: 'invitation.revoked',
        targetType: 'invitation',
        targetId: id,
      },
      now,
    ),
  ])
}

/** The one answer for a link that cannot be used (which of the reasons is not told). */
export const invalidInvitation = () =>
  new Problem('invitation-invalid', {
    detail: 'This invitation was used, revoked or has expired. Ask for a new one.',
    errors: [fieldError('token', 'expired', { message: 'Invalid or expired.' })],
  })

/**
 * Accepts an invitation by its emailed token: creates the user if needed, the membership, and a new session
 * (privileges changed, so the browser gets a fresh session; `previousSessionId`, one this request proved it
 * holds, ends). Single use. A portal invitation for a record whose address was corrected since is void; an
 * accepted one links its participant record to the account.
 */
export async function acceptInvitation(
  dbs: DbResolver,
  token: string,
  previousSessionId: string | undefined,
  now: Date,
) {
  const db = dbs.control()
  if (!(await portalInvitationStillValid(db, (t) => dbs.dbFor(t), sha256Hex(token), now))) {
    throw invalidInvitation()
  }
  const { user, tenant, sessionToken, invitation } = await claimInvitation(db, token, previousSessionId, now)
  // A portal invitation: link the participant record (in the tenant's database) to the account.
  const { participantId } = invitation
  if (participantId) {
    await linkAfterAcceptance(
      db,
      dbs.dbFor(tenant),
      tenant.id,
      { participantId, email: invitation.email, role: invitation.role },
      user.id,
      now,
    )
  }
  return { user, tenant, sessionToken, memberships: await membershipsOf(db, user.id) }
}

/** The membership part of accepting (control database), all or nothing. */
async function claimInvitation(
  db: Database,
  token: string,
  previousSessionId: string | undefined,
  now: Date,
) {
  // Claim first: one conditional UPDATE, so a revoked, expired or already used invitation — or a second,
  // concurrent acceptance — gets nothing.
  const claimed = await db
    .update(invitations)
    .set({ status: 'accepted', acceptedAt: now })
    .where(
      and(
        eq(invitations.tokenHash, sha256Hex(token)),
        eq(invitations.status, 'pending'),
        gt(invitations.expiresAt, now),
      ),
    )
    .returning()
    .get()
  if (!claimed) throw invalidInvitation()
  const tenantRow = await db.select().from(tenants).where(eq(tenants.id, claimed.tenantId)).get()
  if (!tenantRow) throw invalidInvitation()
  const row = { invitation: claimed, tenant: tenantRow }
  const { invitation, tenant } = row
  const existing = await findUserByEmail(db, invitation.email)
  const user: User = existing ?? {
    id: newId(),
    email: invitation.email,
    name: invitation.email.split('@')[0] ?? invitation.email,
    locale: tenant.defaultLocale,
    createdAt: now,
  }
  const { token: sessionToken, insert } = newSession(db, user.id, now)
  const release = () =>
    db
      .update(invitations)
      .set({ status: 'pending', acceptedAt: null })
      .where(and(eq(invitations.id, invitation.id), eq(invitations.status, 'accepted')))
  try {
    await db.batch([
      audit(
        db,
        {
          tenantId: tenant.id,
          actorUserId: user.id,
          action: 'invitation.accepted',
          targetType: 'invitation',
          targetId: invitation.id,
          meta: { role: invitation.role },
        },
        now,
      ),
      ...(existing ? [] : [db.insert(users).values(user)]),
      db
        .insert(memberships)
        .values({ id: newId(), tenantId: tenant.id, userId: user.id, role: invitation.role, createdAt: now })
        .onConflictDoNothing({ target: [memberships.tenantId, memberships.userId] }),
      insert,
      ...(previousSessionId ? [db.delete(sessions).where(eq(sessions.id, previousSessionId))] : []),
    ])
  } catch (error) {
    // Nothing of the acceptance was written: give the invitation back so the link still works.
    await release()
    throw error
  }
  return { user, tenant, sessionToken, invitation }
}
