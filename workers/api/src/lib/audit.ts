import { auditLog, type Database, newId } from '@tandem/db'
import type { AuditAction } from '@tandem/vocab'
import type { Scope } from '../factory'

export interface AuditEvent {
  tenantId: string | null
  actorUserId: string | null
  action: AuditAction
  targetType?: string
  targetId?: string
  meta?: Record<string, string | number | boolean | null>
}

/** The insert for one audit entry, to put in the same batch as the change it records. */
export function audit(db: Database, event: AuditEvent, now: Date) {
  return db.insert(auditLog).values({
    id: newId(),
    tenantId: event.tenantId,
    actorUserId: event.actorUserId,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    meta: event.meta ?? null,
    createdAt: now,
  })
}

/** What an audit entry is about: `{ type: 'participant', id }`. */
export interface AuditTarget {
  type: string
  id: string
}

/**
 * The audit inserts of one request scope: `auditFor(scope)(action, target, meta)` takes the tenant, the actor,
 * the database and the clock from the scope, so a service names only what happened and to what.
 */
export const auditFor =
  ({ db, tenantId, actorId, now }: Scope) =>
  (action: AuditAction, target: AuditTarget, meta?: AuditEvent['meta']) =>
    audit(
      db,
      { tenantId, actorUserId: actorId, action, targetType: target.type, targetId: target.id, meta },
      now,
    )
