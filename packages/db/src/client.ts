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

/** A drizzle database over a D1 binding. */
export function d1Database(binding: D1Database): Database {
  return drizzleD1(binding, { schema }) as unknown as Database
}
