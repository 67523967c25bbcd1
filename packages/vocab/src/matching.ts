import type { CefrLevel, ExitReason } from './programs'

/** Matching criteria a program weighs (0–10 each). */
export const CRITERIA = ['language', 'needs', 'availability', 'proximity', 'interests', 'sector'] as const
export type Criterion = (typeof CRITERIA)[number]

export type MatchingSettings = {
  weights: Partial<Record<Criterion, number>>
  minMentorLevel: CefrLevel
  minMenteeLevel: CefrLevel
  maxDistanceKm: number | null
  minOverlapSlots: number
}

/** What the engine uses when a program has no settings of its own. */
export const DEFAULT_MATCHING = {
  weights: { language: 7, needs: 8, availability: 6, proximity: 4, interests: 5, sector: 3 },
  minMentorLevel: 'B2',
  minMenteeLevel: 'A2',
  maxDistanceKm: 15,
  minOverlapSlots: 1,
} as const satisfies MatchingSettings & { weights: Record<Criterion, number> }

export const MATCH_MODES = ['participation', 'score'] as const
export type MatchMode = (typeof MATCH_MODES)[number]
export const MATCH_RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const
export type MatchRunStatus = (typeof MATCH_RUN_STATUSES)[number]
export const PROPOSAL_STATUSES = ['proposed', 'accepted', 'rejected', 'superseded'] as const
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number]
export const MATCH_STATUSES = ['active', 'paused', 'ended'] as const
export type MatchStatus = (typeof MATCH_STATUSES)[number]

export const MATCH_END_REASONS = [
  'completed',
  'mismatch',
  'withdrew',
  'moved_away',
  'no_contact',
  'safeguarding',
  'other',
] as const
export type MatchEndReason = (typeof MATCH_END_REASONS)[number]

/** Who asked to end a match. */
export const END_REQUESTERS = ['mentor', 'mentee', 'coordinator'] as const
export type EndRequester = (typeof END_REQUESTERS)[number]

/**
 * Where a person goes when their match ends: back to the pool (`ready`, keeping their place in the queue), on
 * hold (`paused`: out of the pool until a coordinator decides) or out of the program (`exited`, with the exit
 * reason `exitReasonAfterEnd` gives).
 */
export const AFTER_END = ['ready', 'paused', 'exited'] as const
export type AfterEnd = (typeof AFTER_END)[number]

/**
 * What ending a match does to each person unless the coordinator chooses otherwise. Only a rematch (`mismatch`,
 * or the partner of someone who withdrew or moved away) returns someone to the pool: a mentee who completed the
 * program leaves it as an alumna (exit reason `completed`) and is never paired again; her mentor is put on hold
 * until they say whether they want another tandem. When nobody knows who withdrew or moved away, both wait
 * on hold for a coordinator.
 */
export function afterMatchEnd(
  reason: MatchEndReason,
  requestedBy: EndRequester | null,
): { mentee: AfterEnd; mentor: AfterEnd } {
  switch (reason) {
    case 'completed':
      return { mentee: 'exited', mentor: 'paused' }
    case 'mismatch':
      return { mentee: 'ready', mentor: 'ready' }
    case 'withdrew':
    case 'moved_away':
      if (requestedBy === 'mentee') return { mentee: 'exited', mentor: 'ready' }
      if (requestedBy === 'mentor') return { mentee: 'ready', mentor: 'exited' }
      return { mentee: 'paused', mentor: 'paused' }
    default:
      return { mentee: 'paused', mentor: 'paused' }
  }
}

/** The exit reason recorded for someone who leaves the program when their match ends. */
export function exitReasonAfterEnd(reason: MatchEndReason): ExitReason {
  switch (reason) {
    case 'completed':
    case 'withdrew':
    case 'moved_away':
    case 'no_contact':
    case 'safeguarding':
      return reason
    default:
      return 'other'
  }
}

/** Why a mentee stayed unmatched in a run (the dominant reason). */
export const UNMATCHED_REASONS = [
  'no_mentors',
  'no_capacity',
  'no_shared_language',
  'too_far',
  'availability',
  'safeguarding_gender',
  'rejected_before',
  'excluded',
  'screening_incomplete',
] as const
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number]

/**
 * The hard constraints one pair can break (`FailureCode` of @tandem/matching): a manual match lists them in its
 * 409 answer and, when overridden, in the audit log.
 */
export const PAIR_FAILURES = [
  'excluded',
  'rejected_before',
  'screening_incomplete',
  'safeguarding_gender',
  'no_shared_language',
  'too_far',
  'availability',
] as const
export type PairFailure = (typeof PAIR_FAILURES)[number]

/** Accepted plus rejected proposals in one decision request. */
export const MAX_DECISIONS = 50
