import { describe, expect, it } from 'vitest'
import { checkCertificate } from './certificate.ts'
import { greedy } from './greedy.ts'
import type { Instance } from './instance.ts'
import { type Solution, solve } from './solver.ts'
import { inst, randomInstance, rng } from './test-support.ts'

function clone(s: Solution): Solution {
  return {
    ...s,
    pairs: s.pairs.map((p) => [p[0], p[1]]),
    duals: {
      ...s.duals,
      menteeLevel: s.duals.menteeLevel.slice(),
      mentorLevel: s.duals.mentorLevel.slice(),
      menteePrice: s.duals.menteePrice.slice(),
      mentorPrice: s.duals.mentorPrice.slice(),
    },
  }
}

describe('checkCertificate rejects what is not a certified optimum', () => {
  const instance: Instance = randomInstance(rng(17), {
    mentees: 120,
    mentors: 50,
    density: 0.06,
    maxCapacity: 3,
    maxScore: 100,
  })
  const participation = solve(instance)
  const score = solve(instance, { mode: 'score' })

  it('accepts the solver output', () => {
    expect(checkCertificate(instance, participation).ok).toBe(true)
    expect(checkCertificate(instance, score).ok).toBe(true)
  })

  it('rejects a dropped pair', () => {
    const s = clone(participation)
    s.pairs.pop()
    s.matched--
    const report = checkCertificate(instance, s)
    expect(report.ok).toBe(false)
    expect(report.errors.join('\n')).toMatch(/unmatched but its dual|dual objective/)
  })

  it('rejects a nudged dual price', () => {
    for (const base of [participation, score]) {
      const s = clone(base)
      const [i] = s.pairs[0] as [number, number]
      s.duals.menteePrice[i] = (s.duals.menteePrice[i] as number) + 1
      expect(checkCertificate(instance, s).errors.join('\n')).toMatch(/not tight/)
    }
  })

  it('rejects a swap to another feasible but worse mentor', () => {
    const s = clone(score)
    s.duals.mentorPrice.fill(0)
    expect(checkCertificate(instance, s).ok).toBe(false)
  })

  it('rejects the greedy baseline whatever duals are attached', () => {
    const g = greedy(instance)
    expect(g.total).toBeLessThan(participation.total)
    const s = { ...clone(participation), pairs: g.pairs, matched: g.matched, total: g.total }
    expect(checkCertificate(instance, s).ok).toBe(false)
  })

  it('rejects pairs that are not feasible, overfull mentors and bad totals', () => {
    const tiny = inst(
      2,
      [1, 1],
      [
        [0, 0, 1],
        [1, 1, 1],
      ],
    )
    const s = solve(tiny)
    expect(
      checkCertificate(tiny, {
        ...s,
        pairs: [
          [0, 1],
          [1, 0],
        ],
      }).errors.join('\n'),
    ).toMatch(/not a feasible pair/)
    expect(
      checkCertificate(tiny, {
        ...s,
        pairs: [
          [0, 0],
          [1, 0],
        ],
      }).errors.join('\n'),
    ).toMatch(/capacity 1/)
    expect(checkCertificate(tiny, { ...s, total: 3 }).errors.join('\n')).toMatch(/reported total/)
    expect(checkCertificate(tiny, { ...s, matched: 1 }).errors.join('\n')).toMatch(/matched is 1/)
  })

  it('rejects a certificate issued for the other mode', () => {
    // Score mode leaves mentee 1 out; that is not optimal for participation.
    const small = inst(
      2,
      [1, 1],
      [
        [0, 0, 10],
        [0, 1, 9],
        [1, 0, 0.5],
      ],
    )
    const s = solve(small, { mode: 'score' })
    expect(checkCertificate(small, s).ok).toBe(true)
    expect(checkCertificate(small, { ...s, mode: 'participation' }).ok).toBe(false)
  })
})
