import { auditLog, type Database, users } from '@tandem/db'
import { and, desc, eq, inArray, lt, or } from 'drizzle-orm'
import type { Scope } from '../../factory'

/**
 * One page of a tenant's audit log, newest first. Entries live in the database of the change they record
 * (control for accounts and members, the tenant's database for program data), so both are read and merged;
 * while a tenant is on the shared database they are one. Actor names come from the control database.
 */
export async function listAudit(
  { db: tenantDb, tenantId }: Scope,
  control: Database,
  options: { cursor?: string; limit: number },
) {
  const conditions = [eq(auditLog.tenantId, tenantId)]
  if (options.cursor) {
    const [ms, id] = options.cursor.split('.') as [string, string]
    const at = new Date(Number(ms))
    const before = or(lt(auditLog.createdAt, at), and(eq(auditLog.createdAt, at), lt(auditLog.id, id)))
    if (before) conditions.push(before)
  }
  const sources = [...new Set([control, tenantDb])]
  const rows = (
    await Promise.all(
      sources.map((db) =>
        db
          .select()
          .from(auditLog)
          .where(and(...conditions))
          .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
          .limit(options.limit + 1),
      ),
    )
  )
    .flat()
    .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0))
    .slice(0, options.limit + 1)
  const page = rows.slice(0, options.limit)
  const actorIds = [...new Set(page.map((e) => e.actorUserId).filter((a): a is string => a !== null))]
  const names = new Map(
    actorIds.length
      ? (
          await control
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(inArray(users.id, actorIds))
        ).map((u) => [u.id, u.name] as const)
      : [],
  )
  const last = page.at(-1)
  return {
    items: page.map((entry) => {
      const name = entry.actorUserId ? names.get(entry.actorUserId) : undefined
      return {
        id: entry.id,
        action: entry.action,
        actor: entry.actorUserId && name ? { id: entry.actorUserId, name } : null,
        targetType: entry.targetType,
        targetId: entry.targetId,
        meta: entry.meta,
        createdAt: entry.createdAt.toISOString(),
      }
    }),
    nextCursor: rows.length > options.limit && last ? `${last.createdAt.getTime()}.${last.id}` : null,
  }
}
