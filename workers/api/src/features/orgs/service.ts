import {
  auditLog,
  type Database,
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
import { and, count, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm'
import type * as v from 'valibot'
import { audit } from '../../lib/audit'
import { randomSecret, sha256Hex } from '../../lib/crypto'
import { notFound, Problem } from '../../lib/problem'
import { grantableRoles } from '../auth/permissions'
import { findUserByEmail, issueSignIn } from '../auth/service'
import { newSession } from '../auth/session'
import { scheduleEmail } from '../email/outbox.service'
import type { InviteBody, SignupBody } from './schema'

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000

const slugTaken = () =>
  new Problem('slug-taken', {
    detail: 'An organization already uses this address.',
    errors: [
      { location: 'body', path: 'organization.slug', message: 'This address is taken. Choose another.' },
    ],
  })

const isUniqueViolation = (error: unknown) =>
  /UNIQUE constraint failed/i.test(
    String(error instanceof Error ? error.message + String(error.cause ?? '') : error),
  )

export function organizationOut(t: Tenant) {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    kind: t.kind,
    country: t.country,
    timezone: t.timezone,
    defaultLocale: t.defaultLocale,
  }
}

/** Creates the organization and its owner, and emails the owner a sign-in link — all in one batch. */
export async function signUp(
  db: Database,
  input: v.InferOutput<typeof SignupBody>,
  origin: string,
  now: Date,
) {
  const { organization, admin } = input
  if (await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, organization.slug)).get())
    throw slugTaken()
  const existing = await findUserByEmail(db, admin.email)
  const user = existing ?? {
    id: newId(),
    email: admin.email,
    name: admin.name,
    locale: organization.defaultLocale,
    createdAt: now,
  }
  const tenant: Tenant = { ...organization, id: newId(), placement: 'shared', createdAt: now }
  try {
    await db.batch([
      db.insert(tenants).values(tenant),
      ...(existing ? [] : [db.insert(users).values(user)]),
      db
        .insert(memberships)
        .values({ id: newId(), tenantId: tenant.id, userId: user.id, role: 'owner', createdAt: now }),
      audit(
        db,
        {
          tenantId: tenant.id,
          actorUserId: user.id,
          action: 'org.created',
          targetType: 'organization',
          targetId: tenant.id,
        },
        now,
      ),
      ...issueSignIn(db, user, origin, now),
    ])
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken()
    throw error
  }
  return tenant
}

// ---------- members ----------

export async function listMembers(db: Database, tenantId: string) {
  const rows = await db
    .select({ membership: memberships, user: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(users.name)
  return rows.map(memberOut)
}

export function memberOut(r: { membership: Membership; user: User }) {
  return {
    id: r.membership.id,
    userId: r.user.id,
    name: r.user.name,
    email: r.user.email,
    role: r.membership.role,
    createdAt: r.membership.createdAt.toISOString(),
  }
}

async function findMember(db: Database, tenantId: string, memberId: string) {
  const row = await db
    .select({ membership: memberships, user: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, memberId)))
    .get()
  if (!row) throw notFound('No such member in this organization.')
  return row
}

async function ownerCount(db: Database, tenantId: string) {
  const row = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'owner')))
    .get()
  return row?.n ?? 0
}

const lastOwner = () => new Problem('last-owner', { detail: 'An organization needs at least one owner.' })

/**
 * The write conditions that keep the rules true under concurrency: the member still has the role that was
 * checked, and an owner is only demoted or removed while another owner remains (two owners demoting each
 * other at once cannot leave the organization without one).
 */
function unchangedAndNotLastOwner(tenantId: string, target: Membership) {
  return and(
    eq(memberships.tenantId, tenantId),
    eq(memberships.id, target.id),
    eq(memberships.role, target.role),
    target.role === 'owner'
      ? sql`(select count(*) from memberships m where m.tenant_id = ${tenantId} and m.role = 'owner') > 1`
      : undefined,
  )
}

function assertMayManage(actor: Membership, target: Membership, newRole?: Role) {
  const grantable = grantableRoles[actor.role]
  if (!grantable.includes(target.role) || (newRole && !grantable.includes(newRole))) {
    throw new Problem('role-not-grantable', {
      detail: 'Your role may not change this member or hand out this role.',
    })
  }
}

export async function changeRole(
  db: Database,
  tenantId: string,
  actor: Membership,
  memberId: string,
  role: Role,
  now: Date,
  /** Runs after the checks and before the change, with the member's user id and old role. */
  beforeChange?: (userId: string, from: Role) => Promise<void>,
) {
  const target = await findMember(db, tenantId, memberId)
  assertMayManage(actor, target.membership, role)
  if (target.membership.role === role) return memberOut(target)
  if (target.membership.role === 'owner' && (await ownerCount(db, tenantId)) <= 1) throw lastOwner()
  await beforeChange?.(target.membership.userId, target.membership.role)
  const changed = await db
    .update(memberships)
    .set({ role })
    .where(unchangedAndNotLastOwner(tenantId, target.membership))
    .returning({ id: memberships.id })
    .get()
  if (!changed) throw lastOwner()
  await db.batch([
    audit(
      db,
      {
        tenantId,
        actorUserId: actor.userId,
        action: 'member.role_changed',
        targetType: 'member',
        targetId: memberId,
        meta: { from: target.membership.role, to: role },
      },
      now,
    ),
  ])
  return memberOut({ ...target, membership: { ...target.membership, role } })
}

export async function removeMember(
  db: Database,
  tenantId: string,
  actor: Membership,
  memberId: string,
  now: Date,
  /** Runs after the checks and before the removal (e.g. unlink their participant records elsewhere). */
  beforeRemoval?: (userId: string) => Promise<void>,
) {
  const target = await findMember(db, tenantId, memberId)
  if (target.membership.userId !== actor.userId) assertMayManage(actor, target.membership)
  if (target.membership.role === 'owner' && (await ownerCount(db, tenantId)) <= 1) throw lastOwner()
  await beforeRemoval?.(target.membership.userId)
  const removed = await db
    .delete(memberships)
    .where(unchangedAndNotLastOwner(tenantId, target.membership))
    .returning({ id: memberships.id })
    .get()
  if (!removed) throw lastOwner()
  await db.batch([
    audit(
      db,
      {
        tenantId,
        actorUserId: actor.userId,
        action: 'member.removed',
        targetType: 'member',
        targetId: memberId,
        meta: { role: target.membership.role },
      },
      now,
    ),
  ])
  return { userId: target.membership.userId }
}

// ---------- invitations ----------

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

export async function listInvitations(db: Database, tenantId: string) {
  const rows = await db
    .select()
    .from(invitations)
    .where(eq(invitations.tenantId, tenantId))
    .orderBy(desc(invitations.createdAt))
  return rows.map(invitationOut)
}

async function findInvitation(db: Database, tenantId: string, id: string) {
  const row = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, id)))
    .get()
  if (!row) throw notFound('No such invitation in this organization.')
  return row
}

function invitationMail(
  db: Database,
  tenant: Tenant,
  inviter: User,
  email: string,
  role: Role,
  locale: string | undefined,
  token: string,
  origin: string,
  now: Date,
) {
  const mail = invitationEmail(emailLocale(locale, tenant.defaultLocale), {
    link: `${origin}/invitations/accept?token=${token}`,
    org: tenant.name,
    inviter: inviter.name,
    role,
    days: INVITATION_TTL_MS / 86_400_000,
  })
  return scheduleEmail(db, { tenantId: tenant.id, kind: 'invitation', toAddress: email, ...mail, dueAt: now })
}

export async function invite(
  db: Database,
  tenant: Tenant,
  actor: { membership: Membership; user: User },
  input: v.InferOutput<typeof InviteBody>,
  origin: string,
  now: Date,
  /**
   * A portal invitation: link this participant (of the tenant) to the account on acceptance. It may go to an
   * existing member with the same role (accepting confirms the link; the membership stays as it is).
   */
  portal: { participantId: string; memberMayExist: boolean } | null = null,
) {
  const participantId = portal?.participantId ?? null
  if (!grantableRoles[actor.membership.role].includes(input.role)) {
    throw new Problem('role-not-grantable', {
      detail: 'Your role may not invite people with this role.',
      errors: [{ location: 'body', path: 'role', message: 'You may not hand out this role.' }],
    })
  }
  const member = await db
    .select({ id: memberships.id, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenant.id), eq(users.email, input.email)))
    .get()
  if (member && !(portal?.memberMayExist && member.role === input.role)) {
    throw new Problem('already-member', {
      detail: 'This person is already a member.',
      errors: [{ location: 'body', path: 'email', message: 'Already a member.' }],
    })
  }
  const pending = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenant.id),
        eq(invitations.email, input.email),
        eq(invitations.status, 'pending'),
        gt(invitations.expiresAt, now),
      ),
    )
    .get()
  if (pending) {
    throw new Problem('already-invited', {
      detail: 'This person already has a pending invitation. Resend it instead.',
      errors: [{ location: 'body', path: 'email', message: 'Already invited.' }],
    })
  }
  const token = randomSecret()
  const row: Invitation = {
    id: newId(),
    tenantId: tenant.id,
    email: input.email,
    role: input.role,
    locale: input.locale ?? null,
    participantId,
    invitedBy: actor.user.id,
    tokenHash: sha256Hex(token),
    status: 'pending',
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    acceptedAt: null,
    createdAt: now,
  }
  await db.batch([
    db.insert(invitations).values(row),
    invitationMail(db, tenant, actor.user, input.email, input.role, input.locale, token, origin, now),
    audit(
      db,
      {
        tenantId: tenant.id,
        actorUserId: actor.user.id,
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

export async function resendInvitation(
  db: Database,
  tenant: Tenant,
  actor: { membership: Membership; user: User },
  id: string,
  origin: string,
  now: Date,
) {
  const row = await findInvitation(db, tenant.id, id)
  if (!grantableRoles[actor.membership.role].includes(row.role)) {
    throw new Problem('role-not-grantable', {
      detail: 'Your role may not manage invitations with this role.',
    })
  }
  if (row.status !== 'pending')
    throw new Problem('invitation-not-pending', { detail: `This invitation is ${row.status}.` })
  const token = randomSecret()
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS)
  await db.batch([
    db
      .update(invitations)
      .set({ tokenHash: sha256Hex(token), expiresAt })
      .where(and(eq(invitations.tenantId, tenant.id), eq(invitations.id, id))),
    invitationMail(db, tenant, actor.user, row.email, row.role, row.locale ?? undefined, token, origin, now),
    audit(
      db,
      {
        tenantId: tenant.id,
        actorUserId: actor.user.id,
        action: 'invitation.resent',
        targetType: 'invitation',
        targetId: id,
      },
      now,
    ),
  ])
  return invitationOut({ ...row, expiresAt })
}

export async function revokeInvitation(
  db: Database,
  tenantId: string,
  actor: Membership,
  id: string,
  now: Date,
) {
  const row = await findInvitation(db, tenantId, id)
  if (!grantableRoles[actor.role].includes(row.role)) {
    throw new Problem('role-not-grantable', {
      detail: 'Your role may not manage invitations with this role.',
    })
  }
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
    errors: [{ location: 'body', path: 'token', message: 'Invalid or expired.' }],
  })

/**
 * Accepts an invitation by its emailed token: creates the user if needed, the membership, and a new
 * session (privileges changed, so the browser gets a fresh session). Single use.
 */
export async function acceptInvitation(
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

// ---------- audit log ----------

/**
 * One page of a tenant's audit log, newest first. Entries live in the database of the change they record
 * (control for accounts and members, the tenant's database for program data), so both are read and merged;
 * while a tenant is on the shared database they are one. Actor names come from the control database.
 */
export async function listAudit(
  control: Database,
  tenantDb: Database,
  tenantId: string,
  options: { cursor?: string; limit: number },
) {
  const conditions = [eq(auditLog.tenantId, tenantId)]
  if (options.cursor) {
    const [ms, id] = options.cursor.split('.') as [string, string]
    const at = new Date(Number(ms))
    const before = or(lt(auditLog.createdAt, at), and(eq(auditLog.createdAt, at), lt(auditLog.id, id)))
    if (before) conditions.push(before)
  }
  const sources = [...new Set([control, tenantDb])]
  const rows = (
    await Promise.all(
      sources.map((db) =>
        db
          .select()
          .from(auditLog)
          .where(and(...conditions))
          .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
          .limit(options.limit + 1),
      ),
    )
  )
    .flat()
    .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0))
    .slice(0, options.limit + 1)
  const page = rows.slice(0, options.limit)
  const actorIds = [...new Set(page.map((e) => e.actorUserId).filter((a): a is string => a !== null))]
  const names = new Map(
    actorIds.length
      ? (
          await control
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(inArray(users.id, actorIds))
        ).map((u) => [u.id, u.name] as const)
      : [],
  )
  const last = page.at(-1)
  return {
    items: page.map((entry) => {
      const name = entry.actorUserId ? names.get(entry.actorUserId) : undefined
      return {
        id: entry.id,
        action: entry.action,
        actor: entry.actorUserId && name ? { id: entry.actorUserId, name } : null,
        targetType: entry.targetType,
        targetId: entry.targetId,
        meta: entry.meta,
        createdAt: entry.createdAt.toISOString(),
      }
    }),
    nextCursor: rows.length > options.limit && last ? `${last.createdAt.getTime()}.${last.id}` : null,
  }
}
