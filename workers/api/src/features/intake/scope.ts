import { createFactory } from 'hono/factory'
import type { AppEnv } from '../../factory'
import { findIntakeTarget, type IntakeTarget } from './service'

/** A public intake route: the organization (by slug) and its open program, loaded once. */
export type IntakeEnv = {
  Bindings: AppEnv['Bindings']
  Variables: AppEnv['Variables'] & { intake: IntakeTarget }
}
export const intakeFactory = createFactory<IntakeEnv>()

/**
 * Loads the form's organization and program from `:org` and `:program` (after the params are validated): an
 * unknown organization, unknown program or a program that takes no applications all answer the same 404.
 */
export function intakeScope() {
  return intakeFactory.createMiddleware(async function intakeScope(c, next) {
    c.set('intake', await findIntakeTarget(c.var.db, c.req.param('org') ?? '', c.req.param('program') ?? ''))
    await next()
  })
}
