import { describe, expect, it } from 'vitest'
import {
  buildGraph,
  fromJson,
  type Instance,
  InstanceError,
  parseInstance,
  scoreUnits,
  toJson,
} from './instance.ts'
import { solve } from './solver.ts'
import { inst, randomInstance, rng, shuffleEdges } from './test-support.ts'

const ok = {
  mentees: 2,
  mentors: 2,
  capacity: [1, 2],
  edges: [
    [0, 0, 5],
    [1, 1, 2.5],
  ],
}

function rejects(json: unknown, message: RegExp) {
  expect(() => parseInstance(json)).toThrow(InstanceError)
  expect(() => parseInstance(json)).toThrow(message)
}

describe('parseInstance', () => {
  it('parses the JSON file format (string or value) into typed arrays', () => {
    const a = parseInstance(JSON.stringify(ok))
    expect(a.mentees).toBe(2)
    expect(a.edgeMentee).toBeInstanceOf(Int32Array)
    expect(Array.from(a.edgeScore)).toEqual([5, 2.5])
    expect(toJson(parseInstance(ok))).toEqual(ok)
  })

  it('rejects malformed JSON and shapes', () => {
    rejects('{"mentees": 1,', /not valid JSON/)
    rejects([], /must be a JSON object/)
    rejects({ ...ok, mentees: -1 }, /mentees must be an integer/)
    rejects({ ...ok, mentors: 1.5 }, /mentors must be an integer/)
    rejects({ ...ok, capacity: 'x' }, /capacity must be an array/)
    rejects({ ...ok, edges: {} }, /edges must be an array/)
    rejects({ ...ok, edges: [[0, 0]] }, /edge 0: must be an array \[mentee, mentor, score\]/)
  })

  it('rejects bad indexes', () => {
    rejects({ ...ok, edges: [[2, 0, 1]] }, /edge 0: mentee index 2 is not an integer in \[0, 2\)/)
    rejects(
      {
        ...ok,
        edges: [
          [0, 0, 1],
          [-1, 0, 1],
        ],
      },
      /edge 1: mentee index -1/,
    )
    rejects({ ...ok, edges: [[0.5, 0, 1]] }, /edge 0: mentee index 0.5/)
    rejects({ ...ok, edges: [[0, 2, 1]] }, /edge 0: mentor index 2 is not an integer in \[0, 2\)/)
    rejects({ ...ok, edges: [[0, '1', 1]] }, /edge 0: mentor index 1/)
  })

  it('rejects negative and non-finite scores', () => {
    rejects({ ...ok, edges: [[0, 0, -0.5]] }, /edge 0: score must be a finite number >= 0 \(got -0.5\)/)
    rejects({ ...ok, edges: [[0, 0, null]] }, /score must be a finite number/)
    rejects({ ...ok, edges: [[0, 0, '3']] }, /score must be a finite number/)
    expect(() => solve(inst(1, [1], [[0, 0, Number.NaN]]))).toThrow(
      /score must be a finite number >= 0 \(got NaN\)/,
    )
    expect(() => solve(inst(1, [1], [[0, 0, Number.POSITIVE_INFINITY]]))).toThrow(/got Infinity/)
  })

  it('rejects duplicate pairs, naming both edges', () => {
    rejects(
      {
        ...ok,
        edges: [
          [0, 0, 1],
          [1, 1, 1],
          [0, 0, 2],
        ],
      },
      /edges 0 and 2: duplicate pair \(mentee 0, mentor 0\)/,
    )
    // also when the duplicate is out of order inside an unsorted row
    rejects(
      {
        ...ok,
        edges: [
          [0, 1, 1],
          [0, 0, 1],
          [0, 1, 3],
        ],
      },
      /edges 0 and 2: duplicate pair \(mentee 0, mentor 1\)/,
    )
  })

  it('rejects bad capacities', () => {
    rejects({ ...ok, capacity: [1, -1] }, /capacity\[1\] must be a non-negative integer \(got -1\)/)
    rejects({ ...ok, capacity: [1, 1.5] }, /capacity\[1\] must be a non-negative integer/)
    rejects({ ...ok, capacity: [1] }, /capacity has 1 entries but there are 2 mentors/)
  })

  it('rejects scores too large for exact arithmetic', () => {
    rejects({ ...ok, edges: [[0, 0, 1e12]] }, /scores too large for exact arithmetic/)
  })

  it('validates columnar instances too', () => {
    expect(() =>
      solve({ mentees: 1, mentors: 1, capacity: [1], edgeMentee: [0], edgeMentor: [0, 0], edgeScore: [1] }),
    ).toThrow(/same length/)
    expect(() => fromJson({ mentees: 1, mentors: 1, capacity: [1], edges: [[0, 0, 1]] })).not.toThrow()
  })
})

describe('buildGraph', () => {
  /** The graph's rows as [mentor, score units] lists. */
  function rows(instance: Instance): Array<Array<[number, number]>> {
    const g = buildGraph(instance)
    return Array.from({ length: g.m }, (_, i) => {
      const row: Array<[number, number]> = []
      for (let p = g.rowStart[i] as number; p < (g.rowStart[i + 1] as number); p++) {
        row.push([g.col[p] as number, (g.w[p] as number) * g.unit])
      }
      return row
    })
  }

  it('sorts every row by decreasing score, then mentor, whatever the input order', () => {
    const r = rng(31)
    for (const fractional of [false, true]) {
      const instance = randomInstance(r, {
        mentees: 40,
        mentors: 30,
        density: 0.3,
        maxCapacity: 2,
        maxScore: 6,
        fractional,
      })
      const expected = Array.from({ length: 40 }, () => [] as Array<[number, number]>)
      for (let k = 0; k < instance.edgeMentee.length; k++) {
        const row = expected[instance.edgeMentee[k] as number] as Array<[number, number]>
        row.push([instance.edgeMentor[k] as number, scoreUnits(instance.edgeScore[k] as number)])
      }
      for (const row of expected) row.sort((a, b) => b[1] - a[1] || a[0] - b[0])
      expect(rows(instance)).toEqual(expected)
      expect(rows(shuffleEdges(instance, r))).toEqual(expected)
    }
  })

  it('keeps weights in the coarsest exact steps: points, hundredths or units', () => {
    const scores = (edgeScore: number[]): Instance => ({
      mentees: 1,
      mentors: edgeScore.length,
      capacity: edgeScore.map(() => 1),
      edgeMentee: edgeScore.map(() => 0),
      edgeMentor: edgeScore.map((_, j) => j),
      edgeScore,
    })
    expect(buildGraph(scores([0, 3, 100])).unit).toBe(1_000_000)
    expect(buildGraph(scores([0, 3, 0.29, 99.99])).unit).toBe(10_000)
    expect(buildGraph(scores([3, 0.125])).unit).toBe(1)
    for (const list of [
      [0, 3, 100],
      [0.29, 99.99, 3],
      [0.125, 2.000001, 7],
    ]) {
      const expected = list.map((x, j) => [j, scoreUnits(x)] as [number, number]).sort((a, b) => b[1] - a[1])
      expect(rows(scores(list))).toEqual([expected])
    }
  })

  it('uses Int32Arrays only while every price provably fits', () => {
    const r = rng(5)
    const instance = randomInstance(r, {
      mentees: 30,
      mentors: 20,
      density: 0.3,
      maxCapacity: 2,
      maxScore: 100,
    })
    const g = buildGraph(instance)
    expect(g.small).toBe(true)
    expect(g.w).toBeInstanceOf(Int32Array)
    // 2,000-point scores in hundredths with 700 people exceed the Int32 bound (instance.ts, SMALL_LIMIT).
    const big = randomInstance(r, {
      mentees: 400,
      mentors: 300,
      density: 0.02,
      maxCapacity: 2,
      maxScore: 2000,
    })
    const large = { ...big, edgeScore: Array.from(big.edgeScore, (x) => x + 0.25) }
    const h = buildGraph(large)
    expect(h.unit).toBe(10_000)
    expect(h.small).toBe(false)
    expect(h.w).toBeInstanceOf(Float64Array)
  })

  it('finds duplicate pairs in input not grouped by mentee', () => {
    rejects(
      {
        ...ok,
        edges: [
          [1, 0, 1],
          [0, 0, 1],
          [1, 0, 2],
        ],
      },
      /edges 0 and 2: duplicate pair \(mentee 1, mentor 0\)/,
    )
  })
})
