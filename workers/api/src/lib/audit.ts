import { auditLog, type Database, newId, type Tenant, tenants } from '@tandem/db'
import type { AuditAction } from '@tandem/vocab'
import { eq } from 'drizzle-orm'
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

/**
 * Changes the organization's own row (in the control database) and records `action` about the organization, in
 * one batch; `targetType` is how the entry names the organization.
 */
export async function changeTenant(
  control: Database,
  tenant: Pick<Tenant, 'id'>,
  changes: Partial<Tenant>,
  entry: Pick<AuditEvent, 'actorUserId' | 'action' | 'meta'> & { targetType: string },
  now: Date,
) {
  await control.batch([
    control.update(tenants).set(changes).where(eq(tenants.id, tenant.id)),
    audit(control, { tenantId: tenant.id, targetId: tenant.id, ...entry }, now),
  ])
}
