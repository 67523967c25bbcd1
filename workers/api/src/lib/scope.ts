import type { DbResolver } from '@tandem/db'
import type { Scope } from '../factory'

/**
 * The request's scope on the control database, for services of data kept there (members, invitations, the
 * accounts' side of the audit log): the same tenant id, actor and clock as `c.var.scope`.
 */
export const controlScope = (c: { var: { scope: Scope; db: DbResolver } }): Scope => ({
  ...c.var.scope,
  db: c.var.db.control(),
})
