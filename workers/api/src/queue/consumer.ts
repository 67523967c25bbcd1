import { createDbResolver } from '@tandem/db'
import * as v from 'valibot'
import { type Bindings, readConfig } from '../env'
import { mailerFor } from '../features/email/mailer'
import { sendOutboxEmail } from '../features/email/outbox.service'
import { handleMatchRunMessage } from '../features/match-runs/job'
import { handleImportMessage } from '../features/participants/import.service'
import { describeError } from '../lib/log'
import { QueueMessageSchema } from './messages'

/** Seconds before the n-th retry: 10 s, 40 s, 90 s, ... capped at 15 minutes. */
export const retryDelay = (attempts: number) => Math.min(900, 10 * attempts * attempts)

/**
 * The jobs queue consumer. Each message is validated, handled and acknowledged on its own; a
 * message that can never succeed (malformed) is acknowledged and logged, not retried forever.
 */
export async function handleQueue(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const config = readConfig(env)
  const resolver = createDbResolver({ shared: env.DB })
  const db = resolver.control()
  const mailer = mailerFor(config, db)
  for (const message of batch.messages) {
    const parsed = v.safeParse(QueueMessageSchema, message.body)
    if (!parsed.success) {
      console.error(
        JSON.stringify({ level: 'error', msg: 'queue: malformed message dropped', id: message.id }),
      )
      message.ack()
      continue
    }
    const job = parsed.output
    try {
      switch (job.type) {
        case 'email.send': {
          // The row lives in the database of the change that scheduled it.
          const rowDb = resolver.dbFor({ id: '', placement: job.placement })
          const outcome = await sendOutboxEmail(rowDb, mailer, job.outboxId, new Date())
          if (outcome === 'retry') message.retry({ delaySeconds: retryDelay(message.attempts) })
          else message.ack()
          break
        }
        case 'participants.import': {
          // Idempotent: continues from the first batch not yet applied; a failure is retried with backoff.
          await handleImportMessage(env, job)
          message.ack()
          break
        }
        case 'match.run': {
          // Idempotent: a finished run is skipped, an interrupted one starts over; failures are recorded on the run.
          await handleMatchRunMessage(env, job)
          message.ack()
          break
        }
      }
    } catch (error) {
      console.error(
        JSON.stringify({
          level: 'error',
          msg: 'queue: job failed',
          type: job.type,
          error: describeError(error),
        }),
      )
      message.retry({ delaySeconds: retryDelay(message.attempts) })
    }
  }
}
