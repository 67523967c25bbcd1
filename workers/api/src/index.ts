import { createDbResolver } from '@tandem/db'
import { createApp } from './app'
import type { AppEnv } from './env'
import { dispatchDueEmails } from './features/email/outbox.service'
import { handleQueue } from './queue/consumer'
import type { QueueMessage } from './queue/messages'

const app = createApp()

export default {
  fetch: app.fetch,

  async queue(batch, env, _ctx) {
    await handleQueue(batch, env)
  },

  async scheduled(controller, env, ctx) {
    const db = createDbResolver({ shared: env.DB }).control()
    const queue = env.QUEUE as Queue<QueueMessage>
    ctx.waitUntil(
      dispatchDueEmails(db, queue, new Date(controller.scheduledTime)).then((n) => {
        if (n > 0) console.log(JSON.stringify({ level: 'info', msg: 'cron: emails queued', count: n }))
      }),
    )
  },
} satisfies ExportedHandler<AppEnv, unknown>
