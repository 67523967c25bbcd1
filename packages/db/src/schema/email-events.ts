import { SUPPRESSION_REASONS } from '@tandem/vocab'
import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'

/**
 * A delivery event from the email provider (a Resend webhook), kept by its event id (`svix-id`): written in the
 * same batch as the change it causes, so a replayed event hits the primary key and changes nothing. Stored in
 * the database of the outbox row it is about.
 */
export const emailEvents = sqliteTable(
  'email_events',
  {
    /** The webhook's event id (`svix-id`). */
    id: text('id').primaryKey(),
    tenantId: text('tenant_id'),
    outboxId: text('outbox_id').notNull(),
    /** `email.delivered`, `email.bounced`, `email.complained`, `email.delivery_delayed`, … */
    type: text('type').notNull(),
    /** What the provider said (a bounce's type and message), at most 500 characters. */
    detail: text('detail'),
    occurredAt: integer('occurred_at', { mode: 'timestamp_ms' }).notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('email_events_outbox').on(t.outboxId)],
)

/**
 * An organization's suppression list: addresses that bounced for good or complained. No email but the
 * essential kinds goes to an active entry; lifting keeps the row (`liftedAt`, `liftedByUserId`). One active
 * entry per address and organization. In the tenant's database, beside its outbox rows.
 */
export const emailSuppressions = sqliteTable(
  'email_suppressions',
  {
    id: id(),
    tenantId: text('tenant_id').notNull(),
    /** Lower case. */
    address: text('address').notNull(),
    reason: text('reason', { enum: SUPPRESSION_REASONS }).notNull(),
    detail: text('detail'),
    /** The event that put it here, and the email it was about. */
    eventId: text('event_id'),
    outboxId: text('outbox_id'),
    createdAt: createdAt(),
    liftedAt: integer('lifted_at', { mode: 'timestamp_ms' }),
    liftedByUserId: text('lifted_by_user_id'),
  },
  (t) => [
    uniqueIndex('email_suppressions_active').on(t.tenantId, t.address).where(sql`${t.liftedAt} IS NULL`),
    index('email_suppressions_tenant').on(t.tenantId, t.createdAt),
  ],
)

export type EmailEvent = typeof emailEvents.$inferSelect
export type EmailSuppression = typeof emailSuppressions.$inferSelect
