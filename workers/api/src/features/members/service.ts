import { type Membership, memberships, type Role, type User, users } from '@tandem/db'
import { GRANTABLE_ROLES } from '@tandem/vocab'
import { count, eq, sql } from 'drizzle-orm'
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
  const changed = await db
    .update(memberships)
    .set({ role })
    .where(unchangedAndNotLastOwner(tenantId, target.membership))
    .returning({ id: memberships.id })
    .get()
  if (!changed) throw lastOwner()
  await db.batch([
    auditFor(scope)(
      'member.role_changed',
      { type: 'member', id: memberId },
      { from: target.membership.role, to: role },
    ),
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
  const removed = await db
    .delete(memberships)
    .where(unchangedAndNotLastOwner(tenantId, target.membership))
    .returning({ id: memberships.id })
    .get()
  if (!removed) throw lastOwner()
  await db.batch([
    auditFor(scope)('member.removed', { type: 'member', id: memberId }, { role: target.membership.role }),
  ])
  return { userId: target.membership.userId }
}
