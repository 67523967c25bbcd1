import { describe, expect, it } from 'vitest'
import { checkCertificate } from './certificate.ts'
import {
  assessPair,
  buildInstance,
  CRITERIA,
  DEFAULT_SETTINGS,
  distanceKm,
  type PairContext,
  type Profile,
  type ProgramSettings,
  weeklyIntervals,
} from './scoring.ts'
import { solve } from './solver.ts'
import { person, rng } from './test-support.ts'

const BERLIN = { lat: 52.52, lon: 13.405 }
const NEAR = { lat: 52.5, lon: 13.42 } // ~2.5 km
const FAR = { lat: 52.4, lon: 13.06 } // Potsdam, ~27 km

const mentee = person({
  languages: [
    { code: 'ar-SY', level: 'native' },
    { code: 'de', level: 'A2' },
  ],
  interests: ['Cooking', 'football', 'chess'],
  sector: 'Health',
  availability: ['mon-eve', 'sat-am'],
  location: BERLIN,
  settlementNeeds: ['housing', 'jobs'],
  gender: 'f',
})
const mentor = person({
  languages: [
    { code: 'de', level: 'native' },
    { code: 'ar', level: 'B2' },
  ],
  interests: ['cooking', 'chess', 'hiking'],
  sector: 'health',
  availability: ['sat-am', { day: 'mon', startMinute: 1140, endMinute: 1260 }],
  location: NEAR,
  settlementNeeds: ['housing', 'paperwork'],
  gender: 'f',
  capacity: 2,
})

describe('assessPair', () => {
  it('scores a compatible pair with a breakdown that sums to the score', () => {
    const r = assessPair(mentee, mentor)
    expect(r.feasible).toBe(true)
    expect(r.failures).toEqual([])
    const sum = CRITERIA.reduce((s, c) => s + Math.round(r.breakdown[c] * 100), 0) / 100
    expect(r.score).toBe(sum)
    expect(r.score).toBeGreaterThan(50)
    expect(r.score).toBeLessThanOrEqual(100)
    expect(r.explanation.map((e) => e.criterion)).toEqual([...CRITERIA])
    const byCriterion = Object.fromEntries(r.explanation.map((e) => [e.criterion, e]))
    // Arabic, where the weaker speaker has B2 (better than German A2).
    expect(byCriterion.language).toMatchObject({
      messageKey: 'match.language.shared',
      params: { language: 'ar', level: 'B2' },
    })
    expect(byCriterion.needs).toMatchObject({ params: { covered: 1, total: 2, needs: 'housing' } })
    expect(byCriterion.interests).toMatchObject({ params: { count: 2, interests: 'chess, cooking' } })
    expect(byCriterion.sector).toMatchObject({ messageKey: 'match.sector.same', points: r.breakdown.sector })
    // Mon 19:00–21:00 (120 min) and Sat 08:00–12:00 (240 min).
    expect(byCriterion.availability?.params).toEqual({ minutes: 360 })
    expect(byCriterion.proximity?.params.distanceKm).toBeCloseTo(2.5, 0)
  })

  it('is deterministic and accepts prepared or raw profiles alike', () => {
    expect(assessPair(mentee, mentor)).toEqual(assessPair(mentee, mentor))
  })

  it('reports every failing hard constraint with its code', () => {
    const r = assessPair(
      person({
        languages: [{ code: 'fa', level: 'native' }],
        location: BERLIN,
        availability: ['tue-am'],
        genderPreference: 'same',
        gender: 'f',
      }),
      person({ screeningComplete: false, location: FAR, availability: ['tue-pm'], gender: 'm' }),
      DEFAULT_SETTINGS,
      { excluded: true, rejectedBefore: true },
    )
    expect(r.feasible).toBe(false)
    expect(r.score).toBe(0)
    expect(r.failures).toEqual([
      'excluded',
      'rejected_before',
      'screening_incomplete',
      'safeguarding_gender',
      'no_shared_language',
      'too_far',
      'availability',
    ])
    const tooFar = r.explanation.find((e) => e.messageKey === 'match.constraint.too_far')
    expect(tooFar?.params).toMatchObject({ maxKm: 15 })
    expect(tooFar?.params.distanceKm).toBeGreaterThan(20)
  })

  it('applies each constraint on its own', () => {
    const only = (a: Partial<Profile>, b: Partial<Profile>, s: Partial<ProgramSettings> = {}) =>
      assessPair(person(a), person(b), { ...DEFAULT_SETTINGS, ...s }).failures
    expect(only({}, {})).toEqual([])
    expect(only({}, { screeningComplete: false })).toEqual(['screening_incomplete'])
    expect(only({ screeningComplete: false }, {})).toEqual([])
    expect(only({ screeningComplete: false }, {}, { screening: 'both' })).toEqual(['screening_incomplete'])
    expect(only({}, { screeningComplete: false }, { screening: 'none' })).toEqual([])
    expect(only({ genderPreference: 'same', gender: 'F' }, { gender: 'f' })).toEqual([])
    expect(only({ genderPreference: 'same', gender: 'f' }, { gender: null })).toEqual(['safeguarding_gender'])
    expect(only({}, { genderPreference: 'same', gender: 'm' })).toEqual(['safeguarding_gender'])
    // Below the minimum level a language does not count.
    expect(only({ languages: [{ code: 'de', level: 'A1' }] }, {})).toEqual(['no_shared_language'])
    expect(only({ languages: [{ code: 'de', level: 'A1' }] }, {}, { minLanguageLevel: 'A1' })).toEqual([])
    // Interpretation lifts the language constraint only when the program offers it.
    const noCommon = { languages: [{ code: 'ti', level: 'native' as const }], wantsInterpretation: true }
    expect(only(noCommon, {})).toEqual(['no_shared_language'])
    expect(only(noCommon, {}, { interpretationAvailable: true })).toEqual([])
    expect(only({ location: BERLIN }, { location: FAR }, { maxDistanceKm: null })).toEqual([])
    expect(only({ location: BERLIN }, { location: null })).toEqual([])
    expect(only({ availability: ['mon-am'] }, { availability: [] })).toEqual([])
    expect(
      only({ availability: ['mon-am'] }, { availability: ['mon-pm'] }, { minOverlapMinutes: 0 }),
    ).toEqual([])
  })

  it('weights scale the points; zero weights give zero points', () => {
    const heavy = assessPair(mentee, mentor, {
      ...DEFAULT_SETTINGS,
      weights: { ...DEFAULT_SETTINGS.weights, sector: 10 },
    })
    expect(heavy.breakdown.sector).toBeGreaterThan(assessPair(mentee, mentor).breakdown.sector)
    const none = assessPair(mentee, mentor, {
      ...DEFAULT_SETTINGS,
      weights: { language: 0, needs: 0, availability: 0, proximity: 0, interests: 0, sector: 0 },
    })
    expect(none.feasible).toBe(true)
    expect(none.score).toBe(0)
    expect(() =>
      assessPair(mentee, mentor, {
        ...DEFAULT_SETTINGS,
        weights: { ...DEFAULT_SETTINGS.weights, needs: 11 },
      }),
    ).toThrow(/weight for needs must be a number between 0 and 10/)
  })

  it('explains unknown data instead of failing', () => {
    const r = assessPair(person(), person())
    expect(r.feasible).toBe(true)
    const keys = r.explanation.map((e) => e.messageKey)
    expect(keys).toContain('match.availability.unknown')
    expect(keys).toContain('match.proximity.unknown')
    expect(keys).toContain('match.needs.none')
    const interpreted = assessPair(person({ languages: [], wantsInterpretation: true }), person(), {
      ...DEFAULT_SETTINGS,
      interpretationAvailable: true,
    })
    expect(interpreted.explanation[0]).toMatchObject({ messageKey: 'match.language.interpreter', points: 0 })
  })
})

describe('proximity with a zero distance limit', () => {
  it('scores people at the same place as close, never as NaN', () => {
    for (const settings of [
      { ...DEFAULT_SETTINGS, maxDistanceKm: 0 },
      { ...DEFAULT_SETTINGS, proximityScaleKm: 0 },
    ]) {
      const a = person({ location: BERLIN })
      const b = person({ location: BERLIN })
      const full = assessPair(a, b, settings)
      expect(full.feasible).toBe(true)
      expect(Number.isFinite(full.score)).toBe(true)
      expect(full.breakdown.proximity).toBeGreaterThan(0)
      const instance = buildInstance([a], [b], { settings })
      expect(Array.from(instance.edgeScore)).toEqual([full.score])
    }
  })
})

describe('helpers', () => {
  it('parses and merges weekly availability', () => {
    expect(weeklyIntervals(['mon-am', 'mon-pm', { day: 'tue', startMinute: 60, endMinute: 120 }])).toEqual([
      480, 1020, 1500, 1560,
    ])
    expect(() => weeklyIntervals(['someday-am'])).toThrow(/must look like 'mon-am'/)
    expect(() => weeklyIntervals([{ day: 'mon', startMinute: 600, endMinute: 500 }])).toThrow(/start < end/)
  })

  it('measures distances', () => {
    expect(distanceKm(BERLIN, BERLIN)).toBe(0)
    expect(distanceKm(BERLIN, FAR)).toBeGreaterThan(25)
    expect(distanceKm(BERLIN, FAR)).toBeLessThan(30)
  })
})

describe('buildInstance', () => {
  it('turns pools into a solver instance of feasible pairs', () => {
    const mentees = [
      mentee,
      person({ languages: [{ code: 'uk', level: 'native' }] }),
      person({ interests: ['chess'] }),
    ]
    const mentors = [mentor, person({ capacity: 3, interests: ['chess'] })]
    const instance = buildInstance(mentees, mentors, {
      pairContext: new Map([['2:1', { rejectedBefore: true }]]),
    })
    expect(Array.from(instance.capacity)).toEqual([2, 3])
    const pairs = Array.from(instance.edgeMentee, (i, k) => [i, instance.edgeMentor[k]])
    // Mentee 1 speaks only Ukrainian; pair 2–1 was declined before.
    expect(pairs).toEqual([
      [0, 0],
      [0, 1],
      [2, 0],
    ])
    expect(instance.edgeScore[0]).toBe(assessPair(mentee, mentor).score)
    const result = solve(instance)
    expect(checkCertificate(instance, result).ok).toBe(true)
    expect(result.matched).toBe(2)
  })

  it('agrees with assessPair on every pair of random pools, settings and decisions (lean path = explained path)', () => {
    const r = rng(31)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
    const levels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const
    const random = (): Profile =>
      person({
        languages: [
          { code: pick(['de', 'ar', 'fa', 'uk', 'ti']), level: pick(levels) },
          { code: pick(['de', 'en', 'ar-SY']), level: pick(levels) },
        ],
        wantsInterpretation: r() < 0.2,
        // Case, spacing and duplicates as people type them: both paths must normalise alike.
        interests: ['chess', 'Chess ', 'cooking', 'football', 'music', ' Hiking', 'hiking'].filter(
          () => r() < 0.4,
        ),
        sector: r() < 0.7 ? pick(['health', 'Health', 'it', 'crafts']) : null,
        availability: ['mon-am', 'tue-pm', 'wed-eve', 'sat-am', 'sun-pm'].filter(() => r() < 0.4),
        location: r() < 0.9 ? { lat: 52.4 + 0.2 * r(), lon: 13.2 + 0.4 * r() } : null,
        settlementNeeds: ['housing', 'Housing', 'jobs', 'school', 'paperwork'].filter(() => r() < 0.4),
        gender: pick(['f', 'F ', 'm', null]),
        genderPreference: r() < 0.2 ? 'same' : null,
        screeningComplete: r() < 0.9,
        capacity: 1 + Math.floor(r() * 3),
      })
    const mentees = Array.from({ length: 40 }, random)
    const mentors = Array.from({ length: 25 }, random)
    // Coordinator decisions on some pairs.
    const pairContext = new Map<string, PairContext>()
    for (let k = 0; k < 60; k++) {
      pairContext.set(
        `${Math.floor(r() * 40)}:${Math.floor(r() * 25)}`,
        r() < 0.5 ? { excluded: true } : { rejectedBefore: true },
      )
    }
    const variants: ProgramSettings[] = [
      { ...DEFAULT_SETTINGS, interpretationAvailable: true, maxDistanceKm: 12 },
      DEFAULT_SETTINGS,
      {
        ...DEFAULT_SETTINGS,
        maxDistanceKm: null,
        proximityScaleKm: 20,
        minLanguageLevel: 'B2',
        minOverlapMinutes: 0,
        screening: 'both',
        weights: { language: 10, needs: 0, availability: 3, proximity: 9, interests: 1, sector: 0 },
      },
      {
        ...DEFAULT_SETTINGS,
        screening: 'none',
        fullOverlapMinutes: 0,
        weights: { language: 0, needs: 0, availability: 0, proximity: 0, interests: 0, sector: 0 },
      },
    ]
    for (const settings of variants) {
      const instance = buildInstance(mentees, mentors, { settings, pairContext })
      const edges = new Map<string, number>()
      for (let k = 0; k < instance.edgeMentee.length; k++) {
        edges.set(`${instance.edgeMentee[k]}:${instance.edgeMentor[k]}`, instance.edgeScore[k] as number)
      }
      let feasible = 0
      mentees.forEach((a, i) => {
        mentors.forEach((b, j) => {
          const full = assessPair(a, b, settings, pairContext.get(`${i}:${j}`) ?? {})
          expect(edges.get(`${i}:${j}`)).toBe(full.feasible ? full.score : undefined)
          if (full.feasible) feasible++
        })
      })
      expect(feasible).toBeGreaterThan(20)
      expect(feasible).toBeLessThan(40 * 25)
    }
  })
})
