import type { Database } from '@tandem/db'
import { desc, type SQL } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import * as v from 'valibot'
import type { Scope } from '../factory'
import { inTenant, olderThan } from './sql'

/**
 * Lists an organization keeps in both databases (the audit log, its email): rows are written where the change
 * they record lives (control for accounts and invitations, the tenant's database for program data); while a
 * tenant is on the shared database the two are one. Ids do not order across databases, so these lists are paged
 * newest first on (created_at, id) with a time cursor.
 */

/** The databases an organization's rows of such a list can be in: control and its own (once when the same). */
export const bothDatabases = (scope: Scope, control: Database) => [...new Set([control, scope.db])]

/** The cursor of a merged list: `<created ms>.<id>` of the last row of a page. */
export const TimeCursor = v.optional(
  v.pipe(v.string(), v.regex(/^\d{1,15}\.[a-z2-7]{24}$/, 'Not a valid cursor.')),
)

export const timeCursorOf = (row: { createdAt: Date; id: string }) => `${row.createdAt.getTime()}.${row.id}`

export const parseTimeCursor = (cursor: string) => {
  const [ms, id] = cursor.split('.') as [string, string]
  return { createdAt: new Date(Number(ms)), id }
}

/** The order of such a list: newest first, ties by id. */
export const newestFirst = (table: { createdAt: SQLiteColumn; id: SQLiteColumn }) =>
  [desc(table.createdAt), desc(table.id)] as const

/**
 * One database's part of a page: the tenant's rows of `table` that meet `conditions` and come after the page's
 * `cursor`, newest first, `limit + 1` at most (`newestInBoth(…, (db) => newestRows(db, tenantId, auditLog, query))`).
 */
export const newestRows = <
  T extends SQLiteTable & { createdAt: SQLiteColumn; id: SQLiteColumn; tenantId: SQLiteColumn },
>(
  db: Database,
  tenantId: string,
  table: T,
  query: { cursor?: string | undefined; limit: number },
  ...conditions: (SQL | undefined)[]
) =>
  db
    .select()
    .from(table)
    .where(
      inTenant(
        table,
        tenantId,
        query.cursor ? olderThan(table.createdAt, table.id, parseTimeCursor(query.cursor)) : undefined,
        ...conditions,
      ),
    )
    .orderBy(...newestFirst(table))
    .limit(query.limit + 1)

/**
 * Up to `limit + 1` rows, newest first, of what `read` reads (newest first, `limit + 1` at most) in each of both
 * databases, merged: what `pageOf(rows, limit, …, timeCursorOf)` makes one page of.
 */
export async function newestInBoth<R extends { createdAt: Date; id: string }>(
  scope: Scope,
  control: Database,
  limit: number,
  read: (db: Database) => PromiseLike<R[]>,
): Promise<R[]> {
  const lists = await Promise.all(bothDatabases(scope, control).map(read))
  return lists
    .flat()
    .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0))
    .slice(0, limit + 1)
}
