import { findProgram } from '@tandem/db'
import { programFactory } from '../../factory'
import { idParam } from '../../lib/params'
import { notFound } from '../../lib/problem'

/**
 * Loads the program of every `/programs/:program/*` route once, from the tenant's database and with its
 * tenant id: another organization's program (or none) answers 404 before any handler runs.
 */
export function programScope() {
  return programFactory.createMiddleware(async function programScope(c, next) {
    const id = idParam('program', c.req.param('program'))
    // Read with the session when the path named it and the tenant's data is in the control database (shared).
    const prefetched = c.var.orgAccess?.program
    const program =
      prefetched?.id === id &&
      c.var.orgAccess?.found?.tenant.id === c.var.tenant.id &&
      c.var.tenant.placement === 'shared'
        ? (prefetched.row ?? undefined)
        : await findProgram(c.var.tdb, c.var.tenant.id, id)
    if (!program) throw notFound('No such program in this organization.')
    c.set('program', program)
    await next()
  })
}
