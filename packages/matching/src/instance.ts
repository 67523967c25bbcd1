/**
 * Instances: the public shapes, input validation and the compressed sparse row (CSR) graph the solver uses.
 *
 * Scores are compared in integer "units" of 1e-6 (`SCORE_SCALE`), so every sum and comparison in the solver
 * and in the certificate checker is exact double-precision integer arithmetic.
 */

/** Integer units per score point: scores are exact at a resolution of 1e-6. */
export const SCORE_SCALE = 1_000_000

/**
 * Largest allowed value of `maxScoreUnits × (mentees + mentors + 2)`. Dual prices and search distances are
 * bounded by a path length times the largest score, so this keeps every intermediate value far below 2^53.
 */
export const EXACT_LIMIT = 2 ** 50

export type Mode = 'participation' | 'score'

/**
 * An instance in columnar form (typed arrays recommended; plain arrays work too). Edge `k` says that mentee
 * `edgeMentee[k]` may be paired with mentor `edgeMentor[k]` with score `edgeScore[k]`.
 */
export interface Instance {
  mentees: number
  mentors: number
  capacity: ArrayLike<number>
  edgeMentee: ArrayLike<number>
  edgeMentor: ArrayLike<number>
  edgeScore: ArrayLike<number>
}

/** The JSON file format: `{"mentees": M, "mentors": N, "capacity": [...], "edges": [[mentee, mentor, score], ...]}`. */
export interface InstanceJson {
  mentees: number
  mentors: number
  capacity: number[]
  edges: Array<[number, number, number]>
}

/** Thrown for malformed instances; the message names the offending field or edge. */
export class InstanceError extends Error {
  override name = 'InstanceError'
}

/** A score in integer units (the exact value the solver optimises). */
export function scoreUnits(score: number): number {
  return Math.round(score * SCORE_SCALE)
}

const MAX_INDEX = 2 ** 30

function checkCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_INDEX) {
    throw new InstanceError(`${field} must be an integer between 0 and ${MAX_INDEX} (got ${String(value)})`)
  }
  return value
}

/** Validates the JSON shape and converts it to the columnar form (typed arrays). */
export function fromJson(json: unknown): Instance {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InstanceError('instance must be a JSON object with mentees, mentors, capacity and edges')
  }
  const obj = json as Record<string, unknown>
  const mentees = checkCount(obj.mentees, 'mentees')
  const mentors = checkCount(obj.mentors, 'mentors')
  const cap = obj.capacity
  if (!Array.isArray(cap)) throw new InstanceError('capacity must be an array of non-negative integers')
  const edges = obj.edges
  if (!Array.isArray(edges)) throw new InstanceError('edges must be an array of [mentee, mentor, score]')
  const e = edges.length
  const edgeMentee = new Int32Array(e)
  const edgeMentor = new Int32Array(e)
  const edgeScore = new Float64Array(e)
  for (let k = 0; k < e; k++) {
    const edge: unknown = edges[k]
    if (!Array.isArray(edge) || edge.length !== 3) {
      throw new InstanceError(`edge ${k}: must be an array [mentee, mentor, score]`)
    }
    const [a, b, s] = edge as unknown[]
    if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a >= mentees) {
      throw new InstanceError(`edge ${k}: mentee index ${String(a)} is not an integer in [0, ${mentees})`)
    }
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b >= mentors) {
      throw new InstanceError(`edge ${k}: mentor index ${String(b)} is not an integer in [0, ${mentors})`)
    }
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) {
      throw new InstanceError(`edge ${k}: score must be a finite number >= 0 (got ${String(s)})`)
    }
    edgeMentee[k] = a
    edgeMentor[k] = b
    edgeScore[k] = s
  }
  const capacity = new Int32Array(cap.length)
  for (let j = 0; j < cap.length; j++) {
    const c: unknown = cap[j]
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) {
      throw new InstanceError(`capacity[${j}] must be a non-negative integer (got ${String(c)})`)
    }
    capacity[j] = Math.min(c, MAX_INDEX)
  }
  const instance: Instance = { mentees, mentors, capacity, edgeMentee, edgeMentor, edgeScore }
  buildGraph(instance) // full validation (lengths, duplicates, exactness bound)
  return instance
}

/** Parses the JSON file format (a string or an already parsed value) and validates it. */
export function parseInstance(input: string | unknown): Instance {
  let json: unknown = input
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input)
    } catch (err) {
      throw new InstanceError(`instance is not valid JSON: ${(err as Error).message}`)
    }
  }
  return fromJson(json)
}

/** Converts a columnar instance back to the JSON file format. */
export function toJson(instance: Instance): InstanceJson {
  const edges: Array<[number, number, number]> = []
  for (let k = 0; k < instance.edgeMentee.length; k++) {
    edges.push([instance.edgeMentee[k] ?? 0, instance.edgeMentor[k] ?? 0, instance.edgeScore[k] ?? 0])
  }
  return {
    mentees: instance.mentees,
    mentors: instance.mentors,
    capacity: Array.from(instance.capacity),
    edges,
  }
}

/** Pair weights and dual prices: Int32Array when every value provably fits (see `Graph.small`), else Float64Array. */
export type Numbers = Int32Array | Float64Array

/**
 * Bound on `maxW × (mentees + mentors + 2)` (weights in steps of `unit`) under which the solver keeps weights,
 * prices and distances in Int32Arrays. Prices are potentials of shortest alternating paths: after a search, a
 * node it settled has the price D(x) - D(target), both path lengths at most (m + n) × maxW in absolute value;
 * so prices stay within 2 × (m + n) × maxW, search distances within 8 × (m + n + 2) × maxW, and every stored
 * value below 2^30 (the solver also checks the final prices). Int32 elements are small integers to V8, whereas
 * every Float64Array read boxes a heap number until the optimising compiler has taken over: the first call in a
 * fresh process, which runs mostly unoptimised, is about a quarter faster this way.
 */
const SMALL_LIMIT = 2 ** 27

/**
 * The validated instance as a CSR graph: the feasible mentors of mentee `i` are
 * `col[rowStart[i]] .. col[rowStart[i + 1] - 1]` with weights `w`, each row sorted by decreasing weight, ties by
 * increasing mentor index. The order is canonical (input edge order never changes the result), and it lets the
 * solver stop scanning a row early: prices on the far side of a row are never negative, so a pair's profit is at
 * most its weight, and once the weights fall below what the row already offers, nothing further can matter.
 *
 * Weights are exact integers in steps of `unit` score units: 10^6 when every score is a whole number, 10^4 when
 * every score has at most two decimals (Tandem's scores), else 1. That keeps every number small.
 */
export interface Graph {
  m: number
  n: number
  e: number
  /** min(capacity, degree + 1): at least as strict, and "has spare capacity" is unchanged. */
  cap: Int32Array
  /** Degree of every mentor. */
  deg: Int32Array
  rowStart: Int32Array
  col: Int32Array
  w: Numbers
  /** Score units per weight step (weight × unit = score × SCORE_SCALE). */
  unit: number
  /** Largest weight. */
  maxW: number
  /** maxW × (m + n + 2) <= SMALL_LIMIT: `w` is an Int32Array and the solver may use Int32Arrays for prices. */
  small: boolean
  /** Bytes of the typed arrays kept for solving, and the peak of the temporaries used while building them. */
  bytes: number
  buildBytes: number
}

/** Validates an instance and builds its CSR graph. Throws `InstanceError` with a precise message. */
export function buildGraph(instance: Instance): Graph {
  const m = checkCount(instance.mentees, 'mentees')
  const n = checkCount(instance.mentors, 'mentors')
  const { capacity, edgeMentee, edgeMentor, edgeScore } = instance
  if (capacity.length !== n) {
    throw new InstanceError(`capacity has ${capacity.length} entries but there are ${n} mentors`)
  }
  const e = edgeMentee.length
  if (edgeMentor.length !== e || edgeScore.length !== e) {
    throw new InstanceError('edgeMentee, edgeMentor and edgeScore must have the same length')
  }
  // Rows are sorted through one number per pair, `mentor - weight × 2^bits` (2^bits > every mentor index):
  // ascending keys are decreasing weights, then increasing mentors. The typed array's own sort is native code,
  // fast from the first call, and Int32 keys decode with two bit operations.
  let bits = 0
  while (2 ** bits < n) bits++
  const shift = 2 ** bits
  // Pass 1: validate, count degrees, learn the input's shape and, assuming scores in hundredths (whole numbers
  // or two decimals, checked), write every pair's key at its input position.
  const rowStart = new Int32Array(m + 1)
  const deg = new Int32Array(n)
  const keys = new Int32Array(e)
  const scan = countEdges(edgeMentee, edgeMentor, edgeScore, m, n, rowStart, deg, keys, shift)
  const maxUnits = scoreUnits(scan.maxScore)
  if (maxUnits * (m + n + 2) > EXACT_LIMIT) {
    throw new InstanceError(
      `scores too large for exact arithmetic: max score ${scan.maxScore} × (mentees + mentors + 2) must be at ` +
        `most ${Math.floor(EXACT_LIMIT / SCORE_SCALE)}`,
    )
  }
  const cap = new Int32Array(n)
  for (let j = 0; j < n; j++) {
    const c = capacity[j] as number
    if (!Number.isInteger(c) || c < 0) {
      throw new InstanceError(`capacity[${j}] must be a non-negative integer (got ${c})`)
    }
    cap[j] = Math.min(c, (deg[j] as number) + 1)
  }
  for (let i = 0; i < m; i++) rowStart[i + 1] = (rowStart[i + 1] as number) + (rowStart[i] as number)
  const unit = scan.whole ? SCORE_SCALE : scan.cents ? CENT : 1
  const maxW = maxUnits / unit
  const small = maxW * (m + n + 2) <= SMALL_LIMIT
  let col: Int32Array
  let w: Numbers
  let buildBytes = 0
  if (scan.cents && (maxUnits / CENT + 1) * shift <= 2 ** 31) {
    // The usual case: the keys of pass 1 are exact. Put them in row order (unless the input already is),
    // sort every row, decode in place: the keys become the mentors.
    col = keys
    if (!scan.grouped) {
      col = placeInRows(keys, edgeMentee, rowStart, m, e)
      buildBytes = keys.byteLength + 4 * m
    }
    sortRows(col, rowStart, m)
    w = small ? new Int32Array(e) : new Float64Array(e)
    decodeKeys(col, w, bits, unit / CENT, e)
  } else {
    // Finer (or larger) scores: the same with Float64 keys built from the units. They are exact: weights are at
    // most 2^50 / (m + n + 2) (EXACT_LIMIT) and shift < 2n, so every key stays below 2^51 in magnitude.
    const units = new Float64Array(e)
    const mentor = new Int32Array(e)
    const fill = rowStart.slice(0, m)
    for (let k = 0; k < e; k++) {
      const a = edgeMentee[k] as number
      const p = fill[a] as number
      const b = edgeMentor[k] as number
      mentor[p] = b
      units[p] = b - (scoreUnits(edgeScore[k] as number) / unit) * shift
      fill[a] = p + 1
    }
    buildBytes = (small ? units.byteLength : 0) + fill.byteLength
    col = mentor
    sortRows(units, rowStart, m)
    w = small ? new Int32Array(e) : units
    decodeKeysFloat(units, col, w, shift, e)
  }
  // Rows given in increasing mentor order (the usual case) cannot hold a duplicate pair.
  if (!(scan.grouped && scan.increasing)) {
    buildBytes = Math.max(buildBytes, 4 * n)
    const dup = findDuplicate(rowStart, col, m, n)
    if (dup >= 0) throw duplicateError(instance, dup)
  }
  const bytes = rowStart.byteLength + col.byteLength + w.byteLength + cap.byteLength + deg.byteLength
  return { m, n, e, cap, deg, rowStart, col, w, unit, maxW, small, bytes, buildBytes }
}

/** Score units per hundredth of a point. */
const CENT = 10_000
/** Largest finite number (a module constant: cheaper to read in a loop than `Number.MAX_VALUE`). */
const MAX = Number.MAX_VALUE

interface Scan {
  maxScore: number
  /** Every score is a whole number below 2^31 / has at most two decimals (in units: a multiple of 10^6 / 10^4). */
  whole: boolean
  cents: boolean
  /** Edges grouped by mentee (non-decreasing mentee index). */
  grouped: boolean
  /** ... and strictly increasing mentor index inside every mentee's group. */
  increasing: boolean
}

/**
 * Pass 1: validates every edge, counts row and mentor degrees and writes keys[k] = mentor - hundredths × shift
 * (meaningful when every score has at most two decimals; checked). One plain loop with few operations in a
 * small function: it starts out interpreted, and V8 replaces a long-running loop in a small function with
 * optimised code early (on-stack replacement).
 */
function countEdges(
  edgeMentee: ArrayLike<number>,
  edgeMentor: ArrayLike<number>,
  edgeScore: ArrayLike<number>,
  m: number,
  n: number,
  rowStart: Int32Array,
  deg: Int32Array,
  keys: Int32Array,
  shift: number,
): Scan {
  const e = edgeMentee.length
  let maxScore = 0
  let whole = true
  let cents = true
  let grouped = true
  let increasing = true
  let lastA = 0
  let lastB = -1
  for (let k = 0; k < e; k++) {
    const a = edgeMentee[k] as number
    const b = edgeMentor[k] as number
    const s = edgeScore[k] as number
    // (x >>> 0) === x: an integer in [0, 2^32), which rejects fractions, negatives, NaN and non-numbers.
    if (
      a >>> 0 !== a ||
      a >= m ||
      b >>> 0 !== b ||
      b >= n ||
      typeof s !== 'number' ||
      !(s >= 0 && s <= MAX)
    ) {
      throw edgeError(k, a, b, s, m, n)
    }
    if (s > maxScore) maxScore = s
    // Hundredths of a point. Whole scores (the first test: small integers, no rounding needed) are the
    // common case; otherwise check that the score has at most two decimals.
    let c = s | 0
    if (c === s) {
      c *= 100
    } else {
      whole = false
      c = Math.round(s * 100)
      if (cents && c * CENT !== Math.round(s * SCORE_SCALE)) cents = false
    }
    keys[k] = b - c * shift
    if (a === lastA) {
      if (b <= lastB) increasing = false
    } else if (a < lastA) {
      grouped = false
    }
    lastA = a
    lastB = b
    rowStart[a + 1] = (rowStart[a + 1] as number) + 1
    deg[b] = (deg[b] as number) + 1
  }
  return { maxScore, whole: whole && cents, cents, grouped, increasing }
}

/** The error for edge k, which failed validation (kept out of the loop above, which stays small). */
function edgeError(k: number, a: unknown, b: unknown, s: unknown, m: number, n: number): InstanceError {
  if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a >= m) {
    return new InstanceError(`edge ${k}: mentee index ${a} is not an integer in [0, ${m})`)
  }
  if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b >= n) {
    return new InstanceError(`edge ${k}: mentor index ${b} is not an integer in [0, ${n})`)
  }
  return new InstanceError(`edge ${k}: score must be a finite number >= 0 (got ${s})`)
}

/** Counting sort of the keys into row order (input not grouped by mentee). */
function placeInRows(
  keys: Int32Array,
  edgeMentee: ArrayLike<number>,
  rowStart: Int32Array,
  m: number,
  e: number,
): Int32Array {
  const out = new Int32Array(e)
  const fill = rowStart.slice(0, m)
  for (let k = 0; k < e; k++) {
    const a = edgeMentee[k] as number
    const p = fill[a] as number
    out[p] = keys[k] as number
    fill[a] = p + 1
  }
  return out
}

/** Sorts keys[rowStart[i] .. rowStart[i + 1]) for every row i < m (native typed-array sort). */
export function sortRows(keys: Numbers, rowStart: Int32Array, m: number): void {
  for (let i = 0; i < m; i++) {
    const a = rowStart[i] as number
    const b = rowStart[i + 1] as number
    if (b - a > 1) keys.subarray(a, b).sort()
  }
}

/**
 * Int32 keys → mentors (in place) and weights: key >> bits = -(weight × div), key & (2^bits - 1) = mentor.
 * `div` turns hundredths into the weight's own steps (100 for whole-number scores, else 1).
 */
export function decodeKeys(keys: Int32Array, w: Numbers, bits: number, div: number, e: number): void {
  const mask = 2 ** bits - 1
  for (let p = 0; p < e; p++) {
    const key = keys[p] as number
    w[p] = (0 - (key >> bits)) / div
    keys[p] = key & mask
  }
}

/** Float64 keys → mentors and weights (`w` may be `keys` itself); `shift` is a power of two, so this is exact. */
export function decodeKeysFloat(
  keys: Float64Array,
  col: Int32Array,
  w: Numbers,
  shift: number,
  e: number,
): void {
  for (let p = 0; p < e; p++) {
    const key = keys[p] as number
    const weight = 0 - Math.floor(key / shift) // (0 - x, not -x: no negative zero for weight 0)
    col[p] = key + weight * shift
    w[p] = weight
  }
}

/** The first mentee with the same mentor twice in its row, or -1. */
function findDuplicate(rowStart: Int32Array, col: Int32Array, m: number, n: number): number {
  const stamp = new Int32Array(n)
  for (let i = 0; i < m; i++) {
    const b = rowStart[i + 1] as number
    for (let p = rowStart[i] as number; p < b; p++) {
      const j = col[p] as number
      if (stamp[j] === i + 1) return i
      stamp[j] = i + 1
    }
  }
  return -1
}

/** The error for the first duplicate pair of mentee a (in input order), naming both edges. */
function duplicateError(instance: Instance, a: number): InstanceError {
  const first = new Map<number, number>()
  for (let k = 0; k < instance.edgeMentee.length; k++) {
    if (instance.edgeMentee[k] !== a) continue
    const b = instance.edgeMentor[k] as number
    const seen = first.get(b)
    if (seen !== undefined) {
      return new InstanceError(`edges ${seen} and ${k}: duplicate pair (mentee ${a}, mentor ${b})`)
    }
    first.set(b, k)
  }
  return new InstanceError(`duplicate pair for mentee ${a}`)
}
