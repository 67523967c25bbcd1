import { TENANT_MOVE_STATES } from '@tandem/db'
import * as v from 'valibot'

/** A placement name (decision 044): `shared`, `d1:<BINDING>` or `libsql:<name>`. */
export const Placement = v.pipe(
  v.string(),
  v.regex(
    /^(?:shared|d1:DB_[A-Z0-9_]{1,40}|libsql:[a-z0-9][a-z0-9-]{0,62})$/,
    'Use shared, d1:<BINDING> or libsql:<name>.',
  ),
)

export const DatabaseName = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Lowercase letters, digits, -.'),
)

export const DatabaseParam = v.object({ name: DatabaseName })

export const DatabaseBody = v.object({
  /** The database's HTTP(S) URL (`libsql://…` is read as `https://…`). */
  url: v.pipe(
    v.string(),
    v.maxLength(500),
    v.regex(/^(libsql|https?):\/\/[^\s]+$/, 'A libsql:// or https:// URL.'),
  ),
  /** The database's auth token (Turso); sealed before it is stored. */
  authToken: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(4000))),
})

export const DatabaseOut = v.object({
  name: v.string(),
  placement: v.string(),
  url: v.string(),
  /** The newest migration the database has applied (null: none). */
  migration: v.nullable(v.string()),
})

export const MoveBody = v.object({
  /** The organization's address (slug). */
  organization: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  to: Placement,
})

export const MoveParam = v.object({ move: v.pipe(v.string(), v.minLength(1), v.maxLength(40)) })

export const MoveOut = v.object({
  id: v.string(),
  tenantId: v.string(),
  fromPlacement: v.string(),
  toPlacement: v.string(),
  state: v.picklist(TENANT_MOVE_STATES),
  /** The table being copied or compared (index into the move's tables), and the last key done in it. */
  step: v.number(),
  cursor: v.nullable(v.string()),
  /** Per table: rows copied and their checksum; while verifying, what each side holds. */
  tables: v.nullable(v.record(v.string(), v.unknown())),
  error: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
  finishedAt: v.nullable(v.string()),
})

export const MigrateBody = v.object({
  /** The committed migrations, in order (`scripts/migrate.mjs` reads them from `migrations/`). */
  migrations: v.pipe(
    v.array(
      v.object({
        name: v.pipe(
          v.string(),
          v.regex(/^\d{4}_[a-z0-9_]+\.sql$/, 'A migration file name such as 0000_init.sql.'),
        ),
        sql: v.pipe(v.string(), v.maxLength(200_000)),
      }),
    ),
    v.minLength(1),
    v.maxLength(1000),
  ),
  /** Placements to migrate besides those in use (e.g. the EU database before any organization is on it). */
  placements: v.optional(v.array(Placement), []),
})

export const MigrateOut = v.object({
  databases: v.array(
    v.object({
      placement: v.string(),
      outcome: v.picklist(['applied', 'current', 'failed']),
      applied: v.array(v.string()),
      migration: v.nullable(v.string()),
      error: v.optional(v.string()),
    }),
  ),
})
