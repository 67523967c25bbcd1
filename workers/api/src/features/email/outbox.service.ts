import { type Database, devMailbox, type NewOutboxRow, newId, type OutboxRow, outbox } from '@tandem/db'
import { type Mailer, SendError } from '@tandem/email'
import { and, asc, eq, inArray, lte, or } from 'drizzle-orm'
import type { QueueMessage } from '../../queue/messages'

/** A queued row whose message has not been handled after this long is put on the queue again. */
export const REQUEUE_AFTER_MS = 15 * 60 * 1000
/** After this many send attempts a row is marked failed and left for a person to look at. */
export const MAX_ATTEMPTS = 8

/**
 * The insert that schedules an email. Put it in the same `db.batch([...])` as the change that
 * causes the email, so both happen or neither does.
 */
export function scheduleEmail(db: Database, row: Omit<NewOutboxRow, 'id' | 'status' | 'attempts'>) {
  return db.insert(outbox).values({ ...row, id: newId() })
}

/**
 * The insert of an email a scheduler rule creates (decision 024): its `dedupKey` is unique, so running the rule
 * again for the same subject and period inserts nothing.
 */
export function scheduleKeyedEmail(
  db: Database,
  row: Omit<NewOutboxRow, 'id' | 'status' | 'attempts' | 'dedupKey'> & { dedupKey: string },
) {
  return db
    .insert(outbox)
    .values({ ...row, id: newId() })
    .onConflictDoNothing({ target: outbox.dedupKey })
}

/**
 * Cron: puts due rows on the queue. The message is sent before the row is marked, so a crash in
 * between sends a duplicate message (which the consumer ignores), never loses one.
 */
export async function dispatchDueEmails(
  db: Database,
  queue: Queue<QueueMessage>,
  now: Date,
  placement = 'shared',
  limit = 100,
): Promise<number> {
  const stale = new Date(now.getTime() - REQUEUE_AFTER_MS)
  const due = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      or(
        and(eq(outbox.status, 'pending'), lte(outbox.dueAt, now)),
        and(eq(outbox.status, 'queued'), lte(outbox.queuedAt, stale)),
      ),
    )
    .orderBy(asc(outbox.dueAt))
    .limit(limit)
  if (due.length === 0) return 0
  // Queues accept at most 100 messages per sendBatch.
  await queue.sendBatch(
    due.map((r) => ({ body: { type: 'email.send' as const, outboxId: r.id, placement } })),
  )
  // Only rows still waiting: a fast consumer may already have marked one sent, which must stay sent.
  await db
    .update(outbox)
    .set({ status: 'queued', queuedAt: now })
    .where(
      and(
        inArray(
          outbox.id,
          due.map((r) => r.id),
        ),
        inArray(outbox.status, ['pending', 'queued']),
      ),
    )
  return due.length
}

export type SendOutcome = 'sent' | 'already-sent' | 'missing' | 'failed' | 'retry'

/**
 * Queue consumer: sends one outbox row. Safe to run twice for the same row: a sent row is skipped,
 * and the mailer is idempotent per row id.
 */
export async function sendOutboxEmail(
  db: Database,
  mailer: Mailer,
  outboxId: string,
  now: Date,
): Promise<SendOutcome> {
  const row = await db.select().from(outbox).where(eq(outbox.id, outboxId)).get()
  if (!row) return 'missing'
  if (row.status === 'sent' || row.status === 'failed') return 'already-sent'
  const attempts = row.attempts + 1
  try {
    const { providerId } = await mailer.send({
      id: row.id,
      to: row.toAddress,
      subject: row.subject,
      text: row.text,
      html: row.html,
      ...(row.headers ? { headers: row.headers } : {}),
    })
    await db
      .update(outbox)
      .set({ status: 'sent', attempts, providerId, sentAt: now, lastError: null })
      .where(eq(outbox.id, row.id))
    return 'sent'
  } catch (error) {
    const retryable = !(error instanceof SendError) || error.retryable
    const failed = !retryable || attempts >= MAX_ATTEMPTS
    await db
      .update(outbox)
      .set({
        attempts,
        lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
        ...(failed ? { status: 'failed' as const } : {}),
      })
      .where(eq(outbox.id, row.id))
    return failed ? 'failed' : 'retry'
  }
}

/**
 * The local dev mailbox: keeps the email in the database instead of sending it.
 * Idempotent through the unique outbox id.
 */
export function devMailboxMailer(db: Database): Mailer {
  return {
    name: 'dev-mailbox',
    async send(email) {
      const id = newId()
      await db
        .insert(devMailbox)
        .values({
          id,
          outboxId: email.id,
          toAddress: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
        })
        .onConflictDoNothing({ target: devMailbox.outboxId })
      const row = await db
        .select({ id: devMailbox.id })
        .from(devMailbox)
        .where(eq(devMailbox.outboxId, email.id))
        .get()
      return { providerId: row?.id ?? id }
    },
  }
}

export type { OutboxRow }
