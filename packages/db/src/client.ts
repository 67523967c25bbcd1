import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import { drizzle as drizzleD1 } from 'drizzle-orm/d1'
import * as schema from './schema'

export { schema }

/**
 * The database type feature code works with. Both the D1 and the libSQL drivers are async SQLite
 * databases behind drizzle, so the same queries and `db.batch([...])` run on either.
 */
export type Database = BaseSQLiteDatabase<'async', unknown, typeof schema>

/** A drizzle database over a D1 binding. */
export function d1Database(binding: D1Database): Database {
  return drizzleD1(binding, { schema }) as unknown as Database
}

/** The minimal shape of a D1 binding, so this package does not depend on the Workers runtime types. */
export interface D1Database {
  prepare(query: string): unknown
  batch(statements: unknown[]): Promise<unknown[]>
  exec(query: string): Promise<unknown>
}
