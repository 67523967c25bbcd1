import { PARTNER_CADENCES, PARTNER_KINDS, PARTNER_STATUSES } from '@tandem/vocab'
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { tenants } from './tenants'

/**
 * A partner organization (decision 037): a funder, library, school or city agency that gets a digest of aggregate,
 * suppressed figures by email, in its language, on its cadence, for the programs in scope (`programIds`, or every
 * program when null). A paused partner gets nothing until it is active again.
 */
export const partners = sqliteTable(
  'partners',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: PARTNER_KINDS }).notNull(),
    /** One of the six languages Tandem writes in; the digest and its page use it. */
    locale: text('locale').notNull(),
    cadence: text('cadence', { enum: PARTNER_CADENCES }).notNull(),
    /** Ids of the programs the digest covers; null: every program of the organization. */
    programIds: text('program_ids', { mode: 'json' }).$type<string[] | null>(),
    status: text('status', { enum: PARTNER_STATUSES }).notNull().default('active'),
    createdByUserId: text('created_by_user_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('partners_tenant_name').on(t.tenantId, t.name)],
)

/**
 * A person at a partner who gets its digest: a name and an address (personal data: in the organization's archive,
 * deleted with the partner or when removed from it). The id stays while the address does, so an unsubscribe
 * (`email_preferences`, recipient type `contact`) survives edits of the partner.
 */
export const partnerContacts = sqliteTable(
  'partner_contacts',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('partner_contacts_partner').on(t.tenantId, t.partnerId)],
)

export type Partner = typeof partners.$inferSelect
export type PartnerContact = typeof partnerContacts.$inferSelect
