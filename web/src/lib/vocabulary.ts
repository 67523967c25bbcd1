/**
 * The codes both sides use (statuses and their transitions, reasons, needs, levels, criteria) and the
 * rules the UI follows before the API has its say. They mirror workers/api and packages/matching.
 */

export const ROLES = ['owner', 'admin', 'coordinator', 'mentor', 'mentee', 'partner'] as const
export type Role = (typeof ROLES)[number]

/** The roles a member may give others, by invitation or by changing a role. */
export const GRANTABLE_ROLES: Record<Role, readonly Role[]> = {
  owner: ROLES,
  admin: ['admin', 'coordinator', 'mentor', 'mentee', 'partner'],
  coordinator: ['mentor', 'mentee'],
  mentor: [],
  mentee: [],
  partner: [],
}

export const PROGRAM_STATUSES = ['draft', 'active', 'closed'] as const
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number]

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const
export type CefrLevel = (typeof CEFR_LEVELS)[number]

export const PARTICIPANT_ROLES = ['mentee', 'mentor'] as const
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number]

export const STATUSES = ['applied', 'screening', 'ready', 'matched', 'paused', 'exited'] as const
export type ParticipantStatus = (typeof STATUSES)[number]

/** The status changes the API allows (workers/api participants service). */
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

export const SETTLEMENT_NEEDS = [
  'housing',
  'education',
  'health_care',
  'services',
  'documentation',
  'employment',
] as const
export const ACCESS_NEEDS = ['transport_help', 'child_care', 'low_literacy', 'interpretation'] as const
export type Need = (typeof SETTLEMENT_NEEDS)[number] | (typeof ACCESS_NEEDS)[number]
export const NEEDS: readonly Need[] = [...SETTLEMENT_NEEDS, ...ACCESS_NEEDS]

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

export const CRITERIA = ['language', 'needs', 'availability', 'proximity', 'interests', 'sector'] as const
export type Criterion = (typeof CRITERIA)[number]

export interface MatchingSettings {
  weights: Partial<Record<Criterion, number>>
  minMentorLevel: CefrLevel
  minMenteeLevel: CefrLevel
  maxDistanceKm: number | null
  minOverlapSlots: number
}

/** What `packages/matching` uses when a program has no settings of its own. */
export const DEFAULT_MATCHING: MatchingSettings = {
  weights: { language: 7, needs: 8, availability: 6, proximity: 4, interests: 5, sector: 3 },
  minMentorLevel: 'B2',
  minMenteeLevel: 'A2',
  maxDistanceKm: 15,
  minOverlapSlots: 1,
}

export const CHECK_STATUSES = ['not_started', 'pending', 'clear', 'concerns'] as const
export type CheckStatus = (typeof CHECK_STATUSES)[number]
export const REFERENCE_STATUSES = ['requested', 'received', 'concerns'] as const
export type ReferenceStatus = (typeof REFERENCE_STATUSES)[number]
/** At most this many references per mentor. */
export const MAX_REFERENCES = 5

export type MatchMode = 'participation' | 'score'
export type RunStatus = 'queued' | 'running' | 'done' | 'failed'
export const MATCH_STATUSES = ['active', 'paused', 'ended'] as const
export type MatchStatus = (typeof MATCH_STATUSES)[number]
export const END_REASONS = [
  'completed',
  'moved_away',
  'no_contact',
  'mismatch',
  'safeguarding',
  'other',
] as const
export type EndReason = (typeof END_REASONS)[number]
/** Who asked to end a match, as the coordinator records it. */
export const END_REQUESTERS = ['mentor', 'mentee', 'coordinator'] as const
export type EndRequester = (typeof END_REQUESTERS)[number]

export const UNMATCHED_REASONS = [
  'no_mentors',
  'no_capacity',
  'no_shared_language',
  'too_far',
  'availability',
  'safeguarding_gender',
  'rejected_before',
  'excluded',
] as const
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number]

/** At most this many decisions per request (the API's MAX_DECISIONS). */
export const MAX_DECISIONS = 50

/** Where a participant record came from. */
export const PARTICIPANT_SOURCES = ['intake', 'import', 'coordinator', 'seed'] as const
export type ParticipantSource = (typeof PARTICIPANT_SOURCES)[number]
