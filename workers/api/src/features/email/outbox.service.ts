import {
  type Database,
  devMailbox,
  type NewOutboxRow,
  newId,
  type OutboxRow,
  type OutboxStatus,
  outbox,
  tenants,
} from '@tandem/db'
import { type BatchOutcome, MAX_BATCH, type Mailer, type RateHeaders } from '@tandem/email'
import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lte, not, or, sql } from 'drizzle-orm'
import { inIds } from '../../lib/sql'
import type { QueueMessage } from '../../queue/messages'
import { holdSuppressedEmails } from './log.service'
import { awaitSendSlot, holdSendsUntil } from './send-rate'

/** Organizations whose data is being moved (read-only): their email is held until the move switches. */
export async function movingTenants(control: Database): Promise<string[]> {
  const rows = await control.select({ id: tenants.id }).from(tenants).where(isNotNull(tenants.readOnlySince))
  return rows.map((r) => r.id)
}

/** A queued row nobody touched for this long has lost its message: its batch is put on the queue again. */
export const REQUEUE_AFTER_MS = 20 * 60 * 1000
/** After this many failed calls a batch's rows are `dead`, left for a person to retry. */
export const MAX_ATTEMPTS = 8
/** How long one consumer holds a batch; a duplicate message of it comes back after the holder is done. */
export const LEASE_MS = 10 * 60 * 1000
/** One dispatch claims at most this many batches … */
export const MAX_BATCHES_PER_DISPATCH = 200
/** … and none while this many rows are already queued. */
export const MAX_QUEUED_ROWS = 20_000

/** Rows that still wait for the provider; every other status is settled. */
const OPEN: OutboxStatus[] = ['pending', 'queued']
const isOpen = (row: Pick<OutboxRow, 'status'>) => OPEN.includes(row.status)

/**
 * The insert that schedules an email. Put it in the same `db.batch([...])` as the change that
 * causes it, so both happen or neither does.
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
 * Cron and request kick: claims due rows into batches of up to 100 and puts one message per batch on the
 * email queue (decision 022). Each claim is one conditional UPDATE, so concurrent dispatchers never claim a
 * row twice. A crash after a claim leaves the batch queued without a message: it goes out again once nobody
 * touched it for REQUEUE_AFTER_MS. Returns the number of rows put on the queue.
 */
export async function dispatchDueEmails(
  db: Database,
  queue: Queue<QueueMessage>,
  now: Date,
  placement = 'shared',
  maxBatches = MAX_BATCHES_PER_DISPATCH,
  held: readonly string[] = [],
): Promise<number> {
  // Email of an organization being moved waits: its outbox is in two databases until the switch (decision 046).
  const notHeld = held.length
    ? or(isNull(outbox.tenantId), not(inIds(outbox.tenantId, [...held])))
    : undefined
  // Email to an address on its organization's suppression list is held back before it reaches the queue.
  await holdSuppressedEmails(db)
  const messages: QueueMessage[] = []
  let rows = 0
  // Batches whose message was lost (or whose consumer died) go out again.
  const stale = await db
    .update(outbox)
    .set({ queuedAt: now })
    .where(
      and(
        eq(outbox.status, 'queued'),
        lte(outbox.queuedAt, new Date(now.getTime() - REQUEUE_AFTER_MS)),
        // Rows queued without a batch (by the code before decision 022) are claimed below instead.
        isNotNull(outbox.batchId),
      ),
    )
    .returning({ batchId: outbox.batchId })
  for (const batchId of new Set(stale.map((r) => r.batchId))) {
    if (batchId) messages.push({ type: 'email.batch', batchId, placement })
  }
  rows += stale.length

  const queued = await db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'queued')).get()
  let room = Math.max(0, MAX_QUEUED_ROWS - (queued?.n ?? 0))
  for (let i = 0; i < maxBatches && room > 0; i++) {
    const batchId = newId()
    const claimed = await db
      .update(outbox)
      .set({ status: 'queued', batchId, queuedAt: now })
      .where(
        inArray(
          outbox.id,
          db
            .select({ id: outbox.id })
            .from(outbox)
            .where(
              and(
                or(
                  and(eq(outbox.status, 'pending'), lte(outbox.dueAt, now)),
                  and(eq(outbox.status, 'queued'), isNull(outbox.batchId)),
                ),
                notHeld,
              ),
            )
            .orderBy(asc(outbox.dueAt), asc(outbox.id))
            .limit(Math.min(MAX_BATCH, room)),
        ),
      )
      .returning({ id: outbox.id })
    if (claimed.length === 0) break
    messages.push({ type: 'email.batch', batchId, placement })
    rows += claimed.length
    room -= claimed.length
    if (claimed.length < MAX_BATCH) break
  }
  // Queues accept at most 100 messages per sendBatch.
  for (let i = 0; i < messages.length; i += 100) {
    await queue.sendBatch(messages.slice(i, i + 100).map((body) => ({ body })))
  }
  return rows
}

export type BatchResult =
  | { kind: 'done' }
  | { kind: 'missing' }
  /** Not sent yet because of the rate limit: put the message back with this delay (not an attempt). */
  | { kind: 'defer'; delayMs: number }
  /** A failed call: try again after a backoff for `attempts`. */
  | { kind: 'retry'; attempts: number }
  /** The retry limit was reached: the open rows are dead. */
  | { kind: 'dead' }

export interface SendContext {
  /** The database of the batch's rows. */
  db: Database
  /** The control database, where the shared send rate lives. */
  control: Database
  mailer: Mailer
  ratePerSecond: number
  /** The clock, for the times written on rows. */
  now?: () => Date
}

type Part = { kind: 'done' } | { kind: 'defer'; delayMs: number } | { kind: 'failed'; message: string }

/**
 * Queue consumer: sends one batch. Safe to run twice and after a crash: the rows of a batch are fixed when it
 * is claimed, always sent in the same order with Idempotency-Key `batch-<id>`, so the provider replays a
 * batch it accepted instead of sending it again; settled rows are never sent again. A batch refused as a
 * whole is split in halves (keys `batch-<id>-0`, `-1`, `-01`…) until the refused email stands alone.
 */
export async function sendEmailBatch(ctx: SendContext, batchId: string): Promise<BatchResult> {
  const now = ctx.now ?? (() => new Date())
  const rows = await ctx.db.select().from(outbox).where(eq(outbox.batchId, batchId)).orderBy(asc(outbox.id))
  if (rows.length === 0) return { kind: 'missing' }
  if (!rows.some(isOpen)) return { kind: 'done' }
  const inBatch = (...where: Parameters<typeof and>) =>
    and(eq(outbox.batchId, batchId), eq(outbox.status, 'queued'), ...where)
  // One consumer at a time per batch (a duplicate message would only spend call slots): a lease on its rows,
  // taken with a conditional UPDATE. Touching `queued_at` keeps the dispatcher from queueing it again.
  const started = now().getTime()
  const lease = started + LEASE_MS
  const held = await ctx.db
    .update(outbox)
    .set({ leaseUntil: lease, queuedAt: now() })
    .where(inBatch(or(isNull(outbox.leaseUntil), lte(outbox.leaseUntil, started))))
    .returning({ id: outbox.id })
  if (held.length === 0) {
    const other = await ctx.db
      .select({ leaseUntil: outbox.leaseUntil })
      .from(outbox)
      .where(inBatch())
      .limit(1)
      .get()
    if (!other) return { kind: 'done' }
    return { kind: 'defer', delayMs: Math.max(1000, (other.leaseUntil ?? started) - started + 1000) }
  }
  try {
    // Read again under the lease: another consumer may have settled rows meanwhile.
    const fresh = await ctx.db
      .select()
      .from(outbox)
      .where(eq(outbox.batchId, batchId))
      .orderBy(asc(outbox.id))
    return await sendHeldBatch(ctx, now, batchId, fresh, inBatch)
  } finally {
    await ctx.db
      .update(outbox)
      .set({ leaseUntil: null })
      .where(and(eq(outbox.batchId, batchId), eq(outbox.leaseUntil, lease)))
  }
}

async function sendHeldBatch(
  ctx: SendContext,
  now: () => Date,
  batchId: string,
  rows: OutboxRow[],
  inBatch: (...where: Parameters<typeof and>) => ReturnType<typeof and>,
): Promise<BatchResult> {
  const part = await sendPart(ctx, now, batchId, rows, `batch-${batchId}`)
  if (part.kind === 'done') return part
  if (part.kind === 'defer') return part
  // A failed call counts an attempt for every open row of the batch; at the limit they are dead.
  const error = part.message.slice(0, 500)
  const [, dead, after] = await ctx.db.batch([
    ctx.db
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error, queuedAt: now() })
      .where(inBatch()),
    ctx.db
      .update(outbox)
      .set({
        status: 'dead',
        reason: `Not accepted after ${MAX_ATTEMPTS} attempts; last: ${error}`.slice(0, 500),
      })
      .where(inBatch(gte(outbox.attempts, MAX_ATTEMPTS)))
      .returning({ id: outbox.id }),
    ctx.db
      .select({ attempts: outbox.attempts })
      .from(outbox)
      .where(inBatch())
      .orderBy(asc(outbox.attempts))
      .limit(1),
  ])
  if (dead.length > 0 || after.length === 0) return { kind: 'dead' }
  return { kind: 'retry', attempts: after[0]?.attempts ?? 1 }
}

async function sendPart(
  ctx: SendContext,
  now: () => Date,
  batchId: string,
  rows: OutboxRow[],
  key: string,
): Promise<Part> {
  const open = rows.filter(isOpen)
  if (open.length === 0) return { kind: 'done' }
  // Some rows settled, others not: this part was refused before and split; go straight to its halves.
  if (open.length === rows.length) {
    if (ctx.mailer.rateLimited) {
      const slot = await awaitSendSlot(ctx.control, ctx.ratePerSecond)
      if ('wait' in slot) return { kind: 'defer', delayMs: slot.wait }
    }
    const outcome = await ctx.mailer.sendBatch(
      rows.map((r) => ({
        id: r.id,
        to: r.toAddress,
        subject: r.subject,
        text: r.text,
        html: r.html,
        ...(r.headers ? { headers: r.headers } : {}),
      })),
      { idempotencyKey: key },
    )
    if (ctx.mailer.rateLimited) await honourRate(ctx.control, outcome)
    switch (outcome.kind) {
      case 'sent': {
        const at = now()
        const [first, ...rest] = rows.map((r, i) =>
          ctx.db
            .update(outbox)
            .set({
              status: 'sent',
              providerId: outcome.ids[i] ?? null,
              sentAt: at,
              attempts: r.attempts + 1,
              lastError: null,
              reason: null,
            })
            .where(and(eq(outbox.id, r.id), eq(outbox.batchId, batchId), eq(outbox.status, 'queued'))),
        )
        if (first) await ctx.db.batch([first, ...rest])
        return { kind: 'done' }
      }
      case 'rate-limited':
        return { kind: 'defer', delayMs: waitOf(outcome.rate) }
      case 'unavailable':
        return { kind: 'failed', message: outcome.message }
      case 'refused': {
        const [row] = rows
        if (rows.length === 1 && row) {
          const reason = `Refused by the provider: ${outcome.message}`.slice(0, 500)
          await ctx.db
            .update(outbox)
            .set({ status: 'failed', reason, lastError: reason, attempts: row.attempts + 1 })
            .where(and(eq(outbox.id, row.id), eq(outbox.batchId, batchId), eq(outbox.status, 'queued')))
          return { kind: 'done' }
        }
        break
      }
    }
  }
  // Split in halves; a half that cannot go now stops the rest (the redelivery picks up where this left off).
  const mid = Math.ceil(rows.length / 2)
  for (const [i, half] of [rows.slice(0, mid), rows.slice(mid)].entries()) {
    const part = await sendPart(ctx, now, batchId, half, `${key}-${i}`)
    if (part.kind !== 'done') return part
  }
  return { kind: 'done' }
}

/** How long a 429 asks us to wait: Retry-After, else the window's reset, else a second. */
const waitOf = (rate: RateHeaders) => 1000 * (rate.retryAfterSeconds ?? rate.resetSeconds ?? 1)

/** A 429 holds every consumer back for its Retry-After; a spent window (remaining 0) until its reset. */
async function honourRate(control: Database, outcome: BatchOutcome) {
  const { rate } = outcome
  if (outcome.kind === 'rate-limited') await holdSendsUntil(control, Date.now() + waitOf(rate))
  else if (rate.remaining === 0 && rate.resetSeconds !== undefined) {
    await holdSendsUntil(control, Date.now() + rate.resetSeconds * 1000)
  }
}

/**
 * Dead-letter queue: a batch message the consumer failed on every time. Its open rows are marked dead, so
 * they show in the email log and a person can retry them.
 */
export async function markBatchDead(db: Database, batchId: string, reason: string): Promise<number> {
  const dead = await db
    .update(outbox)
    .set({ status: 'dead', reason: reason.slice(0, 500) })
    .where(and(eq(outbox.batchId, batchId), inArray(outbox.status, OPEN)))
    .returning({ id: outbox.id })
  return dead.length
}

/**
 * The local dev mailbox: keeps the email in the database instead of sending it. Idempotent through the
 * unique outbox id; no rate limit.
 */
export function devMailboxMailer(db: Database): Mailer {
  return {
    name: 'dev-mailbox',
    rateLimited: false,
    async sendBatch(emails) {
      if (emails.length === 0) return { kind: 'sent', ids: [], rate: {} }
      const [first, ...rest] = emails.map((email) =>
        db
          .insert(devMailbox)
          .values({
            id: newId(),
            outboxId: email.id,
            toAddress: email.to,
            subject: email.subject,
            text: email.text,
            html: email.html,
          })
          .onConflictDoNothing({ target: devMailbox.outboxId }),
      )
      if (first) await db.batch([first, ...rest])
      const byOutbox = new Map<string, string>()
      // D1 binds at most 100 parameters per statement.
      for (let i = 0; i < emails.length; i += 50) {
        const ids = emails.slice(i, i + 50).map((e) => e.id)
        const stored = await db
          .select({ id: devMailbox.id, outboxId: devMailbox.outboxId })
          .from(devMailbox)
          .where(inArray(devMailbox.outboxId, ids))
        for (const r of stored) byOutbox.set(r.outboxId, r.id)
      }
      return { kind: 'sent', ids: emails.map((e) => byOutbox.get(e.id) ?? e.id), rate: {} }
    },
  }
}

export type { OutboxRow }
