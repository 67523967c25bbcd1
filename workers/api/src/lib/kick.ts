import type { DbResolver } from '@tandem/db'
import type { Context } from 'hono'
import type { Config } from '../env'
import { type AppEnv, factory } from '../factory'
import { dispatchDueEmails, movingTenants } from '../features/email/outbox.service'
import type { QueueMessage } from '../queue/messages'
import { log } from './log'

/**
 * After a request wrote email into the outbox, hand due rows to the queue right away instead of
 * waiting for the next cron tick (which remains the safety net if this fails).
 */
export function kickOutbox(c: Pick<Context<AppEnv>, 'env' | 'executionCtx'> & { var: { db: DbResolver } }) {
  const control = c.var.db.control()
  const work = movingTenants(control)
    .then((moving) =>
      dispatchDueEmails(
        control,
        c.env.EMAIL_QUEUE as Queue<QueueMessage>,
        new Date(),
        'shared',
        undefined,
        moving,
      ),
    )
    .catch((error) => log.error('outbox kick failed', {}, error))
  try {
    c.executionCtx.waitUntil(work)
  } catch {
    // No execution context (e.g. app.request in a unit test): the promise still runs.
  }
}

/**
 * A route whose success may have written email (an invitation, an alert, a reply's confirmation): once it has
 * answered with a 2xx, the outbox is kicked (`kickOutbox`). A refused request writes nothing, so kicks nothing.
 */
export const kicksOutbox = factory.createMiddleware(async function kicksOutbox(c, next) {
  await next()
  if (c.res.ok) kickOutbox(c)
})

/**
 * The origin links in email point to: the configured public address of the app (`APP_ORIGIN`), never the scheme and
 * host a request names (a forged `Host` must not put someone else's address into a sign-in or invitation email).
 */
export function originOf(c: { var: { config: Pick<Config, 'APP_ORIGIN'> } }): string {
  return c.var.config.APP_ORIGIN
}
