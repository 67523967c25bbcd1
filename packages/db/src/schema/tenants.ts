import { ORG_KINDS } from '@tandem/vocab'
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'

/**
 * The tenant directory (control database). `placement` names the database that holds the
 * tenant's program data: `shared` (the D1 binding) for now; later a D1 shard or a libSQL URL.
 */
export const tenants = sqliteTable('tenants', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ORG_KINDS }).notNull(),
  country: text('country').notNull(),
  timezone: text('timezone').notNull(),
  defaultLocale: text('default_locale').notNull(),
  placement: text('placement').notNull().default('shared'),
  /** How applicants reach the organization (shown on the intake form's confirmation); set by admins. */
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  /**
   * Retention (decision 032), set by owners; null keeps until erased by hand. Months after which an exited
   * participant's personal data is erased (their anonymous rows stay for the counts).
   */
  retentionExitedMonths: integer('retention_exited_months'),
  /** Days after which an email's log entry (address, subject, delivery events) is deleted. */
  retentionEmailDays: integer('retention_email_days'),
  /** When an owner asked to delete the organization; the scheduled job deletes every row of it. */
  deletionRequestedAt: integer('deletion_requested_at', { mode: 'timestamp_ms' }),
  /**
   * The smallest number of people a figure that leaves Tandem may count (reports, exports, digests, the public
   * page, the API); smaller cells are suppressed. Also the smallest cohort group an anonymous survey answer keeps.
   * Default 5, never below 3 (`MINIMUM_CELL_SIZE` in @tandem/vocab).
   */
  minimumCellSize: integer('minimum_cell_size').notNull().default(5),
  /**
   * The public impact page `/o/{slug}/impact` (decision 036): off (null or `enabled: false`) by default; when on,
   * only the measures listed, for all programs, suppressed like every other exit. Set by owners and admins.
   */
  impactPage: text('impact_page', { mode: 'json' }).$type<{ enabled: boolean; measures: string[] } | null>(),
  createdAt: createdAt(),
})

export type Tenant = typeof tenants.$inferSelect
export type NewTenant = typeof tenants.$inferInsert

/**
 * Limits an operator set for one organization (control database, decision 033); a missing row or a null column
 * means the conservative default every new organization starts with (`NEW_ORGANIZATION_LIMITS` in @tandem/vocab).
 */
export const tenantLimits = sqliteTable('tenant_limits', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  programs: integer('programs'),
  importPreviewsPerHour: integer('import_previews_per_hour'),
  importPreviewBytes: integer('import_preview_bytes'),
  matchRunsPerHour: integer('match_runs_per_hour'),
  /** Why the operator changed them (a ticket, an agreement). */
  note: text('note'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
})

export type TenantLimits = typeof tenantLimits.$inferSelect
