import { participantFactory } from '../../factory'
import { idParam } from '../../lib/params'
import { getParticipant } from './service'

/**
 * Loads the participant of every `…/participants/:participant/*` route once, within the program already in
 * scope (so within this tenant): anyone else's answers 404 before a handler runs.
 */
export function participantScope() {
  return participantFactory.createMiddleware(async function participantScope(c, next) {
    const id = idParam('participant', c.req.param('participant'))
    const { db, tenantId } = c.var.scope
    c.set('participant', await getParticipant(db, tenantId, c.var.program.id, id))
    await next()
  })
}
