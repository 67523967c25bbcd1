import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'

/**
 * `pending → queued → sent → delivered | bounced | complained`; `failed` when the provider refused the email,
 * `dead` when the retry limit was reached (decision 022). `reason` says why for the last four. Delivery events
 * from the provider (features/email/events.service.ts) move a sent row on; `failed` with reason `suppressed` is
 * email held back because its address is on the organization's suppression list (decision 023).
 */
export const outboxStatuses = [
  'pending',
  'queued',
  'sent',
  'delivered',
  'bounced',
  'complained',
  'failed',
  'dead',
] as const
export type OutboxStatus = (typeof outboxStatuses)[number]

/**
 * Transactional outbox (DESIGN decision 6). A row is written in the same batch as the change
 * that caused it; cron moves due rows to the queue; the consumer sends and records the provider id.
 * `tenant_id` is null only for mail that belongs to no tenant yet (e.g. a sign-in link).
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: id(),
    tenantId: text('tenant_id'),
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    providerId: text('provider_id'),
    lastError: text('last_error'),
    /** Why the row is failed, dead, bounced or complained, in words a coordinator can act on. */
    reason: text('reason'),
    /** The provider batch the row was claimed into (decision 022); its Idempotency-Key is `batch-<id>`. */
    batchId: text('batch_id'),
    /** Until when (epoch ms) one consumer works on the row's batch; a duplicate message waits. */
    leaseUntil: integer('lease_until'),
    queuedAt: integer('queued_at', { mode: 'timestamp_ms' }),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_status_due').on(t.status, t.dueAt),
    index('outbox_batch').on(t.batchId),
    // Delivery events name the email by the provider's id; the email log pages one organization's rows.
    index('outbox_provider').on(t.providerId),
    index('outbox_tenant_created').on(t.tenantId, t.createdAt),
  ],
)

/**
 * The provider's rate limit, shared by every queue consumer and cron tick (decision 022): the earliest time
 * the next call may start (GCRA's theoretical arrival time), claimed with a conditional UPDATE. One row per
 * provider, in the control database.
 */
export const emailSendRate = sqliteTable('email_send_rate', {
  provider: text('provider').primaryKey(),
  nextAt: integer('next_at').notNull(),
})

/**
 * The local dev mailbox: where email goes when no Resend API key is configured.
 */
export const devMailbox = sqliteTable('dev_mailbox', {
  id: id(),
  outboxId: text('outbox_id').notNull().unique(),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html').notNull(),
  createdAt: createdAt(),
})

export type OutboxRow = typeof outbox.$inferSelect
export type NewOutboxRow = typeof outbox.$inferInsert
