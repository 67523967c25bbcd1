import { sql } from 'drizzle-orm'
import { type D1Database, type Database, d1Database } from './client'

/** What the resolver needs to know about a tenant to find its data. */
export interface TenantPlacement {
  id: string
  placement: string
  /** Set while the tenant's data moves to another placement: its database is handed out read-only. */
  readOnlySince?: Date | null
}

export class UnknownPlacementError extends Error {
  constructor(placement: string) {
    super(`No database is configured for placement "${placement}"`)
    this.name = 'UnknownPlacementError'
  }
}

/** A placement whose database does not answer (network, credentials): retried by the next request. */
export class PlacementUnavailableError extends UnknownPlacementError {
  constructor(placement: string, cause: unknown) {
    super(placement)
    this.message = `The database of placement "${placement}" does not answer: ${String((cause as Error)?.message ?? cause)}`
    this.name = 'PlacementUnavailableError'
    this.cause = cause
  }
}

/** A tenant database whose schema is older than the code: it is not served until it is migrated. */
export class SchemaBehindError extends Error {
  constructor(
    readonly placement: string,
    readonly applied: string | null,
    readonly expected: string,
  ) {
    super(
      `The database of placement "${placement}" is at ${applied ?? 'no migration'}, the code needs ${expected}`,
    )
    this.name = 'SchemaBehindError'
  }
}

/**
 * Placement names (decision 044):
 * - `shared`: the main D1 database (binding `DB`), which is also the control database;
 * - `d1:<BINDING>`: another D1 database bound to the Worker (e.g. `d1:DB_EU`, created in the EU jurisdiction);
 * - `libsql:<name>`: a dedicated libSQL (Turso) database; its URL and sealed token are rows of the control
 *   database's `tenant_databases`.
 */
export type PlacementKind = 'shared' | 'd1' | 'libsql'

const PLACEMENT = /^(?:shared|d1:DB_[A-Z0-9_]{1,40}|libsql:[a-z0-9][a-z0-9-]{0,62})$/

export function placementKind(placement: string): PlacementKind | null {
  if (!PLACEMENT.test(placement)) return null
  if (placement === 'shared') return 'shared'
  return placement.startsWith('d1:') ? 'd1' : 'libsql'
}

export interface PlacementSources {
  /** The main D1 database: the control database and the `shared` placement. */
  shared: D1Database
  /** The control database when it is not that D1 binding (benchmarks over libSQL files). */
  control?: Database
  /** D1 bindings by name, for `d1:<BINDING>` placements. */
  d1?: (binding: string) => D1Database | undefined
  /** Opens the dedicated libSQL database `name` (its URL and token read from the control database). */
  libsql?: (name: string, control: Database) => Promise<Database | undefined>
  /** The newest migration the code needs (`NNNN_name.sql`); a database behind it is refused. */
  expectedMigration?: string
  /** What a write to a read-only tenant's database throws (the Worker's 503 problem). */
  readOnlyError?: () => Error
}

/** How long a placement found behind its migrations is refused before it is checked again. */
const RECHECK_BEHIND_MS = 10_000

interface Resolved {
  db: Database
  /** When it was found behind: it is checked again after RECHECK_BEHIND_MS. */
  behind?: { at: number; error: SchemaBehindError }
}

/**
 * Builds `dbFor(tenant)`: the one way feature code reaches a tenant's program data, and `control()`, the tenant
 * directory, users, memberships, sessions and control email. Each placement's database is opened once per isolate
 * and its schema checked once against the migration the code needs (a database behind it throws
 * SchemaBehindError, answered as 503 until it is migrated). Warm, `dbFor` is a map lookup.
 */
export function createDbResolver(sources: PlacementSources) {
  const control = () => sources.control ?? d1Database(sources.shared)
  let cache = caches.get(sources.shared)
  if (!cache) {
    cache = new Map()
    caches.set(sources.shared, cache)
  }
  const known = cache

  async function open(placement: string): Promise<Database> {
    switch (placementKind(placement)) {
      case 'shared':
        return control()
      case 'd1': {
        const binding = sources.d1?.(placement.slice(3))
        if (!binding) throw new UnknownPlacementError(placement)
        return d1Database(binding)
      }
      case 'libsql': {
        const db = await sources.libsql?.(placement.slice(7), control())
        if (!db) throw new UnknownPlacementError(placement)
        return db
      }
      default:
        throw new UnknownPlacementError(placement)
    }
  }

  async function resolve(placement: string): Promise<Resolved> {
    let db: Database
    let applied: string | null = null
    const expected = sources.expectedMigration
    try {
      db = await open(placement)
      if (expected) applied = await latestMigration(db)
    } catch (error) {
      // Unknown placements and the caller's own problems (a 503 with its reason) pass; a database that does not
      // answer is "unavailable", never a 500.
      if (
        error instanceof UnknownPlacementError ||
        typeof (error as { status?: unknown })?.status === 'number'
      )
        throw error
      throw new PlacementUnavailableError(placement, error)
    }
    if (!expected || (applied !== null && applied >= expected)) return { db }
    return { db, behind: { at: Date.now(), error: new SchemaBehindError(placement, applied, expected) } }
  }

  async function dbFor(tenant: TenantPlacement): Promise<Database> {
    let pending = known.get(tenant.placement)
    if (!pending) {
      pending = resolve(tenant.placement)
      known.set(tenant.placement, pending)
      // A placement that failed to open (unknown, unreachable) is tried again by the next request.
      pending.catch(() => known.delete(tenant.placement))
    }
    const resolved = await pending
    if (resolved.behind) {
      if (Date.now() - resolved.behind.at < RECHECK_BEHIND_MS) throw resolved.behind.error
      known.delete(tenant.placement)
      return dbFor(tenant)
    }
    return tenant.readOnlySince ? readOnly(resolved.db, sources.readOnlyError) : resolved.db
  }

  return {
    control,
    /** The database holding `tenant`'s program data. */
    dbFor,
    /** A placement's database without the schema check (to migrate it). */
    open,
    /** Forgets what is known about a placement (after a migration, a move or a changed token). */
    forget(placement: string) {
      known.delete(placement)
    },
  }
}

/**
 * Resolved placements per isolate, keyed by the main database's binding (the same object for every request of an
 * isolate): a placement is opened and its schema checked once, not per request.
 */
const caches = new WeakMap<D1Database, Map<string, Promise<Resolved>>>()

export type DbResolver = ReturnType<typeof createDbResolver>

/** The newest migration applied to `db`, or null when none is recorded. */
export async function latestMigration(db: Database): Promise<string | null> {
  try {
    const rows = (await db.all(
      // A constant statement; `d1_migrations` is kept by wrangler for D1 and by `migrateDatabase` for libSQL.
      sql.raw('select name from d1_migrations order by id desc limit 1'),
    )) as { name: string }[]
    return rows[0]?.name ?? null
  } catch (error) {
    // A database never migrated has no bookkeeping table; anything else (unreachable, refused) is not "behind".
    if (/no such table/i.test(String((error as Error)?.message) + String((error as Error)?.cause ?? '')))
      return null
    throw error
  }
}

// ---- tenants being moved: their data can be read, not changed ------------------------------------------------

const WRITES = new Set(['insert', 'update', 'delete', 'run'])

/** True when every statement of a batch only reads. */
function readsOnly(items: readonly unknown[]): boolean {
  return items.every((item) => {
    const query = (item as { toSQL?: () => { sql: string } }).toSQL?.().sql ?? ''
    return /^\s*(select|with)\b/i.test(query) && !/\b(insert|update|delete|replace)\b/i.test(query)
  })
}

const readOnlyViews = new WeakMap<Database, Database>()

/**
 * `db` as a tenant being moved sees it: reads pass; starting a write (`insert`, `update`, `delete`, `run`, a batch
 * that writes) throws `error()` at once, so nothing is half-written while rows are copied.
 */
export function readOnly(db: Database, error: () => Error = () => new Error('read-only')): Database {
  let view = readOnlyViews.get(db)
  if (!view) {
    view = new Proxy(db, {
      get(target, property) {
        if (typeof property === 'string' && WRITES.has(property))
          return () => {
            throw error()
          }
        if (property === 'batch')
          return (items: readonly unknown[]) => {
            if (!readsOnly(items)) throw error()
            return (target.batch as (i: readonly unknown[]) => Promise<unknown>)(items)
          }
        const value = Reflect.get(target, property, target)
        return typeof value === 'function' ? value.bind(target) : value
      },
    }) as Database
    readOnlyViews.set(db, view)
  }
  return view
}
