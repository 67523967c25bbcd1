import {
  type Database,
  type DbResolver,
  type Membership,
  memberships,
  type Tenant,
  tenants,
  type User,
} from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import type { MiddlewareHandler } from 'hono'
import { can, type Permission } from '../../features/auth/permissions'
import { notFound, Problem } from '../../lib/problem'
import { unauthenticated } from '../session'

export type TenantVariables = {
  tenant: Tenant
  membership: Membership
  /** The tenant's own database (`dbFor(tenant)`): program data lives here. */
  tdb: Database
}

type Env = { Variables: TenantVariables & { user: User | null; db: DbResolver } }

/**
 * Resolves `/orgs/:org/...` to a tenant through the caller's membership — never from a header.
 * Not signed in → 401; not a member (or no such organization) → 404, so nothing reveals that an
 * organization exists.
 */
export function tenantScope(): MiddlewareHandler<Env> {
  return async function tenantScope(c, next) {
    const user = c.var.user
    if (!user) throw unauthenticated()
    const slug = c.req.param('org') ?? ''
    const row = await c.var.db
      .control()
      .select({ tenant: tenants, membership: memberships })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(tenants.slug, slug), eq(memberships.userId, user.id)))
      .get()
    if (!row) throw notFound('No organization with this address, or you are not one of its members.')
    c.set('tenant', row.tenant)
    c.set('membership', row.membership)
    c.set('tdb', c.var.db.dbFor(row.tenant))
    await next()
  }
}

/** Enforces one row of the permission table for the caller's role in this tenant (403 otherwise). */
export function requirePermission(permission: Permission): MiddlewareHandler<Env> {
  return async function requirePermission(c, next) {
    if (!can(c.var.membership.role, permission)) {
      throw new Problem(403, 'Forbidden', { detail: `Your role may not do this (${permission}).` })
    }
    await next()
  }
}

/** The signed-in caller on a tenant route (tenantScope has already refused anonymous requests). */
export function actorUser<U extends { id: string }>(c: { var: { user: U | null } }): U {
  const user = c.var.user
  if (!user) throw new Error('tenant routes run after tenantScope(), which requires a user')
  return user
}

/** The caller's user id on a tenant route. */
export const actorId = (c: { var: { user: { id: string } | null } }): string => actorUser(c).id
