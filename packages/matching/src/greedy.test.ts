import { describe, expect, it } from 'vitest'
import { greedy } from './greedy.ts'
import { solve } from './solver.ts'
import { inst, randomInstance, rng } from './test-support.ts'

describe('greedy baseline', () => {
  it('takes pairs by decreasing score, respecting capacity', () => {
    const instance = inst(
      3,
      [1, 1],
      [
        [0, 0, 10],
        [0, 1, 9],
        [1, 0, 8],
        [2, 1, 1],
      ],
    )
    // 10 first (0–0), then mentee 0 is taken, 8 needs mentor 0 (full), 1 fits (2–1).
    expect(greedy(instance)).toEqual({
      pairs: [
        [0, 0],
        [2, 1],
      ],
      matched: 2,
      total: 11,
    })
  })

  it('breaks ties by mentee then mentor index and never beats the exact solver', () => {
    const tie = inst(
      2,
      [1],
      [
        [1, 0, 5],
        [0, 0, 5],
      ],
    )
    expect(greedy(tie).pairs).toEqual([[0, 0]])
    const r = rng(5)
    for (let t = 0; t < 30; t++) {
      const instance = randomInstance(r, {
        mentees: 60,
        mentors: 25,
        density: 0.1,
        maxCapacity: 3,
        maxScore: 50,
      })
      const g = greedy(instance)
      const p = solve(instance)
      const s = solve(instance, { mode: 'score' })
      expect(g.matched).toBeLessThanOrEqual(p.matched)
      expect(g.total).toBeLessThanOrEqual(s.total)
    }
  })
})
