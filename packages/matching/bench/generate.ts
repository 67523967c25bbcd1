/**
 * Seeded generator of realistic matching pools for the benchmark.
 *
 * People live in neighbourhood clusters of a 24 km × 24 km city. Every mentor speaks the local language;
 * some also speak one or two languages of the newcomer communities. Newcomers speak their home language
 * (community sizes follow a Zipf law) and about 45% also speak the local language. A pair is feasible when
 * they share a language and live within the travel radius. Scores are integers 0–100 from shared interests,
 * same professional sector, availability overlap, proximity and language comfort. Mentor capacities are 1–3.
 */
import type { Instance } from '../src/index.ts'

export interface GenerateOptions {
  mentees: number
  mentors: number
  seed: number
  /** Travel radius in km; tunes the density (the bench uses 3.2 km for 2,000 × 1,000 and 2.76 km for 10,000 × 5,000). */
  radiusKm: number
}

/** mulberry32: small, fast, deterministic. */
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

const LANGUAGES = 12 // language 0 is the local language
const NEIGHBOURHOODS = 14
const INTERESTS = 16
const SECTORS = 10
const CITY_KM = 24

interface People {
  x: Float64Array
  y: Float64Array
  langs: Int32Array // bit mask
  fluentLocal: Uint8Array // 1 when level >= B2 in the local language
  interests: Int32Array // bit mask
  sector: Int32Array
  slots: Int32Array // 14 weekly half-day slots, bit mask
}

function pickZipf(r: () => number, weights: number[], total: number): number {
  let t = r() * total
  for (let k = 0; k < weights.length; k++) {
    t -= weights[k] as number
    if (t <= 0) return k
  }
  return weights.length - 1
}

function popcount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555)
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

function people(r: () => number, count: number, mentor: boolean, centres: Float64Array): People {
  const p: People = {
    x: new Float64Array(count),
    y: new Float64Array(count),
    langs: new Int32Array(count),
    fluentLocal: new Uint8Array(count),
    interests: new Int32Array(count),
    sector: new Int32Array(count),
    slots: new Int32Array(count),
  }
  const weights = Array.from({ length: LANGUAGES - 1 }, (_, k) => 1 / (k + 1))
  const total = weights.reduce((a, b) => a + b, 0)
  for (let k = 0; k < count; k++) {
    const c = Math.floor(r() * NEIGHBOURHOODS)
    // Box–Muller around the neighbourhood centre, sigma 1.6 km.
    const rad = Math.sqrt(-2 * Math.log(1 - r())) * 1.6
    const ang = 2 * Math.PI * r()
    p.x[k] = (centres[2 * c] as number) + rad * Math.cos(ang)
    p.y[k] = (centres[2 * c + 1] as number) + rad * Math.sin(ang)
    let langs = 0
    if (mentor) {
      langs = 1
      p.fluentLocal[k] = 1
      if (r() < 0.35) langs |= 1 << (1 + pickZipf(r, weights, total))
      if (r() < 0.1) langs |= 1 << (1 + pickZipf(r, weights, total))
    } else {
      langs = 1 << (1 + pickZipf(r, weights, total))
      if (r() < 0.45) {
        langs |= 1
        p.fluentLocal[k] = r() < 0.4 ? 1 : 0
      }
    }
    p.langs[k] = langs
    let interests = 0
    while (popcount(interests) < 3) interests |= 1 << Math.floor(r() * INTERESTS)
    p.interests[k] = interests
    p.sector[k] = Math.floor(r() * SECTORS)
    let slots = 0
    const want = 3 + Math.floor(r() * 5)
    while (popcount(slots) < want) slots |= 1 << Math.floor(r() * 14)
    p.slots[k] = slots
  }
  return p
}

/** Generates an instance with typed arrays (no JSON on the way, as a Worker would build it). */
export function generate(opts: GenerateOptions): Instance {
  const { mentees: m, mentors: n, seed, radiusKm } = opts
  const r = rng(seed)
  const centres = new Float64Array(2 * NEIGHBOURHOODS)
  for (let k = 0; k < 2 * NEIGHBOURHOODS; k++) centres[k] = 3 + r() * (CITY_KM - 6)
  const a = people(r, m, false, centres)
  const b = people(r, n, true, centres)
  const capacity = new Int32Array(n)
  for (let j = 0; j < n; j++) capacity[j] = 1 + Math.floor(r() * 3)
  let size = 1 << 16
  let edgeMentee = new Int32Array(size)
  let edgeMentor = new Int32Array(size)
  let edgeScore = new Float64Array(size)
  let e = 0
  const r2 = radiusKm * radiusKm
  for (let i = 0; i < m; i++) {
    const xi = a.x[i] as number
    const yi = a.y[i] as number
    const li = a.langs[i] as number
    for (let j = 0; j < n; j++) {
      const shared = li & (b.langs[j] as number)
      if (shared === 0) continue
      const dx = xi - (b.x[j] as number)
      const dy = yi - (b.y[j] as number)
      const d2 = dx * dx + dy * dy
      if (d2 > r2) continue
      let score = 10 * popcount((a.interests[i] as number) & (b.interests[j] as number))
      if (a.sector[i] === b.sector[j]) score += 15
      score += Math.min(25, 5 * popcount((a.slots[i] as number) & (b.slots[j] as number)))
      score += Math.round(15 * (1 - Math.sqrt(d2) / radiusKm))
      // Language comfort: the newcomer's home language, or fluent local language.
      if (shared !== 1 || a.fluentLocal[i] === 1) score += 15
      else score += 5
      if (e === size) {
        size *= 2
        const nm = new Int32Array(size)
        nm.set(edgeMentee)
        edgeMentee = nm
        const nn = new Int32Array(size)
        nn.set(edgeMentor)
        edgeMentor = nn
        const ns = new Float64Array(size)
        ns.set(edgeScore)
        edgeScore = ns
      }
      edgeMentee[e] = i
      edgeMentor[e] = j
      edgeScore[e] = Math.min(100, score)
      e++
    }
  }
  return {
    mentees: m,
    mentors: n,
    capacity,
    edgeMentee: edgeMentee.slice(0, e),
    edgeMentor: edgeMentor.slice(0, e),
    edgeScore: edgeScore.slice(0, e),
  }
}

/** Dense square instance (every pair feasible, scores 0–100 with two decimals), for the `munkres` reference. */
export function generateDense(size: number, seed: number): Instance {
  const r = rng(seed)
  const e = size * size
  const edgeMentee = new Int32Array(e)
  const edgeMentor = new Int32Array(e)
  const edgeScore = new Float64Array(e)
  for (let i = 0, k = 0; i < size; i++) {
    for (let j = 0; j < size; j++, k++) {
      edgeMentee[k] = i
      edgeMentor[k] = j
      edgeScore[k] = Math.floor(r() * 10001) / 100
    }
  }
  return {
    mentees: size,
    mentors: size,
    capacity: new Int32Array(size).fill(1),
    edgeMentee,
    edgeMentor,
    edgeScore,
  }
}
