import { apiGet } from '../../lib/api'
import { runsApi } from '../../lib/paths'
import type {
  Criterion,
  EndReason,
  MatchMode,
  MatchStatus,
  RunStatus,
  UnmatchedReason,
} from '../../lib/vocabulary'

/** API shapes of match runs, proposals and matches (mirrors workers/api/src/features/matching). */

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

/** A mentor's or mentee's request to end their match (the coordinator confirms). */
export interface EndRequest {
  at: string
  reason: EndReason
  hasNote: boolean
  /** Only on one match's page (audited) and in the person's own view; null in lists. */
  note: string | null
}

export type Side = 'mentee' | 'mentor'

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
  endRequests: Record<Side, EndRequest | null>
  startedAt: string
  endedAt: string | null
  createdAt: string
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/** Whether someone asked to end this (not yet ended) match. */
export const endRequested = (m: Pick<Match, 'status' | 'endRequests'>) =>
  m.status !== 'ended' && (m.endRequests.mentee !== null || m.endRequests.mentor !== null)

/** The requests to end a match, the newcomer's first. */
export function endRequestsOf(match: Pick<Match, 'endRequests'>): { side: Side; request: EndRequest }[] {
  const sides: Side[] = ['mentee', 'mentor']
  return sides.flatMap((side) => {
    const request = match.endRequests[side]
    return request ? [{ side, request }] : []
  })
}

/** The earliest request to end, if any: it prefills the coordinator's end form. */
export const firstRequest = (match: Pick<Match, 'endRequests'>) =>
  endRequestsOf(match).sort((a, b) => a.request.at.localeCompare(b.request.at))[0] ?? null

/** The latest run of a program, or null before the first. */
export const latestRun = async (slug: string, program: string, signal?: AbortSignal) =>
  (await apiGet<Page<MatchRun>>(runsApi(slug, program, '?limit=1'), { signal })).items[0] ?? null
