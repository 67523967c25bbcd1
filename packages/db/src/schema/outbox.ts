import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
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
    /**
     * `{kind}:{subject-id}:{period}` for email a scheduler rule creates (decision 024): unique, so a rule that
     * runs twice creates one email. Null for email caused by a request.
     */
    dedupKey: text('dedup_key'),
    /** Extra headers the sender passes through as they are (List-Unsubscribe and List-Unsubscribe-Post). */
    headers: text('headers', { mode: 'json' }).$type<Record<string, string> | null>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_status_due').on(t.status, t.dueAt),
    index('outbox_batch').on(t.batchId),
    // Delivery events name the email by the provider's id; the email log pages one organization's rows.
    index('outbox_provider').on(t.providerId),
    index('outbox_tenant_created').on(t.tenantId, t.createdAt),
    uniqueIndex('outbox_dedup_key').on(t.dedupKey),
  ],
)

/**
 * What a recipient asked for, per kind of optional email (decision 024). No row: the email is on. Lives in the
 * tenant's database beside the outbox, so the rules that write email read it in the same place.
 */
export const emailPreferences = sqliteTable(
  'email_preferences',
  {
    id: id(),
    tenantId: text('tenant_id').notNull(),
    /**
     * `member`: a user with a membership (id = user id); `participant`: a participant record (id = its id);
     * `contact`: a partner's contact (id = the `partner_contacts` row, decision 037).
     */
    recipientType: text('recipient_type', { enum: ['member', 'participant', 'contact'] }).notNull(),
    recipientId: text('recipient_id').notNull(),
    kind: text('kind').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('email_preferences_recipient_kind').on(t.tenantId, t.recipientType, t.recipientId, t.kind),
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
export type EmailPreference = typeof emailPreferences.$inferSelect
