import { memberships, tenants, type User } from '@tandem/db'
import { can, type Permission } from '@tandem/vocab'
import { and, eq } from 'drizzle-orm'
import { type AppEnv, type TenantEnv, tenantFactory } from '../../factory'
import { notFound, Problem } from '../../lib/problem'
import { unauthenticated } from '../session'

/**
 * Resolves `/orgs/:org/...` to a tenant through the caller's membership — never from a header — and gives
 * the handlers one scope (tenant database, tenant id, acting user, the request's clock).
 * Not signed in → 401; not a member (or no such organization) → 404, so nothing reveals that an
 * organization exists.
 */
export function tenantScope() {
  return tenantFactory.createMiddleware(async function tenantScope(c, next) {
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
    const tdb = c.var.db.dbFor(row.tenant)
    c.set('tenant', row.tenant)
    c.set('membership', row.membership)
    c.set('tdb', tdb)
    c.set('scope', { db: tdb, tenantId: row.tenant.id, actorId: user.id, now: new Date() })
    await next()
  })
}

// ---- Until every room declares its routes with guard() and reads c.var.scope (issue 9), the older helpers:

/** @deprecated Declare the permission once with `guard()` from middleware/guard. */
export function requirePermission(permission: Permission) {
  return tenantFactory.createMiddleware(async function requirePermission(c, next) {
    if (!can(c.var.membership.role, permission)) {
      throw new Problem('forbidden', { detail: `Your role may not do this (${permission}).` })
    }
    await next()
  })
}

/** @deprecated Tenant routes take their types from `TenantEnv` in factory.ts. */
export type TenantVariables = Omit<TenantEnv['Variables'], keyof AppEnv['Variables']> & { user: User }

/** @deprecated Read `c.var.user` (non-null on tenant routes). */
export const actorUser = <U extends { id: string }>(c: { var: { user: U | null } }): U => {
  const user = c.var.user
  if (!user) throw new Error('tenant routes run after tenantScope(), which requires a user')
  return user
}

/** @deprecated Read `c.var.scope.actorId`. */
export const actorId = (c: { var: { user: { id: string } | null } }): string => actorUser(c).id
