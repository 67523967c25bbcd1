import { findParticipant } from '@tandem/db'
import { participantFactory } from '../../factory'
import { idParam } from '../../lib/params'
import { notFound } from '../../lib/problem'

/**
 * Loads the participant of every `…/participants/:participant/*` route once, within the program already in
 * scope (so within this tenant): anyone else's answers 404 before a handler runs.
 */
export function participantScope() {
  return participantFactory.createMiddleware(async function participantScope(c, next) {
    const id = idParam('participant', c.req.param('participant'))
    const { db, tenantId } = c.var.scope
    const participant = await findParticipant(db, tenantId, c.var.program.id, id)
    // An erased person is gone as far as people are concerned (decision 032): their anonymous row only counts.
    if (!participant || participant.erasedAt) throw notFound('No such participant in this program.')
    c.set('participant', participant)
    await next()
  })
}
