import { AUDIT_ACTIONS, type AuditAction } from '@tandem/vocab'
import type { Translate } from '../../i18n/types'
import { endReasonLabel, portalReasonLabel, roleLabel } from '../../lib/labels'

/** One audit log entry as the API answers it (`GET …/audit`): what happened, and its non-identifying detail. */
export interface AuditEntry {
  action: string
  meta: Record<string, unknown> | null
}

const isAuditAction = (action: string): action is AuditAction =>
  AUDIT_ACTIONS.some((known) => known === action)

/**
 * An audit entry as a sentence in the reader's language: every action of AUDIT_ACTIONS has one (who did it and
 * when are shown beside it). An action from a newer API shows as is.
 */
export function describeAudit(t: Translate, entry: AuditEntry): string {
  const { action } = entry
  if (!isAuditAction(action)) return action
  const m = entry.meta ?? {}
  const text = (name: string) => {
    const value = m[name]
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '–'
  }
  const role = (name: string) => roleLabel(t, text(name))
  switch (action) {
    case 'member.role_changed':
      return t('auditEvent.member.role_changed', { from: role('from'), to: role('to') })
    case 'member.removed':
    case 'invitation.created':
    case 'invitation.accepted':
      return t(`auditEvent.${action}`, { role: role('role') })
    case 'participant.protected_read':
      return t('auditEvent.participant.protected_read', { purpose: text('purpose') })
    case 'participants.import_previewed':
      return t('auditEvent.participants.import_previewed', {
        valid: text('validRows'),
        total: text('totalRows'),
      })
    case 'participants.imported':
      return t('auditEvent.participants.imported', { created: text('created'), skipped: text('skipped') })
    case 'match.ended':
      return t('auditEvent.match.ended', { reason: endReasonLabel(t, text('reason')) })
    case 'match.end_requested':
      return t('auditEvent.match.end_requested', { reason: portalReasonLabel(t, text('reason')) })
    default:
      return t(`auditEvent.${action}`)
  }
}
