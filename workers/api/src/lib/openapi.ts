import { describeRoute, resolver } from 'hono-openapi'
import type * as v from 'valibot'
import type { Permission } from '../features/auth/permissions'

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

export const jsonResponse = <S extends v.GenericSchema>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema: resolver(schema) } },
})

type Spec = Parameters<typeof describeRoute>[0]

/**
 * Documents a tenant route together with the permission it requires (`x-permission`), which the
 * route × role test reads from the OpenAPI document. Pair it with `requirePermission(permission)`.
 */
export function describeTenantRoute(permission: Permission, spec: Spec, options: { scope?: 'own' } = {}) {
  return describeRoute({
    ...spec,
    'x-permission': permission,
    // `own`: the route only reaches the caller's own records (portal); anything else answers 404.
    ...(options.scope ? { 'x-scope': options.scope } : {}),
    responses: {
      ...spec.responses,
      401: problem('Not signed in'),
      403: problem('The caller’s role lacks the permission'),
      404: problem('No such organization for the caller, or no such resource in it'),
    },
  } as Spec)
}
