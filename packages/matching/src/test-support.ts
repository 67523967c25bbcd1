/** Helpers shared by the tests: a seeded RNG, random instances and an exhaustive reference solver. */
import { type Instance, type Mode, scoreUnits } from './instance.ts'
import type { Profile } from './scoring.ts'

/** A participant profile for scoring tests: German native, no preferences, cleared; override what a test needs. */
export function person(over: Partial<Profile> = {}): Profile {
  return {
    languages: [{ code: 'de', level: 'native' }],
    wantsInterpretation: false,
    interests: [],
    sector: null,
    availability: [],
    location: null,
    settlementNeeds: [],
    gender: null,
    genderPreference: null,
    screeningComplete: true,
    capacity: 1,
    ...over,
  }
}

/** mulberry32 */
export function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface RandomOptions {
  mentees: number
  mentors: number
  density: number
  maxCapacity: number
  /** Scores are drawn from 0..maxScore, as integers or (fractional) with 6 decimals. */
  maxScore: number
  fractional?: boolean
}

export function randomInstance(r: () => number, o: RandomOptions): Instance {
  const edgeMentee: number[] = []
  const edgeMentor: number[] = []
  const edgeScore: number[] = []
  for (let i = 0; i < o.mentees; i++) {
    for (let j = 0; j < o.mentors; j++) {
      if (r() >= o.density) continue
      edgeMentee.push(i)
      edgeMentor.push(j)
      const raw = r() * (o.maxScore + (o.fractional ? 0 : 1))
      edgeScore.push(o.fractional ? Math.round(raw * 1e6) / 1e6 : Math.floor(raw))
    }
  }
  const capacity = Array.from({ length: o.mentors }, () => Math.floor(r() * (o.maxCapacity + 1)))
  return { mentees: o.mentees, mentors: o.mentors, capacity, edgeMentee, edgeMentor, edgeScore }
}

/**
 * Exhaustive optimum: every mentee picks one of its feasible mentors or none. Returns the best
 * [matched, total units] in the mode's order (score mode ignores the count but reports it).
 */
export function bruteForce(instance: Instance, mode: Mode): { matched: number; totalUnits: number } {
  const m = instance.mentees
  const rows: Array<Array<[number, number]>> = Array.from({ length: m }, () => [])
  for (let k = 0; k < instance.edgeMentee.length; k++) {
    const row = rows[instance.edgeMentee[k] as number] as Array<[number, number]>
    row.push([instance.edgeMentor[k] as number, scoreUnits(instance.edgeScore[k] as number)])
  }
  const load = new Array<number>(instance.mentors).fill(0)
  let best = { matched: -1, totalUnits: -1 }
  const better = (k: number, s: number): boolean =>
    mode === 'score' ? s > best.totalUnits : k > best.matched || (k === best.matched && s > best.totalUnits)
  const visit = (i: number, k: number, s: number): void => {
    if (i === m) {
      if (better(k, s)) best = { matched: k, totalUnits: s }
      return
    }
    visit(i + 1, k, s)
    for (const [j, w] of rows[i] as Array<[number, number]>) {
      if ((load[j] as number) < (instance.capacity[j] as number)) {
        load[j] = (load[j] as number) + 1
        visit(i + 1, k + 1, s + w)
        load[j] = (load[j] as number) - 1
      }
    }
  }
  visit(0, 0, 0)
  return best
}

/** The same instance with its edges in a different (seeded random) order. */
export function shuffleEdges(instance: Instance, r: () => number): Instance {
  const e = instance.edgeMentee.length
  const order = Array.from({ length: e }, (_, k) => k)
  for (let k = e - 1; k > 0; k--) {
    const t = Math.floor(r() * (k + 1))
    const x = order[k] as number
    order[k] = order[t] as number
    order[t] = x
  }
  return {
    ...instance,
    edgeMentee: order.map((k) => instance.edgeMentee[k] as number),
    edgeMentor: order.map((k) => instance.edgeMentor[k] as number),
    edgeScore: order.map((k) => instance.edgeScore[k] as number),
  }
}

/** Builds an instance from [mentee, mentor, score] triples. */
export function inst(mentees: number, capacity: number[], edges: Array<[number, number, number]>): Instance {
  return {
    mentees,
    mentors: capacity.length,
    capacity,
    edgeMentee: edges.map((e) => e[0]),
    edgeMentor: edges.map((e) => e[1]),
    edgeScore: edges.map((e) => e[2]),
  }
}
