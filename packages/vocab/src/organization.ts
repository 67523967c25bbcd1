/** What the organization's home and its audit log show: shared by the Worker and the web client. */

/**
 * A new organization's first steps, in order: a program, people applying through its form, mentors
 * screened, a first match. Each is ticked from the organization's own data.
 */
export const FIRST_STEPS = ['program', 'form', 'mentors', 'match'] as const
export type FirstStep = (typeof FIRST_STEPS)[number]

/**
 * The audit log's areas and the action prefixes each covers (`match.ended` is in `matching`). The log can be
 * filtered by one area.
 */
export const AUDIT_AREAS = {
  people: ['participant.', 'participants.', 'mentor.'],
  matching: ['match.', 'match_run.', 'meeting.', 'check_in.', 'concern.'],
  team: ['member.', 'invitation.'],
  programs: ['program.', 'org.', 'email.', 'event.', 'audit.'],
  'sign-in': ['auth.'],
} as const satisfies Record<string, readonly string[]>
export type AuditArea = keyof typeof AUDIT_AREAS
export const AUDIT_AREA_CODES = Object.keys(AUDIT_AREAS) as readonly AuditArea[]
