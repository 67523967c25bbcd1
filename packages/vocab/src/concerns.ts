/**
 * Safeguarding concerns (decision 030): a mentor or mentee raises one about their tandem, from the portal or from
 * a check-in email; only the program's coordinators and admins see it, and they track it to a close.
 */

/** What a concern is about. */
export const CONCERN_CATEGORIES = [
  'wellbeing',
  'safety',
  'conduct',
  'boundaries',
  'discrimination',
  'exploitation',
  'other',
] as const
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number]

/** How urgent it is; `high` emails the program's coordinators and admins at once (no details in the email). */
export const CONCERN_SEVERITIES = ['low', 'medium', 'high'] as const
export type ConcernSeverity = (typeof CONCERN_SEVERITIES)[number]

/** `open` → `in-progress` → `resolved` or `closed`; a finished concern can be opened again. */
export const CONCERN_STATUSES = ['open', 'in-progress', 'resolved', 'closed'] as const
export type ConcernStatus = (typeof CONCERN_STATUSES)[number]

/** The status changes a coordinator may make (staying in the same status only adds a note to the log). */
export const CONCERN_TRANSITIONS: Record<ConcernStatus, readonly ConcernStatus[]> = {
  open: ['in-progress', 'resolved', 'closed'],
  'in-progress': ['resolved', 'closed'],
  resolved: ['open'],
  closed: ['open'],
}

/** Where a concern was raised: the portal (signed in) or a check-in email's link (its token). */
export const CONCERN_SOURCES = ['portal', 'check-in'] as const
export type ConcernSource = (typeof CONCERN_SOURCES)[number]

/** The longest description and action note. */
export const MAX_CONCERN_TEXT = 4000
