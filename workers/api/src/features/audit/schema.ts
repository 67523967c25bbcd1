import { AUDIT_ACTIONS, AUDIT_AREA_CODES } from '@tandem/vocab'
import * as v from 'valibot'
import { TimeCursor } from '../../lib/paging'
import { Day, Id, Limit } from '../../lib/schema'

/** What the log can be narrowed to: an area, one action, one actor, a range of days (UTC, both included). */
export const AuditFilters = v.object({
  /** Only the entries of one area (`matching`: match.*, match_run.*). */
  area: v.optional(v.picklist(AUDIT_AREA_CODES, `Use one of: ${AUDIT_AREA_CODES.join(', ')}.`)),
  action: v.optional(v.picklist(AUDIT_ACTIONS, 'Use one of the audit log’s actions.')),
  /** The user id of who acted. */
  actor: v.optional(Id),
  from: v.optional(Day),
  to: v.optional(Day),
})

export const AuditQuery = v.object({
  cursor: TimeCursor,
  limit: Limit(50, 200),
  ...AuditFilters.entries,
})

/** The CSV export: the same filters, and why it is exported (audited). */
export const AuditExportQuery = v.object({
  ...AuditFilters.entries,
  purpose: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(5, 'Say why you export the log (at least 5 characters).'),
    v.maxLength(200),
  ),
})

/**
 * The names an entry's sentence needs, looked up when the log is read (the entry stores ids only): the
 * participant, mentee and mentor, program, member or user it is about, an invitation's address. A name that is
 * gone (erased, removed) is left out.
 */
export const AuditNames = v.object({
  participant: v.optional(v.string()),
  mentee: v.optional(v.string()),
  mentor: v.optional(v.string()),
  program: v.optional(v.string()),
  member: v.optional(v.string()),
  user: v.optional(v.string()),
  email: v.optional(v.string()),
})

export const AuditEntryOut = v.object({
  id: v.string(),
  action: v.string(),
  actor: v.nullable(v.object({ id: v.string(), name: v.string() })),
  targetType: v.nullable(v.string()),
  targetId: v.nullable(v.string()),
  meta: v.nullable(v.record(v.string(), v.unknown())),
  names: AuditNames,
  createdAt: v.string(),
})
