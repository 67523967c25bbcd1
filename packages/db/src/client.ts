import type { BatchItem, BatchResponse } from 'drizzle-orm/batch'
import { drizzle as drizzleD1 } from 'drizzle-orm/d1'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import * as schema from './schema'

export { schema }

/**
 * The database type feature code works with. Both the D1 and the libSQL drivers are async SQLite
 * databases behind drizzle with an atomic `batch([...])` (D1 has no interactive transactions), so the
 * same queries run on either.
 */
export type Database = BaseSQLiteDatabase<'async', unknown, typeof schema> & {
  batch<U extends BatchItem<'sqlite'>, T extends Readonly<[U, ...U[]]>>(batch: T): Promise<BatchResponse<T>>
}

/** A D1 binding (the Workers runtime's `D1Database`). */
export type D1Database = Parameters<typeof drizzleD1>[0]

/**
 * drizzle over each binding, built once: building reads the whole schema into drizzle's relational config
 * (~1 ms of CPU, which every request paid). The database holds no request state, so one per binding serves
 * every request of the isolate.
 */
const built = new WeakMap<D1Database, Database>()

/** A drizzle database over a D1 binding. */
export function d1Database(binding: D1Database): Database {
  let db = built.get(binding)
  if (!db) {
    db = drizzleD1(binding, { schema }) as unknown as Database
    built.set(binding, db)
  }
  return db
}
