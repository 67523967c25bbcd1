import { importFactory } from '../../factory'
import { idParam } from '../../lib/params'
import { getImport } from './import.service'

/** Loads the CSV import of every `…/imports/:import/*` route once, within the program in scope (404 otherwise). */
export function importScope() {
  return importFactory.createMiddleware(async function importScope(c, next) {
    c.set(
      'participantImport',
      await getImport(c.var.scope, c.var.program.id, idParam('import', c.req.param('import'))),
    )
    await next()
  })
}
