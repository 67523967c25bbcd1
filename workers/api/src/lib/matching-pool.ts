/**
 * A program's matching pool and the engine's view of it: who is waiting or available (statuses), and how a
 * participant row becomes an engine `Profile` and a program's `matchingSettings` become `ProgramSettings`. The
 * match-run job (match-runs) and the decision-time checks (accepting a proposal, a manual match, ending a match)
 * use these, so a pair is judged the same way everywhere.
 */
import type { CefrLevel, MatchingSettings, Participant, Program } from '@tandem/db'
import { DEFAULT_SETTINGS, type Profile, type ProgramSettings } from '@tandem/matching'

/** Mentees in these statuses are waiting for a mentor (Tandem does not screen mentees, so `applied` counts). */
export const MENTEE_POOL_STATUSES = ['applied', 'ready'] as const satisfies readonly Participant['status'][]
/** Mentors in these statuses may take mentees (a `matched` mentor whose capacity was raised has room again). */
export const MENTOR_POOL_STATUSES = ['ready', 'matched'] as const satisfies readonly Participant['status'][]
/** Matches that hold a mentee and a place of their mentor. */
export const OCCUPYING = ['active', 'paused'] as const

const LEVEL: Record<CefrLevel, number> = { A1: 1, A2: 2, B1: 3, B2: 4, C1: 5, C2: 6, native: 7 }

/** Weekly slots are 4 h (am, eve) or 5 h (pm); a required shared slot counts as the shorter length. */
export const SLOT_MINUTES = 240

/** The fields of a participant the engine reads (a narrow select keeps the job's memory small). */
export type MatchableFields = Pick<
  Participant,
  | 'role'
  | 'languages'
  | 'wantsInterpretation'
  | 'interests'
  | 'sector'
  | 'availability'
  | 'location'
  | 'settlementNeeds'
  | 'accessNeeds'
  | 'demographics'
  | 'demographicsConsentAt'
>

/** Language levels a program requires of each side (defaults when the program has no matching settings). */
export function levelRule(program: Pick<Program, 'matchingSettings'>): {
  mentor: CefrLevel
  mentee: CefrLevel
} {
  const ms = program.matchingSettings
  return {
    mentor: ms?.minMentorLevel ?? DEFAULT_SETTINGS.minLanguageLevel,
    mentee: ms?.minMenteeLevel ?? DEFAULT_SETTINGS.minLanguageLevel,
  }
}

/**
 * The program's settings for the engine: DEFAULT_SETTINGS overlaid with what the program set.
 *
 * - `weights`: the program's weights per criterion, defaults for criteria it did not set.
 * - `minLanguageLevel`: the lower of `minMentorLevel` and `minMenteeLevel`. The stricter side is enforced by
 *   `toProfile`, which drops each person's languages below their side's level; together that is exactly "the
 *   mentor at ≥ minMentorLevel and the mentee at ≥ minMenteeLevel in one shared language".
 * - `maxDistanceKm`: as set (null: no limit).
 * - `minOverlapMinutes`: `minOverlapSlots × 240` (a shared morning or evening slot is 4 h, afternoon 5 h; exact
 *   for up to 4 slots). `fullOverlapMinutes`: three shared slots (720) earn the full availability points, so
 *   that slot-based overlaps are not all-or-nothing.
 * - `interpretationAvailable`: false — programs have no setting for it yet.
 * - `screening`: 'mentor'. Mentors reach the pool only when `screeningState(...).matchable`; mentees are not
 *   screened in Tandem.
 */
export function programSettings(program: Pick<Program, 'matchingSettings'>): ProgramSettings {
  const ms: MatchingSettings | null = program.matchingSettings
  const rule = levelRule(program)
  const minOverlapMinutes = ms ? ms.minOverlapSlots * SLOT_MINUTES : DEFAULT_SETTINGS.minOverlapMinutes
  return {
    ...DEFAULT_SETTINGS,
    weights: { ...DEFAULT_SETTINGS.weights, ...(ms?.weights ?? {}) },
    maxDistanceKm: ms ? ms.maxDistanceKm : DEFAULT_SETTINGS.maxDistanceKm,
    minLanguageLevel: LEVEL[rule.mentor] <= LEVEL[rule.mentee] ? rule.mentor : rule.mentee,
    minOverlapMinutes,
    fullOverlapMinutes: Math.max(minOverlapMinutes, 3 * SLOT_MINUTES),
    interpretationAvailable: false,
    screening: 'mentor',
  }
}

/**
 * A participant as the engine sees them.
 * - languages: only those at or above the level the program requires of this side;
 * - wantsInterpretation: asked for it, or listed interpretation among their access needs;
 * - gender: from demographics, and only when the person consented to demographics being kept;
 * - genderPreference: not collected yet (null);
 * - screeningComplete: mentors — `screeningState(...).matchable`; mentees are not screened (true);
 * - capacity: mentors — the places still free (capacity − active and paused matches); mentees — 1.
 */
export function toProfile(
  p: MatchableFields,
  options: { program: Pick<Program, 'matchingSettings'>; screeningComplete: boolean; capacity: number },
): Profile {
  const rule = levelRule(options.program)
  const min = LEVEL[p.role === 'mentor' ? rule.mentor : rule.mentee]
  return {
    languages: p.languages.filter((l) => LEVEL[l.level] >= min),
    wantsInterpretation: p.wantsInterpretation || p.accessNeeds.includes('interpretation'),
    interests: p.interests,
    sector: p.sector,
    availability: p.availability,
    location: p.location ?? null,
    settlementNeeds: p.settlementNeeds,
    gender: p.demographicsConsentAt ? (p.demographics?.gender ?? null) : null,
    genderPreference: null,
    screeningComplete: options.screeningComplete,
    capacity: options.capacity,
  }
}
