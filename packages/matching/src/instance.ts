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

/**
 * The validated instance as a CSR graph: the feasible mentors of mentee `i` are
 * `col[rowStart[i]] .. col[rowStart[i + 1] - 1]`, sorted by mentor index, with scores `w` in integer units.
 * Edge order in the input therefore never changes the result.
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
  w: Float64Array
  maxW: number
  /** Bytes of the typed arrays kept for solving, and of the temporaries used while building them. */
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
  // Pass 1: validate, count degrees, detect input already grouped by mentee (the common case).
  const rowStart = new Int32Array(m + 1)
  const deg = new Int32Array(n)
  const scan = countEdges(edgeMentee, edgeMentor, edgeScore, m, n, rowStart, deg)
  const { maxScore, grouped } = scan
  const maxW = scoreUnits(maxScore)
  if (maxW * (m + n + 2) > EXACT_LIMIT) {
    throw new InstanceError(
      `scores too large for exact arithmetic: max score ${maxScore} × (mentees + mentors + 2) must be at most ` +
        `${Math.floor(EXACT_LIMIT / SCORE_SCALE)}`,
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
  // Pass 2: rows (a stable counting sort by mentee; a plain copy when the input is already grouped).
  const col = new Int32Array(e)
  const w = new Float64Array(e)
  let buildBytes = 0
  if (grouped) {
    col.set(edgeMentor)
    for (let k = 0; k < e; k++) w[k] = Math.round((edgeScore[k] as number) * SCORE_SCALE)
  } else {
    const fill = rowStart.slice(0, m)
    buildBytes = fill.byteLength
    for (let k = 0; k < e; k++) {
      const a = edgeMentee[k] as number
      const p = fill[a] as number
      col[p] = edgeMentor[k] as number
      w[p] = scoreUnits(edgeScore[k] as number)
      fill[a] = p + 1
    }
  }
  // Pass 3: sort every row by mentor (usually already sorted) and reject duplicate pairs.
  for (let i = 0; i < m; i++) {
    const a = rowStart[i] as number
    const b = rowStart[i + 1] as number
    let sorted = true
    for (let p = a + 1; p < b; p++) {
      if ((col[p] as number) <= (col[p - 1] as number)) {
        sorted = false
        break
      }
    }
    if (sorted) continue
    buildBytes = Math.max(buildBytes, 24 * (b - a))
    sortRow(col, w, a, b)
    for (let p = a + 1; p < b; p++) {
      if (col[p] === col[p - 1]) throw duplicateError(instance, i, col[p] as number)
    }
  }
  const bytes = rowStart.byteLength + col.byteLength + w.byteLength + cap.byteLength + deg.byteLength
  return { m, n, e, cap, deg, rowStart, col, w, maxW, bytes, buildBytes }
}

/** Validates every edge and counts row and mentor degrees (a separate function: V8 optimises it early). */
function countEdges(
  edgeMentee: ArrayLike<number>,
  edgeMentor: ArrayLike<number>,
  edgeScore: ArrayLike<number>,
  m: number,
  n: number,
  rowStart: Int32Array,
  deg: Int32Array,
): { maxScore: number; grouped: boolean } {
  const e = edgeMentee.length
  let maxScore = 0
  let grouped = true
  let last = 0
  for (let k = 0; k < e; k++) {
    const a = edgeMentee[k] as number
    const b = edgeMentor[k] as number
    const s = edgeScore[k] as number
    // (x | 0) === x: an integer in int32 range (rejects fractions, NaN, strings); indexes are < 2^30.
    if ((a | 0) !== a || a < 0 || a >= m) {
      throw new InstanceError(`edge ${k}: mentee index ${a} is not an integer in [0, ${m})`)
    }
    if ((b | 0) !== b || b < 0 || b >= n) {
      throw new InstanceError(`edge ${k}: mentor index ${b} is not an integer in [0, ${n})`)
    }
    if (!(s >= 0 && s < Number.POSITIVE_INFINITY) || typeof s !== 'number') {
      throw new InstanceError(`edge ${k}: score must be a finite number >= 0 (got ${s})`)
    }
    if (s > maxScore) maxScore = s
    if (a < last) grouped = false
    last = a
    rowStart[a + 1] = (rowStart[a + 1] as number) + 1
    deg[b] = (deg[b] as number) + 1
  }
  return { maxScore, grouped }
}

/** Sorts col[a..b) ascending, carrying w along. Keys col × 2^22 + offset are exact below 2^52. */
function sortRow(col: Int32Array, w: Float64Array, a: number, b: number): void {
  const len = b - a
  const c = col.slice(a, b)
  const x = w.slice(a, b)
  const order: number[] = []
  if (len < 2 ** 22) {
    const keys = new Float64Array(len)
    for (let t = 0; t < len; t++) keys[t] = (c[t] as number) * 2 ** 22 + t
    keys.sort()
    for (let t = 0; t < len; t++) order.push((keys[t] as number) % 2 ** 22)
  } else {
    for (let t = 0; t < len; t++) order.push(t)
    order.sort((p, q) => (c[p] as number) - (c[q] as number) || p - q)
  }
  for (let t = 0; t < len; t++) {
    const o = order[t] as number
    col[a + t] = c[o] as number
    w[a + t] = x[o] as number
  }
}

function duplicateError(instance: Instance, a: number, b: number): InstanceError {
  const ids: number[] = []
  for (let k = 0; k < instance.edgeMentee.length && ids.length < 2; k++) {
    if (instance.edgeMentee[k] === a && instance.edgeMentor[k] === b) ids.push(k)
  }
  return new InstanceError(`edges ${ids[0]} and ${ids[1]}: duplicate pair (mentee ${a}, mentor ${b})`)
}
