/**
 * Pair scoring: from a mentee profile, a mentor profile and the program settings, decide feasibility (hard
 * constraints, each with a stable code) and a 0–100 score with a per-criterion breakdown and an explanation the
 * UI can render in the coordinator's language ({criterion, points, messageKey, params}). Pure: no I/O, no
 * clock, no randomness. `buildInstance` turns whole pools into a solver `Instance` (typed arrays).
 */
import type { Instance } from './instance.ts'

export type CefrLevel = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2' | 'native'
export type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'

export interface LanguageSkill {
  /** BCP 47 tag; languages match on the primary subtag, case-insensitively ('ar-SY' speaks 'ar'). */
  code: string
  level: CefrLevel
}

/** A weekly slot: 'mon-am' (08:00–12:00), 'mon-pm' (12:00–17:00), 'mon-eve' (17:00–21:00), or explicit minutes. */
export type AvailabilitySlot = string | { day: Day; startMinute: number; endMinute: number }

export interface Profile {
  languages: LanguageSkill[]
  /** The person would use an interpreter (then a shared language is not required if the program offers one). */
  wantsInterpretation: boolean
  interests: string[]
  sector: string | null
  availability: AvailabilitySlot[]
  location: { lat: number; lon: number } | null
  /** Mentee: the settlement needs (e.g. 'housing'); mentor: the needs they can help with. */
  settlementNeeds: string[]
  gender: string | null
  /** 'same': only a mentor/mentee of the same (known) gender. */
  genderPreference: 'same' | null
  screeningComplete: boolean
  /** Mentor: how many mentees they take; mentee: ignored. */
  capacity: number
}

export type Criterion = 'language' | 'needs' | 'availability' | 'proximity' | 'interests' | 'sector'
export const CRITERIA: readonly Criterion[] = [
  'language',
  'needs',
  'availability',
  'proximity',
  'interests',
  'sector',
]

export type FailureCode =
  | 'excluded'
  | 'rejected_before'
  | 'screening_incomplete'
  | 'safeguarding_gender'
  | 'no_shared_language'
  | 'too_far'
  | 'availability'

export interface ProgramSettings {
  /** 0–10 per criterion. */
  weights: Record<Criterion, number>
  /** Hard limit on the distance between the two homes (when both are known); null: no limit. */
  maxDistanceKm: number | null
  /** Distance at which proximity is worth nothing (defaults to maxDistanceKm, else 15 km). */
  proximityScaleKm?: number
  /** Both must reach this level in a shared language for it to count. */
  minLanguageLevel: CefrLevel
  /** The program can provide interpreters. */
  interpretationAvailable: boolean
  /** Minimum weekly overlap, in minutes, when both have listed availability (0: no hard constraint). */
  minOverlapMinutes: number
  /** Overlap (minutes per week) that earns the full availability points. */
  fullOverlapMinutes: number
  /** Who must have completed screening. */
  screening: 'mentor' | 'both' | 'none'
}

export const DEFAULT_SETTINGS: ProgramSettings = {
  weights: { language: 7, needs: 8, availability: 6, proximity: 4, interests: 5, sector: 3 },
  maxDistanceKm: 15,
  minLanguageLevel: 'A2',
  interpretationAvailable: false,
  minOverlapMinutes: 60,
  fullOverlapMinutes: 180,
  screening: 'mentor',
}

export type ParamValue = string | number
export interface ExplanationItem {
  /** A criterion, or 'constraint' for a failing hard constraint. */
  criterion: Criterion | 'constraint'
  points: number
  messageKey: string
  params: Record<string, ParamValue>
}

export interface PairContext {
  /** The coordinator excluded this pair (or one of the two people) from matching. */
  excluded?: boolean
  /** This pair was proposed before and declined. */
  rejectedBefore?: boolean
}

export interface PairAssessment {
  feasible: boolean
  failures: FailureCode[]
  /** 0–100 with two decimals: the sum of the breakdown. 0 when infeasible. */
  score: number
  breakdown: Record<Criterion, number>
  explanation: ExplanationItem[]
}

const LEVEL: Record<CefrLevel, number> = { A1: 1, A2: 2, B1: 3, B2: 4, C1: 5, C2: 6, native: 7 }
/** How comfortable a conversation is when the weaker of the two has this level. */
const COMFORT = [0, 0.1, 0.3, 0.5, 0.75, 0.9, 1, 1]
const DAYS: Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
const PARTS: Record<string, [number, number]> = { am: [480, 720], pm: [720, 1020], eve: [1020, 1260] }

/** Weekly availability as sorted, merged [start, end) minute intervals (0 = Monday 00:00). */
export function weeklyIntervals(slots: AvailabilitySlot[]): number[] {
  const raw: Array<[number, number]> = []
  for (const slot of slots) {
    if (typeof slot === 'string') {
      const [day, part] = slot.toLowerCase().split('-')
      const d = DAYS.indexOf(day as Day)
      const range = part === undefined ? undefined : PARTS[part]
      if (d < 0 || range === undefined) {
        throw new TypeError(`availability slot '${slot}' must look like 'mon-am', 'tue-pm' or 'sun-eve'`)
      }
      raw.push([d * 1440 + range[0], d * 1440 + range[1]])
    } else {
      const d = DAYS.indexOf(slot.day)
      const { startMinute: s, endMinute: e } = slot
      if (d < 0 || !Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > 1440 || s >= e) {
        throw new TypeError(
          `availability slot ${JSON.stringify(slot)} needs a day and 0 <= start < end <= 1440`,
        )
      }
      raw.push([d * 1440 + s, d * 1440 + e])
    }
  }
  raw.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const out: number[] = []
  for (const [s, e] of raw) {
    const n = out.length
    if (n > 0 && s <= (out[n - 1] as number)) out[n - 1] = Math.max(out[n - 1] as number, e)
    else out.push(s, e)
  }
  return out
}

function overlapMinutes(a: number[], b: number[]): number {
  let total = 0
  let x = 0
  let y = 0
  while (x < a.length && y < b.length) {
    const s = Math.max(a[x] as number, b[y] as number)
    const e = Math.min(a[x + 1] as number, b[y + 1] as number)
    if (e > s) total += e - s
    if ((a[x + 1] as number) < (b[y + 1] as number)) x += 2
    else y += 2
  }
  return total
}

/** Great-circle distance in km (haversine). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)))
}

const norm = (s: string): string => s.trim().toLowerCase()
/** The primary language subtag, as languages are compared ('ar-SY' speaks 'ar'; case and spaces ignored). */
export const primaryLanguage = (tag: string): string => norm(tag).split('-')[0] ?? ''

/** A profile with its lists normalised once (for scoring many pairs). */
export interface PreparedProfile {
  profile: Profile
  languages: Map<string, number>
  /** The same languages as parallel arrays (code order), for the allocation-free scoring loop. */
  languageCodes: string[]
  languageLevels: number[]
  /** Sorted, unique, normalised. */
  interests: string[]
  /** Sorted, unique, normalised. */
  needs: string[]
  sector: string | null
  /** Normalised gender, or null. */
  gender: string | null
  intervals: number[]
}

export function prepareProfile(profile: Profile): PreparedProfile {
  const languages = new Map<string, number>()
  for (const { code, level } of profile.languages) {
    const l = LEVEL[level]
    if (l === undefined)
      throw new TypeError(`language level '${String(level)}' is not a CEFR level or 'native'`)
    const key = primaryLanguage(code)
    languages.set(key, Math.max(languages.get(key) ?? 0, l))
  }
  const languageCodes = [...languages.keys()].sort()
  return {
    profile,
    languages,
    languageCodes,
    languageLevels: languageCodes.map((code) => languages.get(code) as number),
    interests: [...new Set(profile.interests.map(norm))].sort(),
    needs: [...new Set(profile.settlementNeeds.map(norm))].sort(),
    sector: profile.sector === null ? null : norm(profile.sector),
    gender: profile.gender === null ? null : norm(profile.gender),
    intervals: weeklyIntervals(profile.availability),
  }
}

/** How many strings two sorted, duplicate-free arrays share (a merge; no allocation). */
function sharedCount(a: string[], b: string[]): number {
  let count = 0
  let x = 0
  let y = 0
  while (x < a.length && y < b.length) {
    const p = a[x] as string
    const q = b[y] as string
    if (p === q) {
      count++
      x++
      y++
    } else if (p < q) x++
    else y++
  }
  return count
}

function checkSettings(settings: ProgramSettings): void {
  for (const c of CRITERIA) {
    const w = settings.weights[c]
    if (typeof w !== 'number' || !(w >= 0 && w <= 10)) {
      throw new TypeError(`weight for ${c} must be a number between 0 and 10 (got ${String(w)})`)
    }
  }
}

const levelName = (l: number): string =>
  (Object.keys(LEVEL) as CefrLevel[]).find((k) => LEVEL[k] === l) ?? '?'
const cents = (x: number): number => Math.round(x * 100)
/** Proximity in [0, 1]: 1 at the same place, 0 at `scale` km or more (a scale of 0 counts only the same place). */
const closeness = (km: number, scale: number): number =>
  scale > 0 ? Math.max(0, 1 - km / scale) : km === 0 ? 1 : 0

/**
 * Assesses one (mentee, mentor) pair. Accepts raw or prepared profiles. Failing hard constraints are listed
 * in a fixed order; the score is 0 then, but the explanation keeps the criteria for the UI.
 */
export function assessPair(
  mentee: Profile | PreparedProfile,
  mentor: Profile | PreparedProfile,
  settings: ProgramSettings = DEFAULT_SETTINGS,
  context: PairContext = {},
): PairAssessment {
  checkSettings(settings)
  const a = 'intervals' in mentee ? mentee : prepareProfile(mentee)
  const b = 'intervals' in mentor ? mentor : prepareProfile(mentor)
  return evaluate(a, b, settings, context)
}

/**
 * The full assessment behind `assessPair`: every failing constraint and every criterion, with words for the
 * coordinator. `scorePrepared` is the fast equivalent (score only) used for whole pools.
 */
function evaluate(
  a: PreparedProfile,
  b: PreparedProfile,
  settings: ProgramSettings,
  context: PairContext,
): PairAssessment {
  const failures: FailureCode[] = []
  const explanation: ExplanationItem[] = []
  const fail = (code: FailureCode, params: Record<string, ParamValue> = {}) => {
    failures.push(code)
    explanation.push({ criterion: 'constraint', points: 0, messageKey: `match.constraint.${code}`, params })
  }
  if (context.excluded) fail('excluded')
  if (context.rejectedBefore) fail('rejected_before')
  const screening = settings.screening
  if (screening !== 'none' && !b.profile.screeningComplete) fail('screening_incomplete', { who: 'mentor' })
  if (screening === 'both' && !a.profile.screeningComplete) fail('screening_incomplete', { who: 'mentee' })
  if (a.profile.genderPreference === 'same' || b.profile.genderPreference === 'same') {
    if (a.gender === null || b.gender === null || a.gender !== b.gender) fail('safeguarding_gender')
  }

  // Language: the shared language where the weaker speaker is strongest.
  const minLevel = LEVEL[settings.minLanguageLevel]
  let bestLang = ''
  let bestLevel = 0
  for (const [code, la] of a.languages) {
    const lb = b.languages.get(code)
    if (lb === undefined) continue
    const l = Math.min(la, lb)
    if (l >= minLevel && (l > bestLevel || (l === bestLevel && code < bestLang))) {
      bestLevel = l
      bestLang = code
    }
  }
  const interpreted =
    bestLevel === 0 &&
    settings.interpretationAvailable &&
    (a.profile.wantsInterpretation || b.profile.wantsInterpretation)
  if (bestLevel === 0 && !interpreted) fail('no_shared_language', { minLevel: settings.minLanguageLevel })

  let km: number | null = null
  if (a.profile.location !== null && b.profile.location !== null) {
    km = distanceKm(a.profile.location, b.profile.location)
    if (settings.maxDistanceKm !== null && km > settings.maxDistanceKm) {
      fail('too_far', { distanceKm: Math.round(km * 10) / 10, maxKm: settings.maxDistanceKm })
    }
  }
  const bothListed = a.intervals.length > 0 && b.intervals.length > 0
  const overlap = overlapMinutes(a.intervals, b.intervals)
  if (bothListed && settings.minOverlapMinutes > 0 && overlap < settings.minOverlapMinutes) {
    fail('availability', { overlapMinutes: overlap, minMinutes: settings.minOverlapMinutes })
  }

  // Criteria: a fraction in [0, 1] each; points = 100 × weight × fraction / Σ weights, in hundredths.
  const helped = a.needs.filter((x) => b.needs.includes(x))
  const full = Math.max(1, settings.fullOverlapMinutes)
  const scale = settings.proximityScaleKm ?? settings.maxDistanceKm ?? 15
  const shared = a.interests.filter((x) => b.interests.includes(x))
  const basis = Math.min(3, a.interests.length, b.interests.length)
  const sameSector = a.sector !== null && a.sector === b.sector
  const fraction: Record<Criterion, number> = {
    language: COMFORT[bestLevel] ?? 0,
    needs: a.needs.length === 0 ? 0 : helped.length / a.needs.length,
    availability: bothListed ? Math.min(1, overlap / full) : 0,
    proximity: km === null ? 0 : closeness(km, scale),
    interests: basis === 0 ? 0 : Math.min(1, shared.length / basis),
    sector: sameSector ? 1 : 0,
  }
  const weightSum = CRITERIA.reduce((sum, c) => sum + settings.weights[c], 0)
  const points = (c: Criterion): number =>
    weightSum === 0 ? 0 : cents((100 * settings.weights[c] * fraction[c]) / weightSum)

  const item: Record<Criterion, [string, Record<string, ParamValue>]> = {
    language:
      bestLevel > 0
        ? ['match.language.shared', { language: bestLang, level: levelName(bestLevel) }]
        : interpreted
          ? ['match.language.interpreter', {}]
          : ['match.language.none', {}],
    needs:
      a.needs.length === 0
        ? ['match.needs.none', {}]
        : [
            'match.needs.covered',
            { covered: helped.length, total: a.needs.length, needs: helped.join(', ') },
          ],
    availability: bothListed
      ? ['match.availability.overlap', { minutes: overlap }]
      : ['match.availability.unknown', {}],
    proximity:
      km === null
        ? ['match.proximity.unknown', {}]
        : ['match.proximity.distance', { distanceKm: Math.round(km * 10) / 10 }],
    interests: ['match.interests.shared', { count: shared.length, interests: shared.join(', ') }],
    sector: sameSector ? ['match.sector.same', { sector: a.sector ?? '' }] : ['match.sector.different', {}],
  }
  const feasible = failures.length === 0
  const breakdown = {} as Record<Criterion, number>
  let totalCents = 0
  for (const c of CRITERIA) {
    const pc = points(c)
    totalCents += pc
    breakdown[c] = pc / 100
    explanation.push({ criterion: c, points: pc / 100, messageKey: item[c][0], params: item[c][1] })
  }
  return { feasible, failures, score: feasible ? totalCents / 100 : 0, breakdown, explanation }
}

/**
 * The score of one pair, or -1 when a hard constraint fails: the same result as `assessPair(…).score` (and -1
 * exactly when it is infeasible), computed without closures, explanation or allocation. This is the loop a match
 * run spends most of its time in (millions of pairs); `scoring.test.ts` checks it against `assessPair` on
 * random pools. Settings must have been checked (`checkSettings`) by the caller.
 */
export function scorePrepared(
  a: PreparedProfile,
  b: PreparedProfile,
  settings: ProgramSettings,
  context: PairContext,
): number {
  if (context.excluded || context.rejectedBefore) return -1
  const screening = settings.screening
  if (screening !== 'none' && !b.profile.screeningComplete) return -1
  if (screening === 'both' && !a.profile.screeningComplete) return -1
  if (a.profile.genderPreference === 'same' || b.profile.genderPreference === 'same') {
    if (a.gender === null || b.gender === null || a.gender !== b.gender) return -1
  }

  // Language: the level of the shared language where the weaker speaker is strongest.
  const minLevel = LEVEL[settings.minLanguageLevel]
  let bestLevel = 0
  const codes = a.languageCodes
  for (let k = 0; k < codes.length; k++) {
    const lb = b.languages.get(codes[k] as string)
    if (lb === undefined) continue
    const la = a.languageLevels[k] as number
    const l = Math.min(la, lb)
    if (l >= minLevel && l > bestLevel) bestLevel = l
  }
  if (
    bestLevel === 0 &&
    !(settings.interpretationAvailable && (a.profile.wantsInterpretation || b.profile.wantsInterpretation))
  ) {
    return -1
  }

  let km = -1
  const la = a.profile.location
  const lb = b.profile.location
  if (la !== null && lb !== null) {
    km = distanceKm(la, lb)
    if (settings.maxDistanceKm !== null && km > settings.maxDistanceKm) return -1
  }
  const bothListed = a.intervals.length > 0 && b.intervals.length > 0
  const overlap = overlapMinutes(a.intervals, b.intervals)
  if (bothListed && settings.minOverlapMinutes > 0 && overlap < settings.minOverlapMinutes) return -1

  const w = settings.weights
  const weightSum = w.language + w.needs + w.availability + w.proximity + w.interests + w.sector
  if (weightSum === 0) return 0
  const full = Math.max(1, settings.fullOverlapMinutes)
  const scale = settings.proximityScaleKm ?? settings.maxDistanceKm ?? 15
  const basis = Math.min(3, a.interests.length, b.interests.length)
  // Each criterion in whole hundredths, as `assessPair` rounds them, then summed.
  const hundredths = (weight: number, fraction: number) => cents((100 * weight * fraction) / weightSum)
  const total =
    hundredths(w.language, COMFORT[bestLevel] ?? 0) +
    hundredths(w.needs, a.needs.length === 0 ? 0 : sharedCount(a.needs, b.needs) / a.needs.length) +
    hundredths(w.availability, bothListed ? Math.min(1, overlap / full) : 0) +
    hundredths(w.proximity, km < 0 ? 0 : closeness(km, scale)) +
    hundredths(w.interests, basis === 0 ? 0 : Math.min(1, sharedCount(a.interests, b.interests) / basis)) +
    hundredths(w.sector, a.sector !== null && a.sector === b.sector ? 1 : 0)
  return total / 100
}

const NO_CONTEXT: PairContext = {}

export interface PoolOptions {
  settings?: ProgramSettings
  /** Context for specific pairs, keyed `${menteeIndex}:${mentorIndex}`. */
  pairContext?: ReadonlyMap<string, PairContext>
}

/**
 * Scores every (mentee, mentor) pair and returns the feasible ones as a solver instance (typed arrays,
 * mentee-major order, mentor capacities from the profiles). O(M × N) assessments: fine for a program's
 * pool of a few thousand people; larger pools should pre-filter candidates (e.g. by language and area).
 */
export function buildInstance(mentees: Profile[], mentors: Profile[], options: PoolOptions = {}): Instance {
  const context = options.pairContext
  return buildPreparedInstance(
    mentees.map(prepareProfile),
    mentors.map(prepareProfile),
    options.settings ?? DEFAULT_SETTINGS,
    context ? (i, j) => context.get(`${i}:${j}`) : undefined,
  )
}

/**
 * `buildInstance` over profiles prepared once (a caller scoring many blocks of one pool prepares each person
 * once). `contextOf(i, j)` gives a pair's context, if any.
 */
export function buildPreparedInstance(
  a: readonly PreparedProfile[],
  b: readonly PreparedProfile[],
  settings: ProgramSettings,
  contextOf?: (mentee: number, mentor: number) => PairContext | undefined,
): Instance {
  checkSettings(settings)
  const edgeMentee: number[] = []
  const edgeMentor: number[] = []
  const edgeScore: number[] = []
  for (let i = 0; i < a.length; i++) {
    const pa = a[i] as PreparedProfile
    for (let j = 0; j < b.length; j++) {
      const context = contextOf === undefined ? NO_CONTEXT : (contextOf(i, j) ?? NO_CONTEXT)
      const score = scorePrepared(pa, b[j] as PreparedProfile, settings, context)
      if (score < 0) continue
      edgeMentee.push(i)
      edgeMentor.push(j)
      edgeScore.push(score)
    }
  }
  return {
    mentees: a.length,
    mentors: b.length,
    capacity: Int32Array.from(b, (p) => Math.max(0, Math.floor(p.profile.capacity))),
    edgeMentee: Int32Array.from(edgeMentee),
    edgeMentor: Int32Array.from(edgeMentor),
    edgeScore: Float64Array.from(edgeScore),
  }
}
