import type { MessageKey, Translate } from './i18n/types'
import {
  type Criterion,
  criterionLabel,
  languageLabel,
  levelLabel,
  listText,
  needLabel,
  programApi,
  programPath,
} from './programs'

/**
 * API shapes, paths and labels for match runs, proposals and matches (lazy pages only). They mirror
 * workers/api/src/features/matching/schema.ts; the API has the last word.
 */

export type MatchMode = 'participation' | 'score'
export type RunStatus = 'queued' | 'running' | 'done' | 'failed'
export type MatchStatus = 'active' | 'paused' | 'ended'
export type EndReason = 'completed' | 'moved_away' | 'no_contact' | 'mismatch' | 'safeguarding' | 'other'
export type UnmatchedReason =
  | 'no_mentors'
  | 'no_capacity'
  | 'no_shared_language'
  | 'too_far'
  | 'availability'
  | 'safeguarding_gender'
  | 'rejected_before'
  | 'excluded'

export interface RunStats {
  mentees: number
  mentors: number
  feasiblePairs: number
  matched: number
  unmatched: number
  unmatchedReasons: Record<string, number>
  total: number
  greedy: { matched: number; total: number }
  solveMs: number
}

/** `GET …/match-runs/{run}` */
export interface MatchRun {
  id: string
  mode: MatchMode
  status: RunStatus
  progress: number
  stats: RunStats | null
  error: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

export interface ExplanationItem {
  criterion: Criterion | 'constraint' | string
  points: number
  messageKey: string
  params: Record<string, string | number>
}

export interface Person {
  id: string
  displayName: string
}

export interface Proposal {
  id: string
  runId: string
  status: 'proposed' | 'accepted' | 'rejected' | 'superseded' | string
  mentee: Person
  mentor: Person
  score: number
  breakdown: Record<string, number>
  explanation: ExplanationItem[]
  rejectReason: string | null
  decidedAt: string | null
}

export interface Unmatched {
  menteeId: string
  displayName: string
  reason: UnmatchedReason | string
}

export interface Match {
  id: string
  programId: string
  status: MatchStatus
  mentee: Person
  mentor: Person
  proposalId: string | null
  overrideReason: string | null
  endReason: EndReason | null
  endNote: string | null
  endRequestedBy: string | null
  /** Each side's own request to end, from the portal. */
  endRequests: { mentee: EndRequest | null; mentor: EndRequest | null }
  startedAt: string
  endedAt: string | null
  createdAt: string
}

/** A mentor's or mentee's request to end their match (the coordinator confirms). */
export interface EndRequest {
  at: string
  reason: EndReason
  hasNote: boolean
  /** Only on one match's page (audited) and in the person's own view; null in lists. */
  note: string | null
}

/** `GET /api/v1/orgs/{org}/my/matches`: what a mentor or mentee sees of their own match. */
export interface MyMatch {
  id: string
  program: { id: string; name: string }
  side: 'mentee' | 'mentor'
  status: MatchStatus
  partner: { firstName: string }
  startedAt: string
  endedAt: string | null
  myEndRequest: EndRequest | null
}

export const myMatchesApi = (slug: string, rest = '') =>
  `/api/v1/orgs/${encodeURIComponent(slug)}/my/matches${rest}`
/** Whether someone asked to end this (not yet ended) match. */
export const endRequested = (m: Match) =>
  m.status !== 'ended' && (m.endRequests.mentee !== null || m.endRequests.mentor !== null)

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export const END_REASONS: readonly EndReason[] = [
  'completed',
  'moved_away',
  'no_contact',
  'mismatch',
  'safeguarding',
  'other',
]
/** At most this many decisions per request (the API's MAX_DECISIONS). */
export const MAX_DECISIONS = 50

export const runsApi = (slug: string, program: string, rest = '') =>
  programApi(slug, program, `/match-runs${rest}`)
export const matchesApi = (slug: string, program: string, rest = '') =>
  programApi(slug, program, `/matches${rest}`)
export const boardPath = (slug: string, program: string) => programPath(slug, program, '/matching')
export const matchPath = (slug: string, program: string, match: string) =>
  programPath(slug, program, `/matches/${encodeURIComponent(match)}`)

const plain = (t: Translate) => t as unknown as (key: MessageKey) => string
/** `t` for a key chosen at run time, with params. */
const loose = (t: Translate) =>
  t as unknown as (key: MessageKey, params?: Record<string, string | number>) => string

function keyed<T extends string>(keys: Record<T, MessageKey>) {
  return (t: Translate, value: string) => (value in keys ? plain(t)(keys[value as T]) : value)
}

export const matchStatusLabel = keyed<MatchStatus>({
  active: 'match.status.active',
  paused: 'match.status.paused',
  ended: 'match.status.ended',
})

export const endReasonLabel = keyed<EndReason>({
  completed: 'match.end.completed',
  moved_away: 'match.end.moved_away',
  no_contact: 'match.end.no_contact',
  mismatch: 'match.end.mismatch',
  safeguarding: 'match.end.safeguarding',
  other: 'match.end.other',
})

/** The reasons to end, in the words of the person asking (participant portal). */
export const portalReasonLabel = keyed<EndReason>({
  completed: 'portal.reason.completed',
  moved_away: 'portal.reason.moved_away',
  no_contact: 'portal.reason.no_contact',
  mismatch: 'portal.reason.mismatch',
  safeguarding: 'portal.reason.safeguarding',
  other: 'portal.reason.other',
})

export const portalStatusLabel = keyed<MatchStatus>({
  active: 'portal.status.active',
  paused: 'portal.status.paused',
  ended: 'portal.status.ended',
})

export const unmatchedReasonLabel = keyed<UnmatchedReason>({
  no_mentors: 'board.reason.no_mentors',
  no_capacity: 'board.reason.no_capacity',
  no_shared_language: 'board.reason.no_shared_language',
  too_far: 'board.reason.too_far',
  availability: 'board.reason.availability',
  safeguarding_gender: 'board.reason.safeguarding_gender',
  rejected_before: 'board.reason.rejected_before',
  excluded: 'board.reason.excluded',
})

/** The explanation keys the client knows (packages/matching/src/scoring.ts). */
const EXPLANATION_KEYS = new Set<string>([
  'match.constraint.excluded',
  'match.constraint.rejected_before',
  'match.constraint.screening_incomplete',
  'match.constraint.safeguarding_gender',
  'match.constraint.no_shared_language',
  'match.constraint.too_far',
  'match.constraint.availability',
  'match.language.shared',
  'match.language.interpreter',
  'match.language.none',
  'match.needs.none',
  'match.needs.covered',
  'match.availability.overlap',
  'match.availability.unknown',
  'match.proximity.unknown',
  'match.proximity.distance',
  'match.interests.shared',
  'match.sector.same',
  'match.sector.different',
])

/** The name of a criterion ("Shared language"), or the code itself when unknown. */
export const criterionName = (t: Translate, criterion: string) =>
  criterion === 'constraint' ? t('board.constraint') : criterionLabel(t, criterion)

/** Minutes as hours ("4 h"), in the locale's digits. */
const hours = (locale: string, minutes: number) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(minutes / 60)

/**
 * One explanation item as a sentence in the coordinator's language: the params are turned into words
 * first (language codes → names, need codes → labels, minutes → hours). An unknown key (from a newer
 * engine) falls back to "{criterion}: {points} points".
 */
export function explainItem(t: Translate, locale: string, item: ExplanationItem): string {
  const p = item.params
  if (!EXPLANATION_KEYS.has(item.messageKey)) {
    return t('board.explain.generic', { criterion: criterionName(t, item.criterion), points: item.points })
  }
  const str = (name: string) => (p[name] === undefined ? '' : String(p[name]))
  const num = (name: string) => (typeof p[name] === 'number' ? p[name] : Number(p[name] ?? 0))
  const codes = (name: string) =>
    str(name)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  const params: Record<string, string | number> = { ...p }
  switch (item.messageKey) {
    case 'match.language.shared':
      if (str('level') === 'native')
        return t('board.explain.sharedNative', { language: languageLabel(locale, str('language')) })
      params.language = languageLabel(locale, str('language'))
      params.level = levelLabel(t, str('level'))
      break
    case 'match.needs.covered':
      if (num('covered') === 0) return t('board.explain.noNeedsCovered', { total: num('total') })
      params.count = num('covered')
      params.needs = listText(
        locale,
        codes('needs').map((code) => needLabel(t, code)),
      )
      break
    case 'match.interests.shared':
      if (num('count') === 0) return t('board.explain.noInterests')
      params.count = num('count')
      break
    case 'match.availability.overlap':
      params.hours = hours(locale, num('minutes'))
      break
    case 'match.constraint.availability':
      params.hours = hours(locale, num('overlapMinutes'))
      params.minHours = hours(locale, num('minMinutes'))
      break
    case 'match.constraint.screening_incomplete':
      params.who = str('who') === 'mentee' ? t('role.mentee') : t('role.mentor')
      break
    case 'match.constraint.no_shared_language':
      params.minLevel = levelLabel(t, str('minLevel'))
      break
  }
  return loose(t)(item.messageKey as MessageKey, params)
}
