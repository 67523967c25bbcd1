import { apiGet } from './api'
import type { MessageKey, Translate } from './i18n/types'
import { type Organization, type OrganizationWithRole, orgApi } from './org'
import { orgPath, type Role } from './session'

/**
 * API shapes and rules for programs, participants and mentor screening (lazy pages only). They
 * mirror workers/api/src/features/{programs,participants,screening}; the API has the last word.
 */

export type ProgramStatus = 'draft' | 'active' | 'closed'
export type CefrLevel = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2' | 'native'
export type ParticipantRole = 'mentor' | 'mentee'
export type ParticipantStatus = 'applied' | 'screening' | 'ready' | 'matched' | 'paused' | 'exited'
export type ExitReason =
  | 'completed'
  | 'moved_away'
  | 'no_contact'
  | 'withdrew'
  | 'not_eligible'
  | 'safeguarding'
  | 'other'
export type IntakeField =
  | 'phone'
  | 'sector'
  | 'availability'
  | 'location'
  | 'demographics'
  | 'settlementNeeds'
  | 'accessNeeds'
export type ProtectedField = 'residenceStatus' | 'healthNotes'
export type Criterion = 'interests' | 'sector' | 'availability' | 'proximity' | 'language' | 'needs'

export interface TrainingModule {
  id: string
  title: string
}

export interface MatchingSettings {
  weights: Partial<Record<Criterion, number>>
  minMentorLevel: CefrLevel
  minMenteeLevel: CefrLevel
  maxDistanceKm: number | null
  minOverlapSlots: number
}

/** `GET /api/v1/orgs/{org}/programs/{program}` */
export interface Program {
  id: string
  name: string
  description: string
  status: ProgramStatus
  languages: string[]
  goalAreas: string[]
  interests: string[]
  meetingCadenceDays: number
  minCommitmentMonths: number
  intakeFields: Partial<Record<IntakeField, boolean>>
  trainingModules: TrainingModule[]
  matchingSettings: MatchingSettings | null
  renewalWindowDays: number
  protectedFields: ProtectedField[]
  consentVersion: string
  safetyGuidelinesVersion: string
  createdAt: string
}

export interface LanguageSkill {
  code: string
  level: CefrLevel
}

/** One row of the participants list. */
export interface ParticipantSummary {
  id: string
  programId: string
  role: ParticipantRole
  displayName: string
  email: string | null
  status: ParticipantStatus
  languages: LanguageSkill[]
  neighborhood: string | null
  /** Whether the person has a portal account linked. */
  portalLinked: boolean
  createdAt: string
}

export interface Participant extends ParticipantSummary {
  phone: string | null
  preferredLocale: string
  wantsInterpretation: boolean
  interests: string[]
  sector: string | null
  availability: string[]
  location: { lat: number; lon: number } | null
  settlementNeeds: string[]
  accessNeeds: string[]
  capacity: number
  demographics: Record<string, string | number> | null
  demographicsConsentAt: string | null
  consentVersion: string | null
  consentAt: string | null
  exitReason: ExitReason | null
  source: 'intake' | 'import' | 'coordinator' | 'seed'
  hasProtectedData: boolean
  updatedAt: string | null
}

export interface Reference {
  name: string
  relation: string
  status: 'requested' | 'received' | 'concerns'
  receivedOn: string | null
}

export type CheckStatus = 'not_started' | 'pending' | 'clear' | 'concerns'

/** A mentor's screening record with its computed state. */
export interface Screening {
  references: Reference[]
  checkStatus: CheckStatus
  checkProviderRef: string | null
  checkedOn: string | null
  checkExpiresOn: string | null
  trainingCompleted: Record<string, string>
  safetyAckVersion: string | null
  safetyAckAt: string | null
  approvedAt: string | null
  matchable: boolean
  /** `references`, `references_concerns`, `background_check`, `background_check_expired`, `training:<id>`, `safety_guidelines`, `approval` */
  missing: string[]
  expiresOn: string | null
  expired: boolean
  expiringSoon: boolean
}

export interface HistoryEvent {
  id: string
  kind: string
  detail: Record<string, unknown> | null
  actorUserId: string | null
  createdAt: string
}

/** `GET .../participants/{participant}` */
export interface ParticipantDetail extends Participant {
  screening: Screening | null
  history: HistoryEvent[]
  /** An open portal invitation, while the person has no portal access yet. */
  portalInvitation: { id: string; email: string; expiresAt: string } | null
}

/** `GET /api/v1/orgs/{org}/screening/expiring` */
export interface ExpiringCheck {
  participantId: string
  programId: string
  programName: string
  displayName: string
  status: ParticipantStatus
  checkExpiresOn: string
  expired: boolean
  flagged: boolean
  daysLeft: number
}

export const PROGRAM_STATUSES: readonly ProgramStatus[] = ['draft', 'active', 'closed']
export const STATUSES: readonly ParticipantStatus[] = [
  'applied',
  'screening',
  'ready',
  'matched',
  'paused',
  'exited',
]
export const EXIT_REASONS: readonly ExitReason[] = [
  'completed',
  'moved_away',
  'no_contact',
  'withdrew',
  'not_eligible',
  'safeguarding',
  'other',
]
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
export const INTAKE_FIELDS: readonly IntakeField[] = [
  'phone',
  'sector',
  'availability',
  'location',
  'demographics',
  'settlementNeeds',
  'accessNeeds',
]
export const PROTECTED_FIELDS: readonly ProtectedField[] = ['residenceStatus', 'healthNotes']
export const RESIDENCE_STATUSES = [
  'citizen',
  'permanent',
  'temporary',
  'asylum_seeker',
  'refugee',
  'undocumented',
  'other',
] as const
export const CEFR_LEVELS: readonly CefrLevel[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native']
export const CRITERIA: readonly Criterion[] = [
  'language',
  'needs',
  'availability',
  'proximity',
  'interests',
  'sector',
]
export const CHECK_STATUSES: readonly CheckStatus[] = ['not_started', 'pending', 'clear', 'concerns']
export const REFERENCE_STATUSES: readonly Reference['status'][] = ['requested', 'received', 'concerns']

/** What `packages/matching` uses when a program has no settings of its own. */
export const DEFAULT_MATCHING: MatchingSettings = {
  weights: { language: 7, needs: 8, availability: 6, proximity: 4, interests: 5, sector: 3 },
  minMentorLevel: 'B2',
  minMenteeLevel: 'A2',
  maxDistanceKm: 15,
  minOverlapSlots: 1,
}

/** The status changes the API allows (workers/api participants service). */
export const NEXT_STATUSES: Record<ParticipantStatus, readonly ParticipantStatus[]> = {
  applied: ['screening', 'ready', 'exited'],
  screening: ['ready', 'applied', 'exited'],
  ready: ['matched', 'paused', 'screening', 'exited'],
  matched: ['ready', 'paused', 'exited'],
  paused: ['ready', 'matched', 'exited'],
  exited: ['applied'],
}

/** participants:read / programs:manage: owners, admins and coordinators. */
export const canManagePrograms = (role: Role) =>
  role === 'owner' || role === 'admin' || role === 'coordinator'

/** `/api/v1/orgs/{org}/programs/{program}` plus an optional sub-path. */
export const programApi = (slug: string, program: string, rest = '') =>
  orgApi(slug, `/programs/${encodeURIComponent(program)}${rest}`)

/** `/orgs/{org}/programs` */
export const programsPath = (slug: string) => `${orgPath(slug)}/programs`
/** `/orgs/{org}/programs/{program}` plus an optional sub-path. */
export const programPath = (slug: string, program: string, rest = '') =>
  `${programsPath(slug)}/${encodeURIComponent(program)}${rest}`
export const participantPath = (slug: string, program: string, participant: string) =>
  programPath(slug, program, `/participants/${encodeURIComponent(participant)}`)
/** The public intake form. */
export const intakePath = (slug: string, program: string) =>
  `/apply/${encodeURIComponent(slug)}/${encodeURIComponent(program)}`

/** Today in the browser's time zone, as YYYY-MM-DD (the value of an `<input type="date">`). */
export function todayIso(offsetDays = 0): string {
  const d = new Date()
  d.setDate(d.getDate() + offsetDays)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A YYYY-MM-DD day as a Date at noon UTC (so formatting never shifts it to the day before). */
export const dayDate = (day: string) => new Date(`${day}T12:00:00Z`)

// ---------- labels ----------

/** `t` for a key chosen at run time among keys without params. */
const plain = (t: Translate) => t as unknown as (key: MessageKey) => string

/** A label function for a set of API codes; an unknown code (from a newer API) shows as is. */
function keyed<T extends string>(keys: Record<T, MessageKey>) {
  return (t: Translate, value: string) => (value in keys ? plain(t)(keys[value as T]) : value)
}

export const programStatusLabel = keyed<ProgramStatus>({
  draft: 'program.status.draft',
  active: 'program.status.active',
  closed: 'program.status.closed',
})

export const statusLabel = keyed<ParticipantStatus>({
  applied: 'status.applied',
  screening: 'status.screening',
  ready: 'status.ready',
  matched: 'status.matched',
  paused: 'status.paused',
  exited: 'status.exited',
})

export const participantRoleLabel = keyed<ParticipantRole>({
  mentor: 'role.mentor',
  mentee: 'role.mentee',
})

export const exitReasonLabel = keyed<ExitReason>({
  completed: 'exit.completed',
  moved_away: 'exit.moved_away',
  no_contact: 'exit.no_contact',
  withdrew: 'exit.withdrew',
  not_eligible: 'exit.not_eligible',
  safeguarding: 'exit.safeguarding',
  other: 'exit.other',
})

export const needLabel = keyed<Need>({
  housing: 'need.housing',
  education: 'need.education',
  health_care: 'need.health_care',
  services: 'need.services',
  documentation: 'need.documentation',
  employment: 'need.employment',
  transport_help: 'need.transport_help',
  child_care: 'need.child_care',
  low_literacy: 'need.low_literacy',
  interpretation: 'need.interpretation',
})

export const intakeFieldLabel = keyed<IntakeField>({
  phone: 'settings.intake.phone',
  sector: 'settings.intake.sector',
  availability: 'settings.intake.availability',
  location: 'settings.intake.location',
  demographics: 'settings.intake.demographics',
  settlementNeeds: 'settings.intake.settlementNeeds',
  accessNeeds: 'settings.intake.accessNeeds',
})

export const protectedFieldLabel = keyed<ProtectedField>({
  residenceStatus: 'protected.residenceStatus',
  healthNotes: 'protected.healthNotes',
})

export const residenceLabel = keyed<(typeof RESIDENCE_STATUSES)[number]>({
  citizen: 'residence.citizen',
  permanent: 'residence.permanent',
  temporary: 'residence.temporary',
  asylum_seeker: 'residence.asylum_seeker',
  refugee: 'residence.refugee',
  undocumented: 'residence.undocumented',
  other: 'residence.other',
})

export const criterionLabel = keyed<Criterion>({
  language: 'matching.language',
  needs: 'matching.needs',
  availability: 'matching.availability',
  proximity: 'matching.proximity',
  interests: 'matching.interests',
  sector: 'matching.sector',
})

export const checkStatusLabel = keyed<CheckStatus>({
  not_started: 'screening.check.not_started',
  pending: 'screening.check.pending',
  clear: 'screening.check.clear',
  concerns: 'screening.check.concerns',
})

export const referenceStatusLabel = keyed<Reference['status']>({
  requested: 'screening.ref.requested',
  received: 'screening.ref.received',
  concerns: 'screening.ref.concerns',
})

export const levelLabel = (t: Translate, level: string) => (level === 'native' ? t('level.native') : level)

/** A screening requirement that is still missing, in plain words (`training:<id>` names the module). */
export function missingLabel(t: Translate, code: string, modules: readonly TrainingModule[]): string {
  if (code.startsWith('training:')) {
    const id = code.slice('training:'.length)
    return t('screening.missing.training', { module: modules.find((m) => m.id === id)?.title ?? id })
  }
  const keys: Record<string, MessageKey> = {
    references: 'screening.missing.references',
    references_concerns: 'screening.missing.referencesConcerns',
    background_check: 'screening.missing.check',
    background_check_expired: 'screening.missing.checkExpired',
    safety_guidelines: 'screening.missing.safety',
    approval: 'screening.missing.approval',
  }
  const key = keys[code]
  return key ? plain(t)(key) : code
}

/** Comma- or space-separated codes ("ar, uk  fa") → a list without blanks or repeats. */
export function parseCodes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;،]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]
}

const displayNames = new Map<string, Intl.DisplayNames | null>()

/** A language code's name in the UI language ("ar" → "Arabic"); the code itself if unknown. */
export function languageLabel(locale: string, code: string): string {
  let names = displayNames.get(locale)
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale], { type: 'language' })
    } catch {
      names = null
    }
    displayNames.set(locale, names)
  }
  try {
    return names?.of(code) ?? code
  } catch {
    return code // not a well-formed code
  }
}

export interface OrgProgram {
  organization: Organization
  role: Role
  program: Program
}

/** The organization (with the caller's role) and one of its programs. */
export async function loadOrgProgram(
  slug: string,
  program: string,
  signal: AbortSignal,
): Promise<OrgProgram> {
  const [org, found] = await Promise.all([
    apiGet<OrganizationWithRole>(orgApi(slug), { signal }),
    apiGet<Program>(programApi(slug, program), { signal }),
  ])
  return { ...org, program: found }
}

/** "Arabic, German"; Arabic-script languages use their own comma ("العربية، الألمانية"). */
export function listText(locale: string, items: readonly string[]): string {
  return items.join(/^(ar|fa|ur|ps|ckb)\b/.test(locale) ? '، ' : ', ')
}
