/**
 * Candidate search for a whole pool: which (mentee, mentor) pairs are feasible and how good each is, without
 * scoring all M × N pairs, cut to a pair budget that bounds the solver's memory; and, for mentees left without
 * any feasible mentor, the dominant reason why. Pure: no I/O, no clock, no randomness; the result is exactly
 * the feasible pairs `buildInstance` finds by scoring every pair (below the budget).
 *
 * pool → `feasiblePairs` → `Instance` for `solve` → `explainUnmatched` for the mentees it left out.
 */
import type { Instance } from './instance.ts'
import {
  assessPair,
  buildPreparedInstance,
  type PairContext,
  type PreparedProfile,
  type Profile,
  type ProgramSettings,
  prepareProfile,
  primaryLanguage,
} from './scoring.ts'

/**
 * Upper bound on the pairs given to the solver: 16 bytes each as input, ~12 more in the solver and ~24 in the
 * greedy baseline — ~80 MB at the budget, inside a Worker's 128 MB with the pool's profiles.
 */
export const EDGE_BUDGET = 2_000_000
/** A mentee keeps at least this many of their best feasible mentors whatever the budget. */
export const MIN_CANDIDATES_PER_MENTEE = 100
/** Evaluated pairs between progress reports while scoring (~0.3–0.7 s of work on the benchmark machine). */
export const PROGRESS_PAIRS = 1_000_000

/** A program's pool as the candidate search reads it: people by index, in the order ties are broken. */
export interface CandidatePool {
  settings: ProgramSettings
  mentees: Profile[]
  /** `capacity` is the number of places still free. */
  mentors: Profile[]
  /** Pair contexts (declined before, excluded), keyed by `menteeIndex * mentors.length + mentorIndex`. */
  context: ReadonlyMap<number, PairContext>
}

export interface CandidateOptions {
  /** At most this many pairs are kept (default `EDGE_BUDGET`). */
  edgeBudget?: number
  /** …but every mentee keeps at least this many of their best (default `MIN_CANDIDATES_PER_MENTEE`). */
  floor?: number
  /** Evaluated pairs between two `onProgress` calls (default `PROGRESS_PAIRS`). */
  progressPairs?: number
  /**
   * Called with the share of mentees scored so far, about every `progressPairs` evaluated pairs; scoring
   * waits for it. Besides reporting, the pause lets the isolate answer other requests (such as the board's
   * progress polls) during a long run.
   */
  onProgress?: (share: number) => Promise<void>
}

export interface Candidates {
  instance: Instance
  /** Pairs the engine evaluated (block × candidate mentors). */
  assessedPairs: number
  /** Mentees whose options were cut to the best ones because the pool exceeded the pair budget. */
  cappedMentees: number
}

/** Why a mentee stayed unmatched: a hard constraint the engine checks, or no mentors / no place left. */
export type UnmatchedReason =
  | 'no_mentors'
  | 'no_capacity'
  | 'no_shared_language'
  | 'too_far'
  | 'availability'
  | 'safeguarding_gender'
  | 'rejected_before'
  | 'excluded'
  | 'screening_incomplete'

type Edges = { edgeMentee: Int32Array; edgeMentor: Int32Array; edgeScore: Float64Array }

const SHIFT = 18
const CHUNK = 1 << SHIFT
const MASK = CHUNK - 1

interface Chunk {
  mentee: Int32Array
  mentor: Int32Array
  score: Float64Array
}

/**
 * The pairs, mentee by mentee, in typed chunks of 2^18 (no growing copies); `trim` cuts options in place,
 * `take` copies them once into exact-size arrays for the solver, releasing each chunk as it goes.
 */
class EdgeList {
  private chunks: Chunk[] = []
  length = 0

  push(i: number, j: number, score: number) {
    const c = this.length >> SHIFT
    if (c === this.chunks.length) {
      this.chunks.push({
        mentee: new Int32Array(CHUNK),
        mentor: new Int32Array(CHUNK),
        score: new Float64Array(CHUNK),
      })
    }
    this.write(this.length, i, j, score)
    this.length++
  }

  private write(k: number, i: number, j: number, score: number) {
    const c = this.chunks[k >> SHIFT] as Chunk
    c.mentee[k & MASK] = i
    c.mentor[k & MASK] = j
    c.score[k & MASK] = score
  }

  menteeAt = (k: number) => (this.chunks[k >> SHIFT] as Chunk).mentee[k & MASK] as number
  mentorAt = (k: number) => (this.chunks[k >> SHIFT] as Chunk).mentor[k & MASK] as number
  scoreAt = (k: number) => (this.chunks[k >> SHIFT] as Chunk).score[k & MASK] as number

  /** Options per mentee. */
  counts(m: number): Int32Array {
    const options = new Int32Array(m)
    for (let k = 0; k < this.length; k++) {
      const i = this.menteeAt(k)
      options[i] = (options[i] as number) + 1
    }
    return options
  }

  /** Every mentee keeps at most `limit` options, the best ones; in place. Returns the mentees cut. */
  trim(limit: number): number[] {
    const cut: number[] = []
    let out = 0
    for (let start = 0; start < this.length; ) {
      const i = this.menteeAt(start)
      let end = start
      while (end < this.length && this.menteeAt(end) === i) end++
      const kept = best(this.mentorAt, this.scoreAt, start, end, limit)
      if (kept.length < end - start) cut.push(i)
      const pairs = kept.map((k) => [this.mentorAt(k), this.scoreAt(k)] as const)
      for (const [j, score] of pairs) this.write(out++, i, j, score)
      start = end
    }
    this.length = out
    this.chunks.length = Math.ceil(out / CHUNK)
    return cut
  }

  /** Exact-size arrays; each chunk is released as soon as it is copied. */
  take(): Edges {
    const edgeMentee = new Int32Array(this.length)
    const edgeMentor = new Int32Array(this.length)
    const edgeScore = new Float64Array(this.length)
    const chunks = this.chunks
    this.chunks = []
    for (let at = 0, chunk = chunks.shift(); chunk; at += CHUNK, chunk = chunks.shift()) {
      const n = Math.min(CHUNK, this.length - at)
      edgeMentee.set(chunk.mentee.subarray(0, n), at)
      edgeMentor.set(chunk.mentor.subarray(0, n), at)
      edgeScore.set(chunk.score.subarray(0, n), at)
    }
    this.length = 0
    return { edgeMentee, edgeMentor, edgeScore }
  }
}

/** Positions from..to-1 of one mentee's pairs: at most `limit`, the best (score, then mentor index), in order. */
function best(
  mentorAt: (k: number) => number,
  scoreAt: (k: number) => number,
  from: number,
  to: number,
  limit: number,
): number[] {
  const order = Array.from({ length: to - from }, (_, k) => from + k)
  if (order.length <= limit) return order
  order.sort((x, y) => scoreAt(y) - scoreAt(x) || mentorAt(x) - mentorAt(y))
  return order.slice(0, limit).sort((x, y) => x - y)
}

/** The largest K ≥ floor with Σ min(options_i, K) ≤ budget (floor when even that is over). */
function optionLimit(options: Int32Array, budget: number, floor: number): number {
  const total = (cap: number) => options.reduce((sum, c) => sum + Math.min(c, cap), 0)
  let lo = floor
  let hi = options.reduce((a, b) => Math.max(a, b), floor)
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (total(mid) <= budget) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Mentees per call of the engine's `buildPreparedInstance` (bounds the plain arrays it builds). */
const BLOCK = 256
const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180

const languagesOf = (p: Profile) => [...new Set(p.languages.map((l) => primaryLanguage(l.code)))]

/**
 * Cells of a grid with sides a little longer than the distance limit, over an equirectangular projection whose
 * east–west scale is the one at the pool's most polar latitude — so a projected distance never exceeds the true
 * one, and every pair within the limit lies in the same or a neighbouring cell. Off (one cell for everyone)
 * without a limit, without locations, or for pools spanning half the globe.
 */
function grid(people: Profile[], maxKm: number | null) {
  let maxLat = 0
  let minLon = Number.POSITIVE_INFINITY
  let maxLon = Number.NEGATIVE_INFINITY
  for (const p of people) {
    if (!p.location) continue
    maxLat = Math.max(maxLat, Math.abs(p.location.lat))
    minLon = Math.min(minLon, p.location.lon)
    maxLon = Math.max(maxLon, p.location.lon)
  }
  if (maxKm === null || minLon > maxLon || maxLon - minLon > 180 || maxLat > 89) return null
  const side = maxKm * 1.01 + 0.05
  const xScale = KM_PER_DEGREE * Math.cos((maxLat * Math.PI) / 180)
  return (loc: { lat: number; lon: number }) =>
    [Math.floor((loc.lat * KM_PER_DEGREE) / side), Math.floor((loc.lon * xScale) / side)] as const
}

/**
 * The feasible pairs with their scores, without evaluating all M × N pairs:
 * 1. an index (grid cell, language primary subtag) → mentors; mentors without a location sit in every cell;
 * 2. mentees are grouped into blocks — by grid cell when located, by language set otherwise; a block's candidate
 *    mentors are those of its and the 8 neighbouring cells (all cells for mentees without a location) who speak
 *    a usable language of one of its mentees (every mentor there when someone wants interpretation and the
 *    program offers it; mentors who want interpretation join every block of their cells);
 * 3. the engine's `buildPreparedInstance` scores each block × its candidates with `scorePrepared` (a pair stops
 *    at the first failing constraint, no explanation is built; each person is prepared once) and keeps the
 *    feasible pairs;
 * 4. over the pair budget, the mentees with the most options keep only their best (the largest K with
 *    Σ min(options, K) ≤ budget), which bounds the solver's memory; below it nothing is cut. Collection itself
 *    stops growing at 1.5 × the budget: the cut is then made early and later mentees keep at most K.
 * The solver is exact on the pairs kept; a cut only drops a mentee's least good options beyond the K best.
 */
export async function feasiblePairs(
  pool: CandidatePool,
  {
    edgeBudget = EDGE_BUDGET,
    floor = MIN_CANDIDATES_PER_MENTEE,
    onProgress,
    progressPairs = PROGRESS_PAIRS,
  }: CandidateOptions = {},
): Promise<Candidates> {
  const { mentees, mentors, settings } = pool
  const m = mentees.length
  const n = mentors.length
  const interpret = settings.interpretationAvailable
  const cellOf = grid([...mentees, ...mentors], settings.maxDistanceKm)
  const key = (cell: readonly [number, number] | null) => (cell ? `${cell[0]}:${cell[1]}` : '*')

  // (cell, language) → mentors; cell '*' holds mentors without a location (or everyone when the grid is off).
  const index = new Map<string, Map<string, number[]>>()
  const interpreters = new Map<string, number[]>()
  const add = <K, T>(map: Map<K, T[]>, k: K, v: T) => {
    const list = map.get(k)
    if (list) list.push(v)
    else map.set(k, [v])
  }
  const allCells: string[] = []
  for (let j = 0; j < n; j++) {
    const b = mentors[j] as Profile
    const cell = key(cellOf && b.location ? cellOf(b.location) : null)
    let byLanguage = index.get(cell)
    if (!byLanguage) {
      byLanguage = new Map()
      index.set(cell, byLanguage)
      allCells.push(cell)
    }
    for (const language of languagesOf(b)) add(byLanguage, language, j)
    if (interpret && b.wantsInterpretation) add(interpreters, cell, j)
  }

  // Blocks of mentees, in pool order.
  const blocks = new Map<string, number[]>()
  for (let i = 0; i < m; i++) {
    const a = mentees[i] as Profile
    const located = cellOf && a.location ? key(cellOf(a.location)) : null
    add(blocks, located ? `cell ${located}` : `lang ${languagesOf(a).sort().join(',')}`, i)
  }

  const contexts = new Map<number, [number, PairContext][]>()
  for (const [k, ctx] of pool.context) add(contexts, Math.floor(k / n), [k % n, ctx] as [number, PairContext])

  // Pairs are collected up to 1.5 × the budget; past that, everyone's options are cut to the largest common
  // limit that fits the budget, and later mentees keep at most that many. At the end the budget is applied.
  const edges = new EdgeList()
  const capped = new Uint8Array(m)
  let perMentee = Number.POSITIVE_INFINITY
  const fit = () => {
    perMentee = optionLimit(edges.counts(m), edgeBudget, floor)
    for (const i of edges.trim(perMentee)) capped[i] = 1
  }
  // Each person is prepared (lists normalised, availability parsed) once, not once per block.
  const preparedMentees: (PreparedProfile | undefined)[] = new Array(m)
  const preparedMentors: (PreparedProfile | undefined)[] = new Array(n)
  const preparedMentee = (i: number) => (preparedMentees[i] ??= prepareProfile(mentees[i] as Profile))
  const preparedMentor = (j: number) => (preparedMentors[j] ??= prepareProfile(mentors[j] as Profile))
  const seen = new Int32Array(n).fill(-1)
  const local = new Int32Array(n)
  let stamp = 0
  let assessed = 0
  let reported = 0
  let scoredMentees = 0
  for (const [blockKey, members] of blocks) {
    const cells = blockKey.startsWith('cell ')
      ? neighbours(blockKey.slice(5)).filter((c) => index.has(c) || interpreters.has(c))
      : [...allCells]
    if (!cells.includes('*') && index.has('*')) cells.push('*')
    for (let from = 0; from < members.length; from += BLOCK) {
      const part = members.slice(from, from + BLOCK)
      const languages = new Set(part.flatMap((i) => languagesOf(mentees[i] as Profile)))
      const everyone = interpret && part.some((i) => (mentees[i] as Profile).wantsInterpretation)
      stamp++
      const candidates: number[] = []
      const take = (list: number[] | undefined) => {
        if (!list) return
        for (const j of list) {
          if (seen[j] === stamp) continue
          seen[j] = stamp
          candidates.push(j)
        }
      }
      for (const cell of cells) {
        const byLanguage = index.get(cell)
        if (byLanguage) {
          if (everyone) for (const list of byLanguage.values()) take(list)
          else for (const language of languages) take(byLanguage.get(language))
        }
        take(interpreters.get(cell))
      }
      if (candidates.length === 0) continue
      candidates.sort((x, y) => x - y)
      candidates.forEach((j, lj) => {
        local[j] = lj
      })
      // Decisions on pairs of this block, keyed by local mentee × candidate count + local candidate.
      const width = candidates.length
      let pairContext: Map<number, PairContext> | undefined
      part.forEach((i, li) => {
        for (const [j, ctx] of contexts.get(i) ?? []) {
          if (seen[j] !== stamp) continue
          pairContext ??= new Map()
          pairContext.set(li * width + (local[j] as number), ctx)
        }
      })
      const built = buildPreparedInstance(
        part.map(preparedMentee),
        candidates.map(preparedMentor),
        settings,
        pairContext ? (li, lj) => pairContext?.get(li * width + lj) : undefined,
      )
      assessed += part.length * candidates.length
      scoredMentees += part.length
      if (onProgress && assessed - reported >= progressPairs) {
        reported = assessed
        await onProgress(scoredMentees / m)
      }
      const { edgeMentee, edgeMentor, edgeScore } = built
      if (edges.length + edgeMentee.length > 1.5 * edgeBudget) fit()
      const mentorAt = (k: number) => edgeMentor[k] as number
      const scoreAt = (k: number) => edgeScore[k] as number
      for (let start = 0; start < edgeMentee.length; ) {
        const li = edgeMentee[start] as number
        let end = start
        while (end < edgeMentee.length && edgeMentee[end] === li) end++
        const i = part[li] as number
        if (end - start > perMentee) capped[i] = 1
        for (const k of best(mentorAt, scoreAt, start, end, perMentee)) {
          edges.push(i, candidates[edgeMentor[k] as number] as number, edgeScore[k] as number)
        }
        start = end
      }
    }
  }
  if (edges.length > edgeBudget) fit()
  return {
    instance: {
      mentees: m,
      mentors: n,
      capacity: Int32Array.from(mentors, (b) => b.capacity),
      ...edges.take(),
    },
    assessedPairs: assessed,
    cappedMentees: capped.reduce((sum, c) => sum + c, 0),
  }
}

function neighbours(cell: string): string[] {
  const [y, x] = cell.split(':').map(Number) as [number, number]
  const out: string[] = []
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) out.push(`${y + dy}:${x + dx}`)
  return out
}

/** Reasons a pair failed, in the engine's constraint order (ties for the dominant reason go to the first). */
const FAILURES = [
  'excluded',
  'rejected_before',
  'screening_incomplete',
  'safeguarding_gender',
  'too_far',
  'availability',
] as const

/**
 * Why each given mentee (none of whom had a feasible mentor) stayed unmatched: no mentors at all; no mentor with
 * a usable shared language (or an interpreter); otherwise the constraint most of their language candidates
 * failed, by the engine's `assessPair`.
 */
export function diagnose(pool: CandidatePool, menteeIndexes: number[]): Map<number, UnmatchedReason> {
  const { mentees, mentors, settings, context } = pool
  const n = mentors.length
  const out = new Map<number, UnmatchedReason>()
  if (menteeIndexes.length === 0) return out
  const byLanguage = new Map<string, number[]>()
  const interpreters: number[] = []
  mentors.forEach((b, j) => {
    for (const language of languagesOf(b)) {
      const list = byLanguage.get(language)
      if (list) list.push(j)
      else byLanguage.set(language, [j])
    }
    if (settings.interpretationAvailable && b.wantsInterpretation) interpreters.push(j)
  })
  const prepared = new Map<number, PreparedProfile>()
  const mentor = (j: number) => {
    let p = prepared.get(j)
    if (!p) {
      p = prepareProfile(mentors[j] as Profile)
      prepared.set(j, p)
    }
    return p
  }
  for (const i of menteeIndexes) {
    if (n === 0) {
      out.set(i, 'no_mentors')
      continue
    }
    const a = mentees[i] as Profile
    const pa = prepareProfile(a)
    const candidates = new Set<number>(
      settings.interpretationAvailable && a.wantsInterpretation ? mentors.map((_, j) => j) : interpreters,
    )
    for (const language of languagesOf(a)) for (const j of byLanguage.get(language) ?? []) candidates.add(j)
    if (candidates.size === 0) {
      out.set(i, 'no_shared_language')
      continue
    }
    const counts = new Map<string, number>()
    for (const j of candidates) {
      const failure = assessPair(pa, mentor(j), settings, context.get(i * n + j) ?? {}).failures[0]
      if (failure) counts.set(failure, (counts.get(failure) ?? 0) + 1)
    }
    let best: UnmatchedReason = 'no_capacity'
    let bestCount = 0
    for (const f of [...FAILURES, 'no_shared_language'] as const) {
      if ((counts.get(f) ?? 0) > bestCount) {
        best = f
        bestCount = counts.get(f) ?? 0
      }
    }
    out.set(i, best)
  }
  return out
}

/**
 * Why each mentee a solution left unmatched stayed so, in mentee order: `no_capacity` when they had feasible
 * mentors (all taken by others), otherwise the reason `diagnose` finds.
 */
export function explainUnmatched(
  pool: CandidatePool,
  instance: Instance,
  pairs: readonly (readonly [number, number])[],
): Map<number, UnmatchedReason> {
  const hasEdges = new Uint8Array(instance.mentees)
  for (let k = 0; k < instance.edgeMentee.length; k++) hasEdges[instance.edgeMentee[k] as number] = 1
  const matched = new Uint8Array(instance.mentees)
  for (const [i] of pairs) matched[i] = 1
  const unmatched: number[] = []
  for (let i = 0; i < instance.mentees; i++) if (!matched[i]) unmatched.push(i)
  const diagnosed = diagnose(
    pool,
    unmatched.filter((i) => hasEdges[i] === 0),
  )
  const out = new Map<number, UnmatchedReason>()
  for (const i of unmatched)
    out.set(i, hasEdges[i] ? 'no_capacity' : (diagnosed.get(i) ?? 'no_shared_language'))
  return out
}
