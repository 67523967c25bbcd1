import { auditLog, type Database, newId } from '@tandem/db'
import type { AuditAction } from '@tandem/vocab'

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
