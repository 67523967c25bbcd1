import * as v from 'valibot'
import { type Bindings, readConfig } from '../env'
import { mailerFor } from '../features/email/mailer'
import { markBatchDead, sendEmailBatch } from '../features/email/outbox.service'
import { handleMatchRunMessage } from '../features/match-runs/job'
import { handleImportMessage } from '../features/participants/import.service'
import { resolverFor } from '../lib/db'
import { type LogFields, log } from '../lib/log'
import { type QueueMessage, QueueMessageSchema } from './messages'

/** Seconds before the n-th retry: 10 s, 40 s, 90 s, ... capped at 15 minutes. */
export const retryDelay = (attempts: number) => Math.min(900, 10 * attempts * attempts)

export const EMAIL_QUEUE = 'tandem-email'
export const EMAIL_DEAD_LETTERS = 'tandem-email-dlq'

function parse(message: Message<unknown>): QueueMessage | undefined {
  const parsed = v.safeParse(QueueMessageSchema, message.body)
  if (parsed.success) return parsed.output
  log.error('queue: malformed message dropped', { id: message.id })
  message.ack()
  return undefined
}

/**
 * Does one message's work, which acknowledges or retries it; a message whose work throws is logged and retried
 * with backoff.
 */
async function settle(
  message: Message<unknown>,
  failure: string,
  fields: LogFields,
  work: () => Promise<void>,
) {
  try {
    await work()
  } catch (error) {
    log.error(failure, fields, error)
    message.retry({ delaySeconds: retryDelay(message.attempts) })
  }
}

/** Routes a delivery to its queue's consumer. */
export async function handleQueue(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  if (batch.queue === EMAIL_QUEUE) return handleEmailQueue(batch, env)
  if (batch.queue === EMAIL_DEAD_LETTERS) return handleEmailDeadLetters(batch, env)
  return handleJobsQueue(batch, env)
}

/**
 * The jobs queue consumer (match runs, imports). Each message is validated, handled and acknowledged on its
 * own; a message that can never succeed (malformed) is acknowledged and logged, not retried forever.
 */
export async function handleJobsQueue(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  for (const message of batch.messages) {
    const job = parse(message)
    if (!job) continue
    await settle(message, 'queue: job failed', { type: job.type }, async () => {
      switch (job.type) {
        case 'participants.import':
          // Idempotent: continues from the first batch not yet applied; a failure is retried with backoff.
          await handleImportMessage(env, job)
          break
        case 'match.run':
          // Idempotent: a finished run is skipped, an interrupted one starts over; failures are recorded on the run.
          await handleMatchRunMessage(env, job)
          break
      }
      // Other messages are email sent here before email had its own queue: the dispatcher claims their rows.
      message.ack()
    })
  }
}

/**
 * The email queue consumer: one message is one batch of outbox rows (decision 022). The messages of a
 * delivery are handled side by side; each waits for its slot of the shared send rate.
 */
export async function handleEmailQueue(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const config = readConfig(env)
  const resolver = resolverFor(env)
  const control = resolver.control()
  const mailer = mailerFor(config, control)
  const queue = env.EMAIL_QUEUE as Queue<QueueMessage>
  await Promise.all(
    batch.messages.map(async (message) => {
      const job = parse(message)
      if (!job) return
      if (job.type !== 'email.batch') {
        message.ack()
        return
      }
      await settle(message, 'queue: email batch failed', { batchId: job.batchId }, async () => {
        // The rows live in the database of the change that scheduled them.
        const db = await resolver.dbFor({ id: '', placement: job.placement })
        const result = await sendEmailBatch(
          { db, control, mailer, ratePerSecond: config.RESEND_RATE_PER_SECOND },
          job.batchId,
        )
        if (result.kind === 'retry') return message.retry({ delaySeconds: retryDelay(result.attempts) })
        // Waiting for the rate limit is not a failure: a new message, so it costs none of the retries.
        if (result.kind === 'defer') {
          await queue.send(job, { delaySeconds: Math.max(1, Math.ceil(result.delayMs / 1000)) })
        }
        message.ack()
      })
    }),
  )
}

/** tandem-email-dlq: batches the consumer failed on every time; their open rows become dead. */
export async function handleEmailDeadLetters(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const resolver = resolverFor(env)
  for (const message of batch.messages) {
    const job = parse(message)
    if (job?.type === 'email.batch') {
      const db = await resolver.dbFor({ id: '', placement: job.placement })
      const n = await markBatchDead(
        db,
        job.batchId,
        'The delivery failed on every try (dead-letter queue); see the Worker logs',
      )
      log.error('queue: email batch dead-lettered', { batchId: job.batchId, rows: n })
    }
    message.ack()
  }
}
