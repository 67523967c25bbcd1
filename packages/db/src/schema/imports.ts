import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { programs } from './programs'
import { tenants } from './tenants'

export const importStatuses = ['previewed', 'applying', 'done', 'failed', 'cancelled'] as const
export type ImportStatus = (typeof importStatuses)[number]

/** One problem found in an import file: spreadsheet row (header = 1), column as written in the file. */
export type ImportError = { row: number; column: string | null; message: string }
export type ImportWarning = { column: string; message: string }

/**
 * A CSV import of participants into a program: previewed (dry run), then applied in batches by the
 * queue consumer. The validated rows wait in `participant_import_chunks` (one row per apply batch),
 * so no single D1 row grows with the file; they are deleted once the import is done or cancelled.
 */
export const participantImports = sqliteTable(
  'participant_imports',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    programId: text('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    /** User ids live in the control database; no foreign key, so a tenant can move to its own database. */
    createdBy: text('created_by').notNull(),
    appliedBy: text('applied_by'),
    status: text('status', { enum: importStatuses }).notNull().default('previewed'),
    totalRows: integer('total_rows').notNull(),
    validRows: integer('valid_rows').notNull(),
    appliedRows: integer('applied_rows').notNull().default(0),
    /** Valid at preview time but not created when applied (e.g. the email was enrolled meanwhile). */
    skippedRows: integer('skipped_rows').notNull().default(0),
    /** The first 1,000 errors; `errorCount` has the total. */
    errors: text('errors', { mode: 'json' }).$type<ImportError[]>().notNull().default([]),
    errorCount: integer('error_count').notNull().default(0),
    warnings: text('warnings', { mode: 'json' }).$type<ImportWarning[]>().notNull().default([]),
    /** Why a failed import stopped. */
    failure: text('failure'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('participant_imports_program').on(t.tenantId, t.programId, t.createdAt)],
)

/** A validated row waiting to be created; `id` is the participant id, fixed at preview time. */
export type ImportRow = { row: number; id: string; input: Record<string, unknown> }

/** The valid rows of an import, in apply batches (chunk `seq` holds rows seq*size .. seq*size+size-1). */
export const participantImportChunks = sqliteTable(
  'participant_import_chunks',
  {
    importId: text('import_id')
      .notNull()
      .references(() => participantImports.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    rows: text('rows', { mode: 'json' }).$type<ImportRow[]>().notNull(),
    appliedAt: integer('applied_at', { mode: 'timestamp_ms' }),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
)

export type ParticipantImport = typeof participantImports.$inferSelect
export type ParticipantImportChunk = typeof participantImportChunks.$inferSelect
