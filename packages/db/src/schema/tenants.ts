import { ORG_KINDS } from '@tandem/vocab'
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'

/**
 * The tenant directory (control database). `placement` names the database that holds the tenant's program data
 * (decision 044): `shared` (the main D1 database), `d1:<BINDING>` (another bound D1 database, e.g. `d1:DB_EU`) or
 * `libsql:<name>` (a dedicated libSQL database, a row of `tenant_databases`).
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
  /** Set while the organization's data moves to another placement: writes answer 503 until the move ends. */
  readOnlySince: integer('read_only_since', { mode: 'timestamp_ms' }),
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

/**
 * Dedicated libSQL (Turso) databases (control database, decision 044): placement `libsql:<name>`. The auth token is
 * sealed like a protected field (AES-GCM under the master key); only the Worker opens it.
 */
export const tenantDatabases = sqliteTable('tenant_databases', {
  name: text('name').primaryKey(),
  url: text('url').notNull(),
  authToken: text('auth_token'),
  createdAt: createdAt(),
})

export type TenantDatabase = typeof tenantDatabases.$inferSelect

/** States of a move: copying and verifying keep the organization read-only; the rest are final or wait. */
export const TENANT_MOVE_STATES = ['copying', 'verifying', 'switched', 'confirmed', 'rolled-back'] as const
export type TenantMoveState = (typeof TENANT_MOVE_STATES)[number]

/**
 * A move of one organization's data between placements (decision 044), advanced step by step by the operator's
 * `…/moves/{id}/step` calls: `step` is the table being copied, `cursor` the last id copied in it; `tables` holds each
 * table's verified count and checksum. The old copy stays until the operator confirms (`confirmed`).
 */
export const tenantMoves = sqliteTable(
  'tenant_moves',
  {
    id: id(),
    tenantId: text('tenant_id').notNull(),
    fromPlacement: text('from_placement').notNull(),
    toPlacement: text('to_placement').notNull(),
    state: text('state', { enum: TENANT_MOVE_STATES }).notNull(),
    step: integer('step').notNull().default(0),
    cursor: text('cursor'),
    tables: text('tables', { mode: 'json' }).$type<Record<string, { rows: number; checksum: string }>>(),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('tenant_moves_tenant').on(t.tenantId, t.createdAt)],
)

export type TenantMove = typeof tenantMoves.$inferSelect
