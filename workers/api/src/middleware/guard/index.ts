import { can, type Permission } from '@tandem/vocab'
import { type describeRoute, uniqueSymbol } from 'hono-openapi'
import { tenantFactory } from '../../factory'
import { problem } from '../../lib/openapi'
import { Problem } from '../../lib/problem'

type Spec = Parameters<typeof describeRoute>[0]

export interface GuardOptions {
  /** `own`: the route only reaches the caller's own records (portal); anything else answers 404. */
  scope?: 'own'
}

/**
 * One call per tenant route: enforces one row of the permission table for the caller's role (403 otherwise)
 * and documents the route with the same permission (`x-permission`), which the route × role test reads.
 */
export function guard(permission: Permission, spec: Spec, options: GuardOptions = {}) {
  const middleware = tenantFactory.createMiddleware(async function guard(c, next) {
    if (!can(c.var.membership.role, permission)) {
      throw new Problem('forbidden', { detail: `Your role may not do this (${permission}).` })
    }
    await next()
  })
  const documented: Spec = {
    ...spec,
    'x-permission': permission,
    ...(options.scope ? { 'x-scope': options.scope } : {}),
    responses: {
      ...spec.responses,
      401: problem('Not signed in'),
      403: problem('The caller’s role lacks the permission'),
      404: problem('No such organization for the caller, or no such resource in it'),
    },
  } as Spec
  return Object.assign(middleware, { [uniqueSymbol]: { spec: documented } })
}

/**
 * A portal route: a mentor's or mentee's own records only (`portal:own`, `x-scope: own`), filed under the portal's
 * tag. Anything not the caller's answers 404.
 */
export const ownGuard = (spec: Omit<Spec, 'tags'>) =>
  guard('portal:own', { ...spec, tags: ['portal'] }, { scope: 'own' })
