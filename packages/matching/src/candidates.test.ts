import { describe, expect, it } from 'vitest'
import {
  type CandidatePool,
  diagnose,
  EDGE_BUDGET,
  explainUnmatched,
  feasiblePairs,
  MIN_CANDIDATES_PER_MENTEE,
} from './candidates.ts'
import type { Instance } from './instance.ts'
import {
  assessPair,
  buildInstance,
  DEFAULT_SETTINGS,
  distanceKm,
  type PairContext,
  type Profile,
  type ProgramSettings,
} from './scoring.ts'
import { solve } from './solver.ts'
import { person, rng } from './test-support.ts'

const EARTH_KM = 6371.0088

/** The point `km` away from `from` in direction `bearing` (radians from north), on the same sphere as distanceKm. */
function destination(from: { lat: number; lon: number }, km: number, bearing: number) {
  const rad = Math.PI / 180
  const d = km / EARTH_KM
  const lat1 = from.lat * rad
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing))
  const lon2 =
    from.lon * rad +
    Math.atan2(
      Math.sin(bearing) * Math.sin(d) * Math.cos(lat1),
      Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
    )
  return { lat: lat2 / rad, lon: lon2 / rad }
}

interface PoolShape {
  mentees: number
  mentors: number
  maxDistanceKm: number | null
  interpretation?: boolean
  /** Spread of the locations around each city, in degrees. */
  spread?: number
}

const CITIES = [
  { lat: 52.52, lon: 13.4 }, // Berlin
  { lat: 53.55, lon: 9.99 }, // Hamburg, ~255 km away
  { lat: 69.65, lon: 18.96 }, // Tromsø: far north, where a degree of longitude is short
]

/**
 * A seeded pool that exercises every hard constraint: languages at several levels (some below the minimum),
 * people in three cities or without a location, slots that may not overlap, same-gender requests, unscreened
 * mentors, interpreters, and declined or excluded pairs.
 */
function randomPool(seed: number, shape: PoolShape): CandidatePool {
  const r = rng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T
  const levels = ['A1', 'A2', 'B1', 'B2', 'C1', 'native'] as const
  const slots = ['mon-am', 'mon-pm', 'tue-eve', 'wed-am', 'sat-pm', 'sun-am']
  const spread = shape.spread ?? 0.25
  const make = (mentor: boolean): Profile => {
    const city = pick(CITIES)
    return person({
      languages: [
        {
          code: mentor ? pick(['de', 'de', 'DE-at']) : pick(['ar', 'uk', 'fa-AF', 'de']),
          level: pick(levels),
        },
        ...(r() < 0.4 ? [{ code: pick(['ar-SY', 'uk', 'fa', 'es', 'ti']), level: pick(levels) }] : []),
      ],
      wantsInterpretation: r() < 0.15,
      interests: [pick(['football', 'music', 'cooking']), pick(['chess', 'it', 'hiking'])],
      sector: r() < 0.5 ? pick(['health', 'it']) : null,
      availability: r() < 0.8 ? [pick(slots), pick(slots)].filter((x, k, a) => a.indexOf(x) === k) : [],
      location:
        r() < 0.85
          ? { lat: city.lat + (r() - 0.5) * spread, lon: city.lon + (r() - 0.5) * spread * 1.5 }
          : null,
      settlementNeeds: [pick(['housing', 'education', 'employment'])],
      gender: r() < 0.8 ? pick(['f', 'm']) : null,
      genderPreference: r() < 0.1 ? 'same' : null,
      screeningComplete: !mentor || r() < 0.9,
      capacity: mentor ? 1 + Math.floor(r() * 3) : 1,
    })
  }
  const mentees = Array.from({ length: shape.mentees }, () => make(false))
  const mentors = Array.from({ length: shape.mentors }, () => make(true))
  const context = new Map<number, PairContext>()
  for (let k = 0; k < (shape.mentees * shape.mentors) / 200; k++) {
    context.set(
      Math.floor(r() * shape.mentees) * shape.mentors + Math.floor(r() * shape.mentors),
      pick([{ rejectedBefore: true }, { excluded: true }]),
    )
  }
  const settings: ProgramSettings = {
    ...DEFAULT_SETTINGS,
    maxDistanceKm: shape.maxDistanceKm,
    minLanguageLevel: 'B1',
    interpretationAvailable: shape.interpretation ?? false,
  }
  return { settings, mentees, mentors, context }
}

/** The reference: score every one of the M × N pairs with the engine and keep the feasible ones. */
function everyPair(pool: CandidatePool): Instance {
  const n = pool.mentors.length
  const pairContext = new Map([...pool.context].map(([k, ctx]) => [`${Math.floor(k / n)}:${k % n}`, ctx]))
  return buildInstance(pool.mentees, pool.mentors, { settings: pool.settings, pairContext })
}

const triples = (inst: Instance) =>
  Array.from(inst.edgeMentee, (i, k) => `${i}:${inst.edgeMentor[k]}:${inst.edgeScore[k]}`).sort()

/** The same (mentee, mentor, score) triples, in any order; a mismatch names the first differing one. */
function expectSamePairs(actual: Instance, expected: Instance | string[]) {
  const ours = triples(actual)
  const theirs = Array.isArray(expected) ? expected : triples(expected)
  let k = 0
  while (k < ours.length && ours[k] === theirs[k]) k++
  expect({ count: ours.length, first: ours[k] }).toEqual({ count: theirs.length, first: theirs[k] })
}

/** Options per mentee as [mentor, score], in mentor order. */
function options(inst: Instance): Map<number, [number, number][]> {
  const out = new Map<number, [number, number][]>()
  for (let k = 0; k < inst.edgeMentee.length; k++) {
    const i = inst.edgeMentee[k] as number
    const list = out.get(i) ?? []
    list.push([inst.edgeMentor[k] as number, inst.edgeScore[k] as number])
    out.set(i, list)
  }
  return out
}

/**
 * The budget rule written the obvious way: below the budget everything stays; above it, K is the largest
 * limit ≥ floor (found by counting up) with Σ min(options, K) ≤ budget, and each mentee keeps their K best
 * (higher score first, then the lower mentor index).
 */
function keepBest(full: Instance, budget: number, floor: number) {
  const byMentee = options(full)
  const counts = [...byMentee.values()].map((list) => list.length)
  const total = (k: number) => counts.reduce((sum, c) => sum + Math.min(c, k), 0)
  if (total(Number.POSITIVE_INFINITY) <= budget) return { pairs: triples(full), capped: 0 }
  let limit = floor
  while (total(limit + 1) <= budget && limit < Math.max(...counts)) limit++
  const pairs: string[] = []
  for (const [i, list] of byMentee) {
    const kept = [...list].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, limit)
    for (const [j, score] of kept) pairs.push(`${i}:${j}:${score}`)
  }
  return { pairs: pairs.sort(), capped: counts.filter((c) => c > limit).length }
}

describe('feasiblePairs', () => {
  it('returns exactly the pairs of scoring every pair and filtering, on random pools', async () => {
    let checked = 0
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const maxDistanceKm of [3, 12, 60, null]) {
        for (const interpretation of [false, true]) {
          const pool = randomPool(seed, { mentees: 150, mentors: 80, maxDistanceKm, interpretation })
          const full = everyPair(pool)
          const ours = await feasiblePairs(pool)
          expectSamePairs(ours.instance, full)
          expect(ours.instance.mentees).toBe(150)
          expect(ours.instance.mentors).toBe(80)
          expect(Array.from(ours.instance.capacity)).toEqual(pool.mentors.map((b) => b.capacity))
          expect(ours.cappedMentees).toBe(0)
          expect(ours.assessedPairs).toBeLessThanOrEqual(150 * 80)
          // Near limits the grid and the language index spare most of the work.
          if (maxDistanceKm !== null && maxDistanceKm <= 12) expect(ours.assessedPairs).toBeLessThan(150 * 40)
          checked += full.edgeMentee.length
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000)
  })

  it('keeps only pairs that pass every hard constraint, with the score assessPair gives', async () => {
    const pool = randomPool(11, { mentees: 120, mentors: 70, maxDistanceKm: 20, interpretation: true })
    const { instance } = await feasiblePairs(pool)
    expect(instance.edgeMentee.length).toBeGreaterThan(100)
    const n = pool.mentors.length
    for (let k = 0; k < instance.edgeMentee.length; k++) {
      const i = instance.edgeMentee[k] as number
      const j = instance.edgeMentor[k] as number
      const a = pool.mentees[i] as Profile
      const b = pool.mentors[j] as Profile
      const ctx = pool.context.get(i * n + j) ?? {}
      expect(ctx.excluded || ctx.rejectedBefore).toBeFalsy()
      expect(b.screeningComplete).toBe(true)
      if (a.location && b.location) expect(distanceKm(a.location, b.location)).toBeLessThanOrEqual(20)
      const assessment = assessPair(a, b, pool.settings, ctx)
      expect(assessment.failures).toEqual([])
      expect(instance.edgeScore[k]).toBe(assessment.score)
    }
    // Each mentee's options are listed together (the budget cut reads them so).
    const done = new Set<number>()
    for (let k = 1; k < instance.edgeMentee.length; k++) {
      const previous = instance.edgeMentee[k - 1] as number
      if (instance.edgeMentee[k] !== previous) done.add(previous)
      expect(done.has(instance.edgeMentee[k] as number)).toBe(false)
    }
  })

  it('finds pairs just inside the distance limit in every direction and at any latitude', async () => {
    for (const maxKm of [1, 7.5, 40]) {
      for (const centre of [{ lat: 0, lon: 0 }, ...CITIES, { lat: -45.9, lon: 170.5 }]) {
        const mentees: Profile[] = []
        const mentors: Profile[] = []
        for (let d = 0; d < 16; d++) {
          // Each mentee has one mentor just inside the limit and one just outside, in the same direction.
          const at = destination(centre, d * 3 * maxKm, (d * Math.PI) / 8)
          mentees.push(person({ location: at, languages: [{ code: `x${d}`, level: 'native' }] }))
          for (const factor of [0.995, 1.005]) {
            const there = destination(at, maxKm * factor, (d * Math.PI) / 8 + 0.3)
            mentors.push(person({ location: there, languages: [{ code: `X${d}-A`, level: 'native' }] }))
          }
        }
        const pool: CandidatePool = {
          settings: { ...DEFAULT_SETTINGS, maxDistanceKm: maxKm },
          mentees,
          mentors,
          context: new Map(),
        }
        const { instance } = await feasiblePairs(pool)
        const pairs = Array.from(instance.edgeMentee, (i, k) => [i, instance.edgeMentor[k]])
        expect(pairs).toEqual(Array.from({ length: 16 }, (_, d) => [d, 2 * d]))
      }
    }
  })

  it('scores blocks of more than 256 mentees and pools of more than 2^18 pairs whole', async () => {
    // Everyone speaks German and lives within a few km: one block of 600 mentees, 269,999 feasible pairs.
    const r = rng(5)
    const slots = ['mon-am', 'mon-pm', 'tue-eve', 'wed-am', 'sat-pm']
    const make = () =>
      person({
        location: { lat: 52.5 + r() * 0.02, lon: 13.4 + r() * 0.02 },
        interests: [['football', 'music', 'cooking', 'chess'][Math.floor(r() * 4)] as string],
        settlementNeeds: [['housing', 'education', 'employment'][Math.floor(r() * 3)] as string],
        availability: r() < 0.5 ? [] : slots,
        capacity: 1 + Math.floor(r() * 2),
      })
    const pool: CandidatePool = {
      settings: { ...DEFAULT_SETTINGS, maxDistanceKm: 50 },
      mentees: Array.from({ length: 600 }, make),
      mentors: Array.from({ length: 450 }, make),
      context: new Map([[3 * 450 + 4, { excluded: true }]]),
    }
    const full = everyPair(pool)
    expect(full.edgeMentee.length).toBeGreaterThan(2 ** 18)
    const ours = await feasiblePairs(pool)
    expectSamePairs(ours.instance, full)
    expect(ours.assessedPairs).toBe(600 * 450)

    // Over a budget small enough that collection stops early (at 1.5 × the budget) and cuts again at the end.
    for (const [budget, floor] of [
      [150_000, 0],
      [1_000, 5],
    ] as const) {
      const cut = await feasiblePairs(pool, { edgeBudget: budget, floor })
      const expected = keepBest(full, budget, floor)
      expectSamePairs(cut.instance, expected.pairs)
      expect(cut.cappedMentees).toBe(expected.capped)
    }
  }, 60_000)

  it('over the budget keeps each mentee’s best options, the same number for everyone cut', async () => {
    for (const seed of [21, 22, 23]) {
      const pool = randomPool(seed, { mentees: 200, mentors: 120, maxDistanceKm: null, spread: 0.1 })
      const full = (await feasiblePairs(pool)).instance
      const total = full.edgeMentee.length
      expect(total).toBeGreaterThan(1_000)
      const before = options(full)
      for (const share of [0.2, 0.5, 0.7, 0.9, 1, 1.5]) {
        for (const floor of [0, 3, 20]) {
          const budget = Math.floor(total * share)
          const cut = await feasiblePairs(pool, { edgeBudget: budget, floor })
          const kept = options(cut.instance)
          // Each mentee keeps their best options: min(options, K) of them for one limit K ≥ floor.
          const limit = Math.max(floor, ...[...kept.values()].map((list) => list.length))
          let capped = 0
          for (const [i, list] of before) {
            const best = [...list].sort((x, y) => y[1] - x[1] || x[0] - y[0])
            const keeps = Math.min(list.length, limit)
            expect(
              (kept.get(i) ?? []).map(([j, score]) => `${j}:${score}`).sort(),
              `mentee ${i} of seed ${seed}`,
            ).toEqual(
              best
                .slice(0, keeps)
                .map(([j, score]) => `${j}:${score}`)
                .sort(),
            )
            if (keeps < list.length) capped++
          }
          expect(cut.cappedMentees).toBe(capped)
          if (share >= 1) expect(cut.cappedMentees).toBe(0)
          if (floor === 0) expect(cut.instance.edgeMentee.length).toBeLessThanOrEqual(budget)
          // Unless collection reached 1.5 × the budget (then the cut is made early, from the options seen so
          // far), K is the largest limit that fits the budget.
          if (total <= 1.5 * budget) {
            const expected = keepBest(full, budget, floor)
            expectSamePairs(cut.instance, expected.pairs)
            expect(cut.cappedMentees).toBe(expected.capped)
          }
        }
      }
    }
  })

  it('breaks ties between equally good options by the lower mentor index (who waited longest)', async () => {
    // Identical mentors: every option of a mentee scores the same, so only the order decides.
    const pool: CandidatePool = {
      settings: { ...DEFAULT_SETTINGS, maxDistanceKm: null },
      mentees: Array.from({ length: 4 }, () => person()),
      mentors: Array.from({ length: 10 }, () => person()),
      context: new Map(),
    }
    const { instance, cappedMentees } = await feasiblePairs(pool, { edgeBudget: 30, floor: 1 })
    expect(cappedMentees).toBe(4)
    const first7 = [0, 1, 2, 3, 4, 5, 6]
    expect([...options(instance).values()].map((list) => list.map(([j]) => j))).toEqual([
      first7,
      first7,
      first7,
      first7,
    ])
  })

  it('reports growing progress while scoring, waits for each report, and finds the same pairs', async () => {
    const pool = randomPool(3, { mentees: 300, mentors: 150, maxDistanceKm: 12 })
    const shares: number[] = []
    let pending = false
    const reported = await feasiblePairs(pool, {
      progressPairs: 200,
      onProgress: async (share) => {
        expect(pending).toBe(false)
        pending = true
        await new Promise((resolve) => setTimeout(resolve, 0))
        shares.push(share)
        pending = false
      },
    })
    expect(shares.length).toBeGreaterThan(2)
    for (let k = 1; k < shares.length; k++) expect(shares[k]).toBeGreaterThan(shares[k - 1] as number)
    expect(shares[0]).toBeGreaterThan(0)
    expect(shares.at(-1)).toBeLessThanOrEqual(1)
    expectSamePairs(reported.instance, (await feasiblePairs(pool)).instance)

    const quiet: number[] = []
    await feasiblePairs(pool, { onProgress: async (share) => void quiet.push(share) })
    expect(quiet).toEqual([]) // far fewer pairs than PROGRESS_PAIRS
  })

  it('handles empty sides', async () => {
    const nobody = await feasiblePairs({
      settings: DEFAULT_SETTINGS,
      mentees: [],
      mentors: [],
      context: new Map(),
    })
    expect(nobody.instance.edgeMentee.length).toBe(0)
    const noMentors = await feasiblePairs({
      settings: DEFAULT_SETTINGS,
      mentees: [person(), person({ location: { lat: 52.5, lon: 13.4 } })],
      mentors: [],
      context: new Map(),
    })
    expect(noMentors.instance).toMatchObject({ mentees: 2, mentors: 0 })
    expect(noMentors.instance.edgeMentee.length).toBe(0)
    expect(noMentors.assessedPairs).toBe(0)
  })

  it('has budget defaults that bound the solver’s memory', () => {
    expect(EDGE_BUDGET).toBe(2_000_000)
    expect(MIN_CANDIDATES_PER_MENTEE).toBe(100)
  })
})

describe('diagnose', () => {
  const BERLIN = { lat: 52.52, lon: 13.405 }
  const MUNICH = { lat: 48.14, lon: 11.58 }
  const settings: ProgramSettings = { ...DEFAULT_SETTINGS, maxDistanceKm: 15 }

  it('names the constraint most of a mentee’s language candidates fail', () => {
    const mentors = [
      person({ location: MUNICH }), // too far from Berlin
      person({ location: MUNICH }),
      person({ location: BERLIN, screeningComplete: false }),
      person({ location: BERLIN, availability: ['sun-am'] }),
      person({ languages: [{ code: 'uk', level: 'native' }] }), // no shared language: not a candidate
      person({ languages: [{ code: 'uk', level: 'native' }] }),
      person({ languages: [{ code: 'uk', level: 'native' }] }),
    ]
    const pool: CandidatePool = {
      settings,
      mentors,
      mentees: [
        person({ location: BERLIN, availability: ['mon-am'] }),
        person({ languages: [{ code: 'ti', level: 'native' }] }),
        person({ location: BERLIN, gender: 'f', genderPreference: 'same', availability: ['mon-am'] }),
        person({ location: BERLIN, availability: ['mon-am'] }),
      ],
      // Mentee 3 was matched with three of them before: excluded outweighs too_far.
      context: new Map([
        [3 * 7 + 0, { excluded: true }],
        [3 * 7 + 1, { rejectedBefore: true }],
        [3 * 7 + 2, { excluded: true }],
        [3 * 7 + 3, { excluded: true }],
      ]),
    }
    const reasons = diagnose(pool, [0, 1, 2, 3])
    expect(Object.fromEntries(reasons)).toEqual({
      0: 'too_far',
      1: 'no_shared_language',
      2: 'safeguarding_gender',
      3: 'excluded',
    })
  })

  it('breaks ties in the engine’s constraint order', () => {
    const pool: CandidatePool = {
      settings,
      mentors: [person({ location: MUNICH }), person({ location: BERLIN, screeningComplete: false })],
      mentees: [person({ location: BERLIN })],
      context: new Map(),
    }
    // One too_far, one screening_incomplete: screening comes first in the engine's order.
    expect(diagnose(pool, [0]).get(0)).toBe('screening_incomplete')
  })

  it('counts interpreters as candidates when the program offers interpretation', () => {
    const mentee = person({ languages: [{ code: 'ti', level: 'native' }], location: BERLIN })
    const mentors = [person({ location: MUNICH })]
    const without: CandidatePool = { settings, mentors, mentees: [mentee], context: new Map() }
    expect(diagnose(without, [0]).get(0)).toBe('no_shared_language')
    const offered = { ...without, settings: { ...settings, interpretationAvailable: true } }
    expect(diagnose(offered, [0]).get(0)).toBe('no_shared_language')
    const wanted = { ...offered, mentees: [{ ...mentee, wantsInterpretation: true }] }
    expect(diagnose(wanted, [0]).get(0)).toBe('too_far')
    const interpreter = { ...offered, mentors: [{ ...(mentors[0] as Profile), wantsInterpretation: true }] }
    expect(diagnose(interpreter, [0]).get(0)).toBe('too_far')
  })

  it('says no_mentors for an empty pool of mentors, and nothing for nobody', () => {
    const pool: CandidatePool = { settings, mentors: [], mentees: [person()], context: new Map() }
    expect(diagnose(pool, [0]).get(0)).toBe('no_mentors')
    expect(diagnose(pool, []).size).toBe(0)
  })
})

describe('explainUnmatched', () => {
  it('gives no_capacity to mentees who had options, the diagnosis to the others, nothing to the matched', async () => {
    const pool: CandidatePool = {
      settings: { ...DEFAULT_SETTINGS, maxDistanceKm: null },
      mentors: [person({ capacity: 1, interests: ['chess'] })],
      mentees: [
        person(),
        person({ interests: ['chess'] }), // the better pair: matched
        person({ languages: [{ code: 'ti', level: 'native' }] }),
      ],
      context: new Map(),
    }
    const { instance } = await feasiblePairs(pool)
    const solution = solve(instance)
    expect(solution.pairs).toEqual([[1, 0]])
    expect([...explainUnmatched(pool, instance, solution.pairs)]).toEqual([
      [0, 'no_capacity'],
      [2, 'no_shared_language'],
    ])
  })

  it('explains every unmatched mentee of a random pool, consistently with the pairs found', async () => {
    const pool = randomPool(9, { mentees: 200, mentors: 40, maxDistanceKm: 12 })
    const { instance } = await feasiblePairs(pool)
    const solution = solve(instance)
    const reasons = explainUnmatched(pool, instance, solution.pairs)
    expect(reasons.size).toBe(200 - solution.matched)
    const withOptions = new Set(Array.from(instance.edgeMentee))
    const matched = new Set(solution.pairs.map(([i]) => i))
    for (const [i, reason] of reasons) {
      expect(matched.has(i)).toBe(false)
      expect(reason === 'no_capacity').toBe(withOptions.has(i))
    }
    expect(new Set(reasons.values()).size).toBeGreaterThan(2)
  })
})
