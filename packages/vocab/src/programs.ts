/** Program vocabularies: what the database stores, the API validates and the web client offers. */

export const ORG_KINDS = ['city', 'ngo', 'other'] as const
export type OrgKind = (typeof ORG_KINDS)[number]

export const PROGRAM_STATUSES = ['draft', 'active', 'closed'] as const
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number]

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const
export type CefrLevel = (typeof CEFR_LEVELS)[number]

export const PARTICIPANT_ROLES = ['mentor', 'mentee'] as const
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number]

export const SETTLEMENT_NEEDS = [
  'housing',
  'education',
  'health_care',
  'services',
  'documentation',
  'employment',
] as const
export const ACCESS_NEEDS = ['transport_help', 'child_care', 'low_literacy', 'interpretation'] as const
export const NEEDS = [...SETTLEMENT_NEEDS, ...ACCESS_NEEDS] as const
export type Need = (typeof NEEDS)[number]

export const PARTICIPANT_STATUSES = ['applied', 'screening', 'ready', 'matched', 'paused', 'exited'] as const
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number]

/** The status changes a coordinator may make (the API refuses any other with `status-not-allowed`). */
export const NEXT_STATUSES: Record<ParticipantStatus, readonly ParticipantStatus[]> = {
  applied: ['screening', 'ready', 'exited'],
  screening: ['ready', 'applied', 'exited'],
  ready: ['matched', 'paused', 'screening', 'exited'],
  matched: ['ready', 'paused', 'exited'],
  paused: ['ready', 'matched', 'exited'],
  exited: ['applied'],
}

export const EXIT_REASONS = [
  'completed',
  'moved_away',
  'no_contact',
  'withdrew',
  'not_eligible',
  'safeguarding',
  'other',
] as const
export type ExitReason = (typeof EXIT_REASONS)[number]

/** Optional intake questions a program can switch on. */
export const INTAKE_FIELDS = [
  'phone',
  'sector',
  'availability',
  'location',
  'demographics',
  'settlementNeeds',
  'accessNeeds',
] as const
export type IntakeField = (typeof INTAKE_FIELDS)[number]

/**
 * How a person prefers to be reached. A phone number serves calls, SMS and WhatsApp (many newcomers use no
 * email); the intake form takes an email address, a phone number or both.
 */
export const CONTACT_CHANNELS = ['email', 'phone', 'sms', 'whatsapp'] as const
export type ContactChannel = (typeof CONTACT_CHANNELS)[number]
/** The channels that need a phone number. */
export const PHONE_CHANNELS = ['phone', 'sms', 'whatsapp'] as const satisfies readonly ContactChannel[]

/** Sensitive fields a program may switch on; stored only encrypted (AES-GCM, per-tenant key). */
export const PROTECTED_FIELDS = ['residenceStatus', 'healthNotes'] as const
export type ProtectedField = (typeof PROTECTED_FIELDS)[number]

export const RESIDENCE_STATUSES = [
  'citizen',
  'permanent',
  'temporary',
  'asylum_seeker',
  'refugee',
  'undocumented',
  'other',
] as const
export type ResidenceStatus = (typeof RESIDENCE_STATUSES)[number]

export const AGE_BANDS = ['under-18', '18-25', '26-35', '36-50', '51-65', 'over-65'] as const

export const CHECK_STATUSES = ['not_started', 'pending', 'clear', 'concerns'] as const
export type CheckStatus = (typeof CHECK_STATUSES)[number]
export const REFERENCE_STATUSES = ['requested', 'received', 'concerns'] as const
export type ReferenceStatus = (typeof REFERENCE_STATUSES)[number]

export const PARTICIPANT_SOURCES = ['intake', 'import', 'coordinator', 'seed'] as const

/** Weekly availability: a slot is `day-part`, e.g. `mon-pm`. */
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export const DAY_PARTS = ['am', 'pm', 'eve'] as const

/**
 * The orders of the participants list: by name, by status (pipeline order) or by waiting time — the place in
 * the matching queue, which is the enrolment time a person keeps when a match ends. `-` reverses an order.
 */
export const PARTICIPANT_SORTS = ['name', '-name', 'status', '-status', 'waiting', '-waiting'] as const
export type ParticipantSort = (typeof PARTICIPANT_SORTS)[number]
