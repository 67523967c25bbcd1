import { munkres } from 'munkres'
import { describe, expect, it } from 'vitest'
import { checkCertificate } from './certificate.ts'
import { buildGraph, type Instance, type Mode } from './instance.ts'
import { solve } from './solver.ts'
import { bruteForce, inst, randomInstance, rng, shuffleEdges } from './test-support.ts'

const MODES: Mode[] = ['participation', 'score']

function expectCertified(instance: Instance, mode: Mode) {
  const result = solve(instance, { mode })
  const report = checkCertificate(instance, result)
  expect(report.errors).toEqual([])
  expect(report.ok).toBe(true)
  return result
}

describe('brute force on tiny random instances', () => {
  for (const mode of MODES) {
    it(`matches exhaustive search (${mode}, 1,000 instances)`, () => {
      const r = rng(mode === 'score' ? 11 : 7)
      for (let t = 0; t < 1000; t++) {
        const instance = randomInstance(r, {
          mentees: 1 + Math.floor(r() * 7),
          mentors: 1 + Math.floor(r() * 4),
          density: 0.2 + 0.7 * r(),
          maxCapacity: 3,
          maxScore: t % 3 === 0 ? 2 : 30, // small ranges force many ties
          fractional: t % 5 === 0,
        })
        const result = expectCertified(instance, mode)
        const best = bruteForce(instance, mode)
        expect(result.totalUnits).toBe(best.totalUnits)
        if (mode === 'participation') expect(result.matched).toBe(best.matched)
      }
    })
  }
})

describe('number representations', () => {
  // Weights are kept in points, hundredths or 1e-6 steps, in Int32Arrays when every price provably fits and in
  // Float64Arrays otherwise (instance.ts); every combination must reach the same optimum.
  for (const mode of MODES) {
    it(`matches exhaustive search with two-decimal scores (${mode}, 300 instances)`, () => {
      const r = rng(mode === 'score' ? 21 : 22)
      for (let t = 0; t < 300; t++) {
        const instance = randomInstance(r, {
          mentees: 1 + Math.floor(r() * 7),
          mentors: 1 + Math.floor(r() * 4),
          density: 0.2 + 0.7 * r(),
          maxCapacity: 3,
          maxScore: t % 2 === 0 ? 3 : 40,
        })
        const cents = { ...instance, edgeScore: Array.from(instance.edgeScore, (x, k) => x + (k % 4) * 0.25) }
        const result = expectCertified(cents, mode)
        const best = bruteForce(cents, mode)
        expect(result.totalUnits).toBe(best.totalUnits)
        if (mode === 'participation') expect(result.matched).toBe(best.matched)
      }
    })

    it(`certifies large scores: prices in Float64Arrays, or Float64 sort keys (${mode})`, () => {
      const r = rng(mode === 'score' ? 23 : 24)
      for (let t = 0; t < 6; t++) {
        const instance = randomInstance(r, {
          mentees: 500 + Math.floor(r() * 200),
          mentors: 300 + Math.floor(r() * 100),
          density: 0.01 + 0.02 * r(),
          maxCapacity: 3,
          maxScore: t % 2 === 0 ? 2000 : 60_000,
        })
        // Hundredths up to 2,000 points: beyond the Int32 bound. Whole points up to 60,000: Int32 prices, but
        // the rows are sorted with Float64 keys.
        const scores = t % 2 === 0 ? Array.from(instance.edgeScore, (x) => x + 0.01) : instance.edgeScore
        const large = { ...instance, edgeScore: scores }
        expect(buildGraph(large).small).toBe(t % 2 === 1)
        expectCertified(large, mode)
      }
    })
  }
})

describe('known optima', () => {
  it('prefers the better newcomer when two compete for one slot', () => {
    const instance = inst(
      2,
      [1],
      [
        [0, 0, 1],
        [1, 0, 10],
      ],
    )
    for (const mode of MODES) {
      const result = expectCertified(instance, mode)
      expect(result.pairs).toEqual([[1, 0]])
      expect(result.total).toBe(10)
    }
  })

  it('participation matches more people, score mode keeps the best pair', () => {
    // Mentee 0 likes mentor 0 (10) and mentor 1 (9); mentee 1 can only take mentor 0 (0.5).
    const instance = inst(
      2,
      [1, 1],
      [
        [0, 0, 10],
        [0, 1, 9],
        [1, 0, 0.5],
      ],
    )
    const p = expectCertified(instance, 'participation')
    expect(p.pairs).toEqual([
      [0, 1],
      [1, 0],
    ])
    expect(p.total).toBe(9.5)
    const s = expectCertified(instance, 'score')
    expect(s.pairs).toEqual([[0, 0]])
    expect(s.total).toBe(10)
  })

  it('score mode never needs zero-score pairs; participation still takes them', () => {
    const instance = inst(
      3,
      [2],
      [
        [0, 0, 0],
        [1, 0, 0],
        [2, 0, 5],
      ],
    )
    expect(expectCertified(instance, 'score').total).toBe(5)
    const p = expectCertified(instance, 'participation')
    expect(p.matched).toBe(2)
    expect(p.total).toBe(5)
  })

  it('fills a mentor with its best candidates', () => {
    const instance = inst(
      5,
      [3],
      [1, 2, 3, 4, 5].map((s, i) => [i, 0, s] as [number, number, number]),
    )
    const result = expectCertified(instance, 'participation')
    expect(result.pairs).toEqual([
      [2, 0],
      [3, 0],
      [4, 0],
    ])
    expect(result.total).toBe(12)
  })

  it('rearrangement inequality: w = (i + 1)(j + 1) pairs equal ranks', () => {
    const n = 25
    const edges: Array<[number, number, number]> = []
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) edges.push([i, j, (i + 1) * (j + 1)])
    const result = expectCertified(inst(n, new Array(n).fill(1), edges), 'participation')
    expect(result.pairs).toEqual(Array.from({ length: n }, (_, i) => [i, i]))
    expect(result.total).toBe((n * (n + 1) * (2 * n + 1)) / 6)
  })

  it('needs a long augmenting path (chain where greedy gets stuck)', () => {
    // Mentee i may take mentor i (score 3) or mentor i + 1 (score 2); the last mentee only mentor 0 (1).
    // Matching everybody means shifting the whole chain to mentor i + 1.
    const n = 200
    const edges: Array<[number, number, number]> = []
    for (let i = 0; i < n - 1; i++) edges.push([i, i, 3], [i, i + 1, 2])
    edges.push([n - 1, 0, 1])
    const instance = inst(n, new Array(n).fill(1), edges)
    const result = expectCertified(instance, 'participation')
    expect(result.matched).toBe(n)
    expect(result.total).toBe(2 * (n - 1) + 1)
    // Score mode: leaving the last mentee out keeps 3 per pair.
    const score = expectCertified(instance, 'score')
    expect(score.matched).toBe(n - 1)
    expect(score.total).toBe(3 * (n - 1))
  })

  it('keeps fractional scores exact (1e-6 resolution)', () => {
    const instance = inst(
      3,
      [1, 1, 1],
      [
        [0, 0, 0.1],
        [1, 1, 0.2],
        [2, 2, 0.000001],
      ],
    )
    const result = expectCertified(instance, 'score')
    expect(result.totalUnits).toBe(300001)
    expect(result.total).toBe(0.300001)
  })

  it('agrees with munkres on dense square instances', () => {
    const r = rng(99)
    for (const n of [8, 30, 60]) {
      const scores = Array.from({ length: n }, () => Array.from({ length: n }, () => Math.floor(r() * 101)))
      const edges: Array<[number, number, number]> = []
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) edges.push([i, j, scores[i]?.[j] ?? 0])
      const result = expectCertified(inst(n, new Array(n).fill(1), edges), 'participation')
      const costs = scores.map((row) => row.map((s) => 100 - s))
      const reference = munkres(costs).reduce((sum, [i, j]) => sum + (scores[i]?.[j] ?? 0), 0)
      expect(result.matched).toBe(n)
      expect(result.total).toBe(reference)
    }
  })
})

describe('certificates on random medium instances', () => {
  for (const mode of MODES) {
    it(`certifies 40 instances up to 300 × 150 (${mode})`, () => {
      const r = rng(mode === 'score' ? 5 : 3)
      for (let t = 0; t < 40; t++) {
        const mentees = 20 + Math.floor(r() * 280)
        const instance = randomInstance(r, {
          mentees,
          mentors: Math.max(1, Math.floor(mentees * (0.2 + 0.6 * r()))),
          density: 0.01 + 0.1 * r(),
          maxCapacity: 1 + Math.floor(r() * 4),
          maxScore: t % 4 === 0 ? 3 : 100,
          fractional: t % 3 === 0,
        })
        expectCertified(instance, mode)
      }
    })
  }
})

describe('determinism', () => {
  it('same input, same output; edge order does not matter', () => {
    const r = rng(2024)
    const instance = randomInstance(r, {
      mentees: 200,
      mentors: 80,
      density: 0.08,
      maxCapacity: 3,
      maxScore: 5,
    })
    for (const mode of MODES) {
      const a = solve(instance, { mode })
      const b = solve(instance, { mode })
      expect(b.pairs).toEqual(a.pairs)
      expect(Array.from(b.duals.menteePrice)).toEqual(Array.from(a.duals.menteePrice))
      expect(Array.from(b.duals.mentorPrice)).toEqual(Array.from(a.duals.mentorPrice))
      const c = solve(shuffleEdges(instance, r), { mode })
      expect(c.pairs).toEqual(a.pairs)
      expect(c.totalUnits).toBe(a.totalUnits)
    }
  })

  it('accepts typed arrays and plain arrays alike', () => {
    const r = rng(8)
    const plain = randomInstance(r, { mentees: 50, mentors: 20, density: 0.2, maxCapacity: 2, maxScore: 9 })
    const typed: Instance = {
      ...plain,
      capacity: Int32Array.from(plain.capacity),
      edgeMentee: Int32Array.from(plain.edgeMentee),
      edgeMentor: Int32Array.from(plain.edgeMentor),
      edgeScore: Float64Array.from(plain.edgeScore),
    }
    expect(solve(typed).pairs).toEqual(solve(plain).pairs)
  })
})

describe('edge cases', () => {
  it('no mentees, no mentors, no edges', () => {
    for (const mode of MODES) {
      expect(expectCertified(inst(0, [], []), mode).matched).toBe(0)
      expect(expectCertified(inst(0, [1, 2], []), mode).matched).toBe(0)
      expect(expectCertified(inst(3, [], []), mode).matched).toBe(0)
      expect(expectCertified(inst(3, [1, 1], []), mode).total).toBe(0)
    }
  })

  it('zero capacity mentors take nobody', () => {
    const instance = inst(
      2,
      [0, 1],
      [
        [0, 0, 50],
        [1, 0, 40],
        [1, 1, 1],
      ],
    )
    for (const mode of MODES) {
      const result = expectCertified(instance, mode)
      expect(result.pairs).toEqual([[1, 1]])
    }
    expect(expectCertified(inst(2, [0], [[0, 0, 3]]), 'participation').matched).toBe(0)
  })

  it('capacity larger than the number of candidates, and huge capacities', () => {
    const instance = inst(
      3,
      [1_000_000_000],
      [
        [0, 0, 1],
        [1, 0, 2],
        [2, 0, 0],
      ],
    )
    for (const mode of MODES) expect(expectCertified(instance, mode).total).toBe(3)
    expect(expectCertified(instance, 'participation').matched).toBe(3)
  })

  it('all scores zero', () => {
    const r = rng(4)
    const instance = randomInstance(r, {
      mentees: 40,
      mentors: 15,
      density: 0.2,
      maxCapacity: 2,
      maxScore: 0,
    })
    const p = expectCertified(instance, 'participation')
    expect(p.total).toBe(0)
    expect(p.matched).toBe(bruteForceMatched(instance))
    expect(expectCertified(instance, 'score').total).toBe(0)
  })

  it('rejects an unknown mode', () => {
    expect(() => solve(inst(1, [1], [[0, 0, 1]]), { mode: 'fair' as Mode })).toThrow(/mode must be/)
  })
})

/** Maximum cardinality via the participation optimum of an all-equal-score copy (checked by certificate). */
function bruteForceMatched(instance: Instance): number {
  const unit = { ...instance, edgeScore: Array.from(instance.edgeScore, () => 1) }
  return expectCertified(unit, 'score').matched
}
