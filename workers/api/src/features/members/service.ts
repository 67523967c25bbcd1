import { invitations, type Membership, memberships, type Role, type User, users } from '@tandem/db'
import { GRANTABLE_ROLES } from '@tandem/vocab'
import { count, eq, notInArray, sql } from 'drizzle-orm'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { notFound, Problem } from '../../lib/problem'
import { inTenant, tenantRow } from '../../lib/sql'

/**
 * Members of an organization (control database: the scope's `db` is `controlScope(c).db`). The acting
 * membership decides which members and roles may be managed (`GRANTABLE_ROLES`).
 */

export async function listMembers({ db, tenantId }: Scope) {
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

async function findMember({ db, tenantId }: Scope, memberId: string) {
  const row = await db
    .select({ membership: memberships, user: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(tenantRow(memberships, tenantId, memberId))
    .get()
  if (!row) throw notFound('No such member in this organization.')
  return row
}

async function ownerCount({ db, tenantId }: Scope) {
  const row = await db
    .select({ n: count() })
    .from(memberships)
    .where(inTenant(memberships, tenantId, eq(memberships.role, 'owner')))
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
  return tenantRow(
    memberships,
    tenantId,
    target.id,
    eq(memberships.role, target.role),
    target.role === 'owner'
      ? sql`(select count(*) from memberships m where m.tenant_id = ${tenantId} and m.role = 'owner') > 1`
      : undefined,
  )
}

/**
 * Revokes the pending invitations `userId` sent that their new role may no longer hand out (all of them once they
 * are removed: `role` null): an invitation is only as good as the standing of whoever sent it. Runs in the same
 * batch as the change, and only if the change took place (the sender now holds `role`, or no longer belongs).
 */
function revokeInvitationsBy({ db, tenantId }: Scope, userId: string, role: Role | null) {
  const stillGrantable = role ? GRANTABLE_ROLES[role] : []
  const standing = sql`(select m.role from memberships m where m.tenant_id = ${tenantId} and m.user_id = ${userId})`
  return db
    .update(invitations)
    .set({ status: 'revoked' })
    .where(
      inTenant(
        invitations,
        tenantId,
        eq(invitations.invitedBy, userId),
        eq(invitations.status, 'pending'),
        stillGrantable.length > 0 ? notInArray(invitations.role, [...stillGrantable]) : undefined,
        role ? sql`${standing} = ${role}` : sql`${standing} is null`,
      ),
    )
    .returning({ id: invitations.id })
}

/** One audit entry per invitation revoked with its sender's change, saying which change it was. */
const revokedAudits = (
  scope: Scope,
  revoked: { id: string }[],
  because: 'inviter-removed' | 'inviter-role-changed',
) => revoked.map((r) => auditFor(scope)('invitation.revoked', { type: 'invitation', id: r.id }, { because }))

function assertMayManage(actor: Membership, target: Membership, newRole?: Role) {
  const grantable = GRANTABLE_ROLES[actor.role]
  if (!grantable.includes(target.role) || (newRole && !grantable.includes(newRole))) {
    throw new Problem('role-not-grantable', {
      detail: 'Your role may not change this member or hand out this role.',
    })
  }
}

export async function changeRole(
  scope: Scope,
  actor: Membership,
  memberId: string,
  role: Role,
  /** Runs after the checks and before the change, with the member's user id and old role. */
  beforeChange?: (userId: string, from: Role) => Promise<void>,
) {
  const { db, tenantId } = scope
  const target = await findMember(scope, memberId)
  assertMayManage(actor, target.membership, role)
  if (target.membership.role === role) return memberOut(target)
  if (target.membership.role === 'owner' && (await ownerCount(scope)) <= 1) throw lastOwner()
  await beforeChange?.(target.membership.userId, target.membership.role)
  const [changed, revoked] = await db.batch([
    db
      .update(memberships)
      .set({ role })
      .where(unchangedAndNotLastOwner(tenantId, target.membership))
      .returning({ id: memberships.id }),
    revokeInvitationsBy(scope, target.membership.userId, role),
  ])
  if (changed.length === 0) throw lastOwner()
  await db.batch([
    auditFor(scope)(
      'member.role_changed',
      { type: 'member', id: memberId },
      { from: target.membership.role, to: role },
    ),
    ...revokedAudits(scope, revoked, 'inviter-role-changed'),
  ])
  return memberOut({ ...target, membership: { ...target.membership, role } })
}

export async function removeMember(
  scope: Scope,
  actor: Membership,
  memberId: string,
  /** Runs after the checks and before the removal (e.g. unlink their participant records elsewhere). */
  beforeRemoval?: (userId: string) => Promise<void>,
) {
  const { db, tenantId } = scope
  const target = await findMember(scope, memberId)
  if (target.membership.userId !== actor.userId) assertMayManage(actor, target.membership)
  if (target.membership.role === 'owner' && (await ownerCount(scope)) <= 1) throw lastOwner()
  await beforeRemoval?.(target.membership.userId)
  const [removed, revoked] = await db.batch([
    db
      .delete(memberships)
      .where(unchangedAndNotLastOwner(tenantId, target.membership))
      .returning({ id: memberships.id }),
    revokeInvitationsBy(scope, target.membership.userId, null),
  ])
  if (removed.length === 0) throw lastOwner()
  await db.batch([
    auditFor(scope)('member.removed', { type: 'member', id: memberId }, { role: target.membership.role }),
    ...revokedAudits(scope, revoked, 'inviter-removed'),
  ])
  return { userId: target.membership.userId }
}
