import {
  type Database,
  type DbResolver,
  LATEST_MIGRATION,
  latestMigration,
  placementKind,
  tenantDatabases,
  tenants,
} from '@tandem/db'
import { sql } from 'drizzle-orm'

/** One migration file: its name as wrangler records it (`0000_init.sql`) and its statements. */
export interface MigrationFile {
  name: string
  sql: string
}

export interface MigrationReport {
  placement: string
  outcome: 'applied' | 'current' | 'failed'
  applied: string[]
  /** The newest migration the database holds after this run. */
  migration: string | null
  error?: string
}

/** Databases migrated at once. */
const AT_ONCE = 4

/** wrangler's bookkeeping table, kept by libSQL placements too, so one check serves every kind of database. */
const BOOKKEEPING = sql.raw(
  'CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)',
)

/** Every placement an organization is on or may be placed on, but the shared one (wrangler migrates it). */
async function placements(resolver: DbResolver, extra: readonly string[]) {
  const control = resolver.control()
  const used = await control.selectDistinct({ placement: tenants.placement }).from(tenants)
  const dedicated = await control.select({ name: tenantDatabases.name }).from(tenantDatabases)
  const all = new Set([
    ...used.map((u) => u.placement),
    ...dedicated.map((d) => `libsql:${d.name}`),
    ...extra,
  ])
  all.delete('shared')
  return [...all].filter((p) => placementKind(p) !== null).sort()
}

/** A driver's own client under drizzle: D1's binding or a libSQL client. */
type Client =
  | {
      prepare(sql: string): { bind(...args: unknown[]): unknown }
      batch(statements: unknown[]): Promise<unknown>
    }
  | { batch(statements: { sql: string; args: unknown[] }[], mode: 'write'): Promise<unknown> }

const isClient = (value: unknown): value is Client =>
  typeof value === 'object' && value !== null && 'batch' in value && typeof value.batch === 'function'

/** Runs statements as one atomic batch on the database's own client (D1 or libSQL): all or nothing. */
async function atomically(db: Database, statements: { sql: string; args: unknown[] }[]) {
  const client: unknown = Reflect.get(db, '$client')
  if (!isClient(client)) throw new Error('the database has no client to run a batch on')
  if ('prepare' in client) {
    await client.batch(statements.map((s) => client.prepare(s.sql).bind(...s.args)))
  } else {
    await client.batch(statements, 'write')
  }
}

/** Applies the pending migrations to one database, each with its bookkeeping row in one batch (all or nothing). */
export async function migrateDatabase(db: Database, files: readonly MigrationFile[]): Promise<string[]> {
  await db.run(BOOKKEEPING)
  const done = new Set(
    ((await db.all(sql.raw('select name from d1_migrations'))) as { name: string }[]).map((r) => r.name),
  )
  const applied: string[] = []
  for (const file of files) {
    if (done.has(file.name)) continue
    const statements = file.sql
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => ({ sql: s, args: [] as unknown[] }))
    await atomically(db, [
      ...statements,
      { sql: 'insert into d1_migrations (name) values (?)', args: [file.name] },
    ])
    applied.push(file.name)
  }
  return applied
}

/**
 * Migrations everywhere (decision 044): applies the committed migrations, in order, to every tenant database but the
 * shared one — each D1 placement and each dedicated libSQL database — a few at a time, and reports each: `applied`
 * (with the names), `current`, or `failed` (with the error; the others go on). Safe to run again: a migration is
 * applied with its bookkeeping row in one batch, and skipped once recorded.
 */
export async function migrateEverywhere(
  resolver: DbResolver,
  files: readonly MigrationFile[],
  extra: readonly string[] = [],
): Promise<MigrationReport[]> {
  const targets = await placements(resolver, extra)
  const reports: MigrationReport[] = []
  for (let i = 0; i < targets.length; i += AT_ONCE) {
    const batch = targets.slice(i, i + AT_ONCE).map(async (placement): Promise<MigrationReport> => {
      try {
        const db = await resolver.open(placement)
        const applied = await migrateDatabase(db, files)
        resolver.forget(placement)
        return {
          placement,
          outcome: applied.length ? 'applied' : 'current',
          applied,
          migration: await latestMigration(db),
        }
      } catch (error) {
        return {
          placement,
          outcome: 'failed',
          applied: [],
          migration: null,
          error: String((error as Error)?.message ?? error),
        }
      }
    })
    reports.push(...(await Promise.all(batch)))
  }
  return reports
}

export { LATEST_MIGRATION }
