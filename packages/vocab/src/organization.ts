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
  programs: [
    'program.',
    'org.',
    'email.',
    'event.',
    'audit.',
    'survey.',
    'indicators.',
    'reports.',
    'neighborhood_indicators.',
    'partner.',
  ],
  'sign-in': ['auth.'],
} as const satisfies Record<string, readonly string[]>
export type AuditArea = keyof typeof AUDIT_AREAS
export const AUDIT_AREA_CODES = Object.keys(AUDIT_AREAS) as readonly AuditArea[]

/**
 * What one organization may use of the shared service (decision 033). A new organization starts with these
 * conservative limits; an operator raises them per organization (`tenant_limits`, `scripts/tenant-limits.mjs`).
 */
export const NEW_ORGANIZATION_LIMITS = {
  /** Programs the organization holds (any status). */
  programs: 5,
  /** CSV import previews started in one clock hour. */
  importPreviewsPerHour: 20,
  /** Bytes the validated rows of its open import previews may hold (they wait there up to 24 hours). */
  importPreviewBytes: 20_000_000,
  /** Match runs started in one clock hour, all programs together. */
  matchRunsPerHour: 12,
} as const
export type OrganizationLimit = keyof typeof NEW_ORGANIZATION_LIMITS
export type OrganizationLimits = Record<OrganizationLimit, number>
export const ORGANIZATION_LIMIT_NAMES = Object.keys(NEW_ORGANIZATION_LIMITS) as readonly OrganizationLimit[]
