import { runFactory } from '../../factory'
import { idParam } from '../../lib/params'
import { getRun } from './service'

/**
 * Loads the run of every `…/match-runs/:run/*` route once, within the program already in scope (so within this
 * tenant): anyone else's answers 404 before a handler runs.
 */
export function runScope() {
  return runFactory.createMiddleware(async function runScope(c, next) {
    c.set('run', await getRun(c.var.scope, c.var.program.id, idParam('run', c.req.param('run'))))
    await next()
  })
}
