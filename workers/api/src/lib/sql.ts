import { and, type Column, eq, lt, or, type SQL, sql } from 'drizzle-orm'

/** `column IN (ids)` with one bound parameter (D1 allows at most 100 per statement). */
export const inIds = (column: Column, ids: string[]) =>
  sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`

/**
 * The join condition for the row `ref` points at, in the same tenant as the row it is read from
 * (`innerJoin(mentee, sameTenantRow(mentee, matches.menteeId, matches.tenantId))`): a join never crosses tenants.
 */
export const sameTenantRow = (row: { id: Column; tenantId: Column }, ref: Column, tenantId: Column) =>
  and(eq(row.id, ref), eq(row.tenantId, tenantId))

/** The rows after `after` in a newest-first list, keyset-paged on (created_at, id) descending. */
export const olderThan = (createdAt: Column, id: Column, after: { createdAt: Date; id: string }) =>
  or(lt(createdAt, after.createdAt), and(eq(createdAt, after.createdAt), lt(id, after.id)))

/** One page from up to `limit + 1` rows: the first `limit` as items, and the next page's cursor if there is more. */
export function pageOf<R, T>(rows: R[], limit: number, out: (row: R) => T, cursorOf: (row: R) => string) {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { items: page.map(out), nextCursor: rows.length > limit && last ? cursorOf(last) : null }
}

/**
 * The condition of a query on tenant data: `table`'s rows of this tenant that also meet `conditions`
 * (`.where(inTenant(matches, tenantId, eq(matches.id, id)))`). Queries start from it, so the tenant filter is part
 * of every query's shape rather than a line to remember.
 */
export const inTenant = (table: { tenantId: Column }, tenantId: string, ...conditions: (SQL | undefined)[]) =>
  and(eq(table.tenantId, tenantId), ...conditions)

/** The condition for the one row of `table` that `id` names, if it is this tenant's and meets `conditions`. */
export const tenantRow = (
  table: { tenantId: Column; id: Column },
  tenantId: string,
  id: string,
  ...conditions: (SQL | undefined)[]
) => inTenant(table, tenantId, eq(table.id, id), ...conditions)
