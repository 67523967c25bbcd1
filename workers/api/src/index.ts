import { type Database, tenants } from '@tandem/db'
import { createApp } from './app'
import { type Bindings, readConfig } from './env'
import { fadingRule } from './features/attention/fading.rule'
import { applyDeletions, applyRetention } from './features/data-protection/service'
import { dispatchDueEmails, movingTenants } from './features/email/outbox.service'
import { runScheduler } from './features/email/scheduler'
import { weeklySummaryRule } from './features/email/weekly-summary.rule'
import { eventReminderRule } from './features/events/reminder.rule'
import { goalRevisitRule } from './features/goals/goal-revisit.rule'
import { housekeeping, sweepTenantDatabase } from './features/housekeeping/service'
import { checkInRule } from './features/meetings/check-in.rule'
import { partnerDigestRule } from './features/partners/digest.rule'
import { renewalReminderRule } from './features/screening/service'
import { surveyInvitationRule, surveyReminderRule } from './features/surveys/invitations.rule'
import { resolverFor } from './lib/db'
import { log } from './lib/log'
import { handleQueue } from './queue/consumer'
import type { QueueMessage } from './queue/messages'

const app = createApp()

/** The scheduler's rules (decision 024): each creates due email with a deterministic key. */
const emailRules = [
  renewalReminderRule,
  weeklySummaryRule,
  partnerDigestRule,
  checkInRule,
  goalRevisitRule,
  fadingRule,
  eventReminderRule,
  surveyInvitationRule,
  surveyReminderRule,
]

export default {
  fetch: app.fetch,

  async queue(batch, env, _ctx) {
    await handleQueue(batch, env)
  },

  async scheduled(controller, env, ctx) {
    const resolver = resolverFor(env)
    const queue = env.EMAIL_QUEUE as Queue<QueueMessage>
    const now = new Date(controller.scheduledTime)
    const config = readConfig(env)
    const logCount = (msg: string) => (n: number) => {
      if (n > 0) log.info(msg, { count: n })
    }
    // Outbox rows live in the database of the change that caused them (one atomic batch), so each
    // tenant database is visited; today every tenant is on the shared one.
    const placements = await resolver.control().selectDistinct({ placement: tenants.placement }).from(tenants)
    const databases = new Map<string, Database>([['shared', resolver.control()]])
    for (const { placement } of placements) {
      try {
        databases.set(placement, await resolver.dbFor({ id: '', placement }))
      } catch (error) {
        // One unreachable placement must not stop the cron for every other tenant.
        log.error('cron: placement unavailable', { placement }, error)
      }
    }
    ctx.waitUntil(
      housekeeping(resolver.control(), now).then((n) => {
        const removed = n.rateLimits + n.signInTokens + n.sessions + n.outboxBodies
        if (removed > 0) log.info('cron: housekeeping', n)
      }),
    )
    const moving = await movingTenants(resolver.control())
    for (const [placement, db] of databases) {
      ctx.waitUntil(
        // Scheduled email first, so what the rules create leaves in the same tick.
        runScheduler(emailRules, { control: resolver.control(), db, placement, now, config })
          .then((created) => {
            if (Object.values(created).some((n) => n > 0)) log.info('cron: email scheduled', created)
          })
          .then(() => dispatchDueEmails(db, queue, now, placement, undefined, moving))
          .then(logCount('cron: emails queued'))
          .then(() => sweepTenantDatabase(db, now))
          .then((n) => {
            if (n.importPreviewChunks + n.supersededProposals > 0)
              log.info('cron: swept', { placement, ...n })
          })
          // Retention and deletions the organizations asked for (decision 032).
          .then(() => applyRetention(resolver.control(), db, placement, now))
          .then((done) => {
            if (done.erased + done.emails > 0) log.info('cron: retention', done)
          })
          .then(() => applyDeletions(resolver.control(), db, placement, now))
          .then(logCount('cron: organizations deleted'))
          .catch((error) => log.error('cron: job failed', { placement }, error)),
      )
    }
  },
} satisfies ExportedHandler<Bindings, unknown>
