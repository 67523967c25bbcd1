import { memberships, tenants } from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import { tenantFactory } from '../../factory'
import { notFound } from '../../lib/problem'
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
    // Read with the session when the path named this organization (one round trip for both); else here.
    const prefetched = c.var.orgAccess?.slug === slug ? c.var.orgAccess.found : undefined
    const row =
      prefetched !== undefined
        ? prefetched
        : await c.var.db
            .control()
            .select({ tenant: tenants, membership: memberships })
            .from(memberships)
            .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
            .where(and(eq(tenants.slug, slug), eq(memberships.userId, user.id)))
            .get()
    if (!row) throw notFound('No organization with this address, or you are not one of its members.')
    const tdb = await c.var.db.dbFor(row.tenant)
    c.set('tenant', row.tenant)
    c.set('membership', row.membership)
    c.set('tdb', tdb)
    c.set('scope', { db: tdb, tenantId: row.tenant.id, actorId: user.id, now: new Date() })
    await next()
  })
}
