import { describe, expect, it } from 'vitest'
import { fromJson, InstanceError, parseInstance, toJson } from './instance.ts'
import { solve } from './solver.ts'
import { inst } from './test-support.ts'

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
