/**
 * The match-run job: runs in the queue consumer (message `match.run`), never in a request.
 *
 * claim the run → load the pool (10) → score candidate pairs (60) → solve exactly, greedy for comparison (90)
 * → store one proposal per pair, supersede the program's older proposals, stats (100).
 *
 * Idempotent on redelivery: a run that is done or failed is skipped; a run left `running` (its consumer died)
 * is claimed again — `started_at` is the claim token, every later write of the job is conditional on it, and
 * the proposals of the earlier attempt are deleted first — so a stale attempt can never add or finish anything.
 */
import {
  createDbResolver,
  type Database,
  type MatchRun,
  type MatchRunStats,
  matchExclusions,
  matches,
  matchProposals,
  matchRuns,
  newId,
  type Participant,
  type Program,
  participants,
  programs,
  screenings,
  tenants,
} from '@tandem/db'
import {
  assessPair,
  buildPreparedInstance,
  checkCertificate,
  greedy,
  type Instance,
  type PairContext,
  type PreparedProfile,
  type Profile,
  type ProgramSettings,
  prepareProfile,
  solve,
} from '@tandem/matching'
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import type { Bindings } from '../../env'
import { describeError } from '../../lib/log'
import type { QueueMessage } from '../../queue/messages'
import { screeningState } from '../participants/service'
import { primaryLanguage, programSettings, toProfile } from './profile'

/** Mentees in these statuses are waiting for a mentor (Tandem does not screen mentees, so `applied` counts). */
export const MENTEE_POOL_STATUSES = ['applied', 'ready'] as const satisfies readonly Participant['status'][]
/** Mentors in these statuses may take mentees (a `matched` mentor whose capacity was raised has room again). */
export const MENTOR_POOL_STATUSES = ['ready', 'matched'] as const satisfies readonly Participant['status'][]
/** Matches that hold a mentee and a place of their mentor. */
export const OCCUPYING = ['active', 'paused'] as const

/**
 * Upper bound on the pairs given to the solver: 16 bytes each as input, ~12 more in the solver and ~24 in the
 * greedy baseline — ~80 MB at the budget, inside a Worker's 128 MB with the pool's profiles.
 */
export const EDGE_BUDGET = 2_000_000
/** A mentee keeps at least this many of their best feasible mentors whatever the budget. */
export const MIN_CANDIDATES_PER_MENTEE = 100

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

/** What the job stores in `match_runs.stats`: the documented fields plus details for the coordinator. */
export type RunStats = MatchRunStats & {
  /** Pairs scored by the engine after the language and distance pre-filter. */
  assessedPairs: number
  /** Mentees who had more feasible mentors than their share of the pair budget (only their best were kept). */
  cappedMentees: number
  /** The dominant reason per unmatched mentee id (`GET …/match-runs/{run}/unmatched`). */
  unmatchedMentees: Record<string, UnmatchedReason>
}

export type JobOutcome = 'done' | 'failed' | 'skipped' | 'superseded-attempt'

export interface JobOptions {
  now?: () => Date
  /** Called when a phase ends (the benchmark times them). */
  onPhase?: (
    phase: 'claimed' | 'loaded' | 'scored' | 'solved' | 'stored',
    detail?: Record<string, number>,
  ) => void
  edgeBudget?: number
}

/** Thrown when another attempt has claimed the run: this attempt stops without writing anything more. */
class ClaimLost extends Error {}

// ---------- pool ----------

export interface Pool {
  program: Program
  settings: ProgramSettings
  menteeIds: string[]
  mentorIds: string[]
  mentees: Profile[]
  mentors: Profile[]
  /** Pair contexts, keyed by `menteeIndex * mentorCount + mentorIndex`. */
  context: Map<number, PairContext>
}

const matchableColumns = {
  id: participants.id,
  role: participants.role,
  languages: participants.languages,
  wantsInterpretation: participants.wantsInterpretation,
  interests: participants.interests,
  sector: participants.sector,
  availability: participants.availability,
  location: participants.location,
  settlementNeeds: participants.settlementNeeds,
  accessNeeds: participants.accessNeeds,
  demographics: participants.demographics,
  demographicsConsentAt: participants.demographicsConsentAt,
  capacity: participants.capacity,
}

/**
 * The program's pool, ordered by waiting time: enrolment time (`created_at`, which never changes — a mentee
 * whose match ended keeps it), then id. The engine breaks ties by index, lower first, so among equally good
 * options those who have waited longest are matched first.
 */
export async function loadPool(db: Database, tenantId: string, program: Program, now: Date): Promise<Pool> {
  const settings = programSettings(program)
  const inProgram = and(eq(participants.tenantId, tenantId), eq(participants.programId, program.id))
  const [menteeRows, mentorRows, holding, ended, rejected] = await Promise.all([
    db
      .select(matchableColumns)
      .from(participants)
      .where(
        and(inProgram, eq(participants.role, 'mentee'), inArray(participants.status, MENTEE_POOL_STATUSES)),
      )
      .orderBy(asc(participants.createdAt), asc(participants.id)),
    db
      .select({ ...matchableColumns, screening: screenings })
      .from(participants)
      .innerJoin(
        screenings,
        and(eq(screenings.participantId, participants.id), eq(screenings.tenantId, participants.tenantId)),
      )
      .where(
        and(inProgram, eq(participants.role, 'mentor'), inArray(participants.status, MENTOR_POOL_STATUSES)),
      )
      .orderBy(asc(participants.createdAt), asc(participants.id)),
    db
      .select({ menteeId: matches.menteeId, mentorId: matches.mentorId })
      .from(matches)
      .where(
        and(
          eq(matches.tenantId, tenantId),
          eq(matches.programId, program.id),
          inArray(matches.status, OCCUPYING),
        ),
      ),
    db
      .select({ menteeId: matches.menteeId, mentorId: matches.mentorId })
      .from(matches)
      .where(
        and(eq(matches.tenantId, tenantId), eq(matches.programId, program.id), eq(matches.status, 'ended')),
      ),
    db
      .select({ menteeId: matchExclusions.menteeId, mentorId: matchExclusions.mentorId })
      .from(matchExclusions)
      .where(
        and(
          eq(matchExclusions.tenantId, tenantId),
          inArray(
            matchExclusions.menteeId,
            db
              .select({ id: participants.id })
              .from(participants)
              .where(and(inProgram, eq(participants.role, 'mentee'))),
          ),
        ),
      ),
  ])

  const busyMentees = new Set<string>()
  const used = new Map<string, number>()
  for (const m of holding) {
    busyMentees.add(m.menteeId)
    used.set(m.mentorId, (used.get(m.mentorId) ?? 0) + 1)
  }
  const menteeIds: string[] = []
  const mentees: Profile[] = []
  for (const row of menteeRows) {
    if (busyMentees.has(row.id)) continue
    menteeIds.push(row.id)
    mentees.push(toProfile(row, { program, screeningComplete: true, capacity: 1 }))
  }
  const mentorIds: string[] = []
  const mentors: Profile[] = []
  for (const row of mentorRows) {
    const free = row.capacity - (used.get(row.id) ?? 0)
    if (free <= 0 || !screeningState(row.screening, program, now).matchable) continue
    mentorIds.push(row.id)
    mentors.push(toProfile(row, { program, screeningComplete: true, capacity: free }))
  }

  const menteeIndex = new Map(menteeIds.map((id, i) => [id, i]))
  const mentorIndex = new Map(mentorIds.map((id, j) => [id, j]))
  const context = new Map<number, PairContext>()
  const mark = (pairs: { menteeId: string; mentorId: string }[], flag: keyof PairContext) => {
    for (const p of pairs) {
      const i = menteeIndex.get(p.menteeId)
      const j = mentorIndex.get(p.mentorId)
      if (i === undefined || j === undefined) continue
      const k = i * mentorIds.length + j
      context.set(k, { ...context.get(k), [flag]: true })
    }
  }
  mark(rejected, 'rejectedBefore') // declined proposals
  mark(ended, 'excluded') // pairs that were matched before and ended
  return { program, settings, menteeIds, mentorIds, mentees, mentors, context }
}

// ---------- candidates ----------

type Edges = { edgeMentee: Int32Array; edgeMentor: Int32Array; edgeScore: Float64Array }

const SHIFT = 18
const CHUNK = 1 << SHIFT
const MASK = CHUNK - 1

/**
 * The pairs, mentee by mentee, in typed chunks of 2^18 (no growing copies); `trim` cuts options in place,
 * `take` copies them once into exact-size arrays for the solver, releasing each chunk as it goes.
 */
class EdgeList {
  private chunks: { mentee: Int32Array; mentor: Int32Array; score: Float64Array }[] = []
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
    const c = this.chunks[k >> SHIFT] as EdgeList['chunks'][number]
    c.mentee[k & MASK] = i
    c.mentor[k & MASK] = j
    c.score[k & MASK] = score
  }

  menteeAt = (k: number) => (this.chunks[k >> SHIFT] as EdgeList['chunks'][number]).mentee[k & MASK] as number
  mentorAt = (k: number) => (this.chunks[k >> SHIFT] as EdgeList['chunks'][number]).mentor[k & MASK] as number
  scoreAt = (k: number) => (this.chunks[k >> SHIFT] as EdgeList['chunks'][number]).score[k & MASK] as number

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
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c] as EdgeList['chunks'][number]
      const at = c << SHIFT
      const n = Math.min(CHUNK, this.length - at)
      edgeMentee.set(chunk.mentee.subarray(0, n), at)
      edgeMentor.set(chunk.mentor.subarray(0, n), at)
      edgeScore.set(chunk.score.subarray(0, n), at)
      chunks[c] = undefined as unknown as EdgeList['chunks'][number]
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

/** Evaluated pairs between progress reports while scoring (~0.3–0.7 s of work on the benchmark machine). */
const PROGRESS_PAIRS = 1_000_000
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

export interface Candidates {
  instance: Instance
  /** Pairs the engine evaluated (block × candidate mentors). */
  assessedPairs: number
  /** Mentees whose options were cut to the best ones because the pool exceeded the pair budget. */
  cappedMentees: number
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
  pool: Pool,
  {
    edgeBudget = EDGE_BUDGET,
    floor = MIN_CANDIDATES_PER_MENTEE,
    onProgress,
    progressPairs = PROGRESS_PAIRS,
  }: {
    edgeBudget?: number
    floor?: number
    progressPairs?: number
    /**
     * Called with the share of mentees scored so far, about every `progressPairs` evaluated pairs; scoring
     * waits for it. Besides reporting, the pause lets the isolate answer other requests (such as the board's
     * progress polls) during a long run.
     */
    onProgress?: (share: number) => Promise<void>
  } = {},
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
export function diagnose(pool: Pool, menteeIndexes: number[]): Map<number, UnmatchedReason> {
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

// ---------- the job ----------

const round2 = (x: number) => Math.round(x * 100) / 100
/** Proposal rows per INSERT … SELECT FROM json_each(?): one bound JSON text of at most ~512 KB. */
const INSERT_BYTES = 512 * 1024

export async function runMatchJob(
  db: Database,
  tenantId: string,
  runId: string,
  options: JobOptions = {},
): Promise<JobOutcome> {
  const now = options.now ?? (() => new Date())
  const run = await db
    .select()
    .from(matchRuns)
    .where(and(eq(matchRuns.tenantId, tenantId), eq(matchRuns.id, runId)))
    .get()
  if (!run || run.status === 'done' || run.status === 'failed') return 'skipped'

  const claim = new Date(Math.max(now().getTime(), (run.startedAt?.getTime() ?? 0) + 1))
  const claimed = await db
    .update(matchRuns)
    .set({ status: 'running', progress: 0, startedAt: claim, error: null, stats: null, finishedAt: null })
    .where(
      and(
        eq(matchRuns.tenantId, tenantId),
        eq(matchRuns.id, runId),
        inArray(matchRuns.status, ['queued', 'running']),
        run.startedAt ? eq(matchRuns.startedAt, run.startedAt) : isNull(matchRuns.startedAt),
      ),
    )
    .returning({ id: matchRuns.id })
  if (claimed.length === 0) return 'superseded-attempt'
  const ours = and(
    eq(matchRuns.tenantId, tenantId),
    eq(matchRuns.id, runId),
    eq(matchRuns.status, 'running'),
    eq(matchRuns.startedAt, claim),
  )
  const stillOurs = sql`exists (select 1 from ${matchRuns} where ${matchRuns.id} = ${runId} and ${matchRuns.tenantId} = ${tenantId} and ${matchRuns.status} = 'running' and ${matchRuns.startedAt} = ${claim.getTime()})`
  const progress = async (value: number) => {
    const rows = await db
      .update(matchRuns)
      .set({ progress: value })
      .where(ours)
      .returning({ id: matchRuns.id })
    if (rows.length === 0) throw new ClaimLost()
    // Give the event loop a turn: the job is CPU-bound between these writes, and the same isolate may have
    // requests waiting (the board polls this progress). Measured in workerd: without this turn the polls
    // wait until the whole run is done, even across the awaited writes.
    await new Promise((resolve) => setTimeout(resolve, 0))
  }

  try {
    // A redelivered run starts over: whatever an earlier attempt stored goes first.
    await db
      .delete(matchProposals)
      .where(and(eq(matchProposals.tenantId, tenantId), eq(matchProposals.runId, runId)))
    options.onPhase?.('claimed')

    const program = await db
      .select()
      .from(programs)
      .where(and(eq(programs.tenantId, tenantId), eq(programs.id, run.programId)))
      .get()
    if (!program) throw new Error('The program no longer exists.')
    const pool = await loadPool(db, tenantId, program, now())
    await progress(10)
    options.onPhase?.('loaded', { mentees: pool.mentees.length, mentors: pool.mentors.length })

    // Scoring is most of a large run: progress moves from 10 to 60 as it goes.
    const candidates = await feasiblePairs(pool, {
      edgeBudget: options.edgeBudget,
      onProgress: (share) => progress(10 + Math.floor(50 * share)),
    })
    const { instance } = candidates
    await progress(60)
    options.onPhase?.('scored', {
      assessedPairs: candidates.assessedPairs,
      feasiblePairs: instance.edgeMentee.length,
    })

    // Workers' clocks stand still during computation and advance across I/O: there the solver's time is
    // measured across the next progress write (a few ms too long); elsewhere with performance.now().
    const t0 = Date.now()
    const p0 = performance.now()
    const solution = solve(instance, { mode: run.mode })
    const p1 = performance.now()
    await progress(90)
    const solveMs = Math.round(p1 > p0 ? p1 - p0 : Date.now() - t0)
    // Every run proves its optimum: the independent checker verifies the solver's dual certificate (one pass
    // over the pairs, ~0.1 s at 2M). A failure stops the run before any proposal is stored.
    const certificate = checkCertificate(instance, solution)
    if (!certificate.ok) {
      throw new Error(
        `The solver's optimality certificate did not verify: ${certificate.errors.slice(0, 3).join('; ')}`,
      )
    }
    const baseline = greedy(instance)
    options.onPhase?.('solved', {
      matched: solution.matched,
      solverWorkingSetMB: Math.round(solution.stats.workingSetBytes / 2 ** 20),
    })

    const { menteeIds, mentorIds, mentees, mentors, settings, context } = pool
    const n = mentorIds.length
    const hasEdges = new Uint8Array(instance.mentees)
    for (let k = 0; k < instance.edgeMentee.length; k++) hasEdges[instance.edgeMentee[k] as number] = 1
    const matchedMentee = new Uint8Array(instance.mentees)
    for (const [i] of solution.pairs) matchedMentee[i] = 1
    const unmatched: number[] = []
    for (let i = 0; i < instance.mentees; i++) if (!matchedMentee[i]) unmatched.push(i)
    // Feasible mentors but none left for them: no_capacity; no feasible mentor at all: the engine says why.
    const diagnosed = diagnose(
      pool,
      unmatched.filter((i) => hasEdges[i] === 0),
    )
    const unmatchedMentees: Record<string, UnmatchedReason> = {}
    const unmatchedReasons: Record<string, number> = {}
    for (const i of unmatched) {
      const reason = hasEdges[i] ? 'no_capacity' : (diagnosed.get(i) ?? 'no_shared_language')
      unmatchedMentees[menteeIds[i] as string] = reason
      unmatchedReasons[reason] = (unmatchedReasons[reason] ?? 0) + 1
    }

    // Proposals with their explanation, inserted in chunks of JSON rows; each chunk only while the claim holds.
    let chunk: string[] = []
    let bytes = 0
    const flush = async () => {
      if (chunk.length === 0) return
      const rows = `[${chunk.join(',')}]`
      chunk = []
      bytes = 0
      await db.run(sql`insert into ${matchProposals} (id, tenant_id, run_id, mentee_id, mentor_id, score, breakdown, explanation, status)
        select json_extract(value, '$[0]'), ${tenantId}, ${runId}, json_extract(value, '$[1]'), json_extract(value, '$[2]'),
               json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), 'proposed'
        from json_each(${rows}) where ${stillOurs}`)
    }
    for (const [i, j] of solution.pairs) {
      const a = assessPair(
        mentees[i] as Profile,
        mentors[j] as Profile,
        settings,
        context.get(i * n + j) ?? {},
      )
      const row = JSON.stringify([newId(), menteeIds[i], mentorIds[j], a.score, a.breakdown, a.explanation])
      chunk.push(row)
      bytes += row.length * 3
      if (bytes >= INSERT_BYTES) await flush()
    }
    await flush()

    const stats: RunStats = {
      mentees: instance.mentees,
      mentors: instance.mentors,
      feasiblePairs: instance.edgeMentee.length,
      matched: solution.matched,
      unmatched: instance.mentees - solution.matched,
      unmatchedReasons,
      total: round2(solution.total),
      greedy: { matched: baseline.matched, total: round2(baseline.total) },
      solveMs,
      assessedPairs: candidates.assessedPairs,
      cappedMentees: candidates.cappedMentees,
      unmatchedMentees,
    }
    const [, finished] = await db.batch([
      // The program's earlier proposals that nobody decided on are replaced by this run's.
      db
        .update(matchProposals)
        .set({ status: 'superseded' })
        .where(
          and(
            eq(matchProposals.tenantId, tenantId),
            eq(matchProposals.status, 'proposed'),
            ne(matchProposals.runId, runId),
            inArray(
              matchProposals.runId,
              db
                .select({ id: matchRuns.id })
                .from(matchRuns)
                .where(and(eq(matchRuns.tenantId, tenantId), eq(matchRuns.programId, run.programId))),
            ),
            stillOurs,
          ),
        ),
      db
        .update(matchRuns)
        .set({ status: 'done', progress: 100, stats: stats as MatchRunStats, finishedAt: now() })
        .where(ours)
        .returning({ id: matchRuns.id }),
    ])
    if (finished.length === 0) throw new ClaimLost()
    options.onPhase?.('stored', { proposals: solution.pairs.length })
    return 'done'
  } catch (error) {
    if (error instanceof ClaimLost) return 'superseded-attempt'
    console.error(
      JSON.stringify({ level: 'error', msg: 'match run failed', runId, error: describeError(error) }),
    )
    const failed = await db
      .update(matchRuns)
      .set({ status: 'failed', error: failureMessage(error), finishedAt: now() })
      .where(ours)
      .returning({ id: matchRuns.id })
    return failed.length > 0 ? 'failed' : 'superseded-attempt'
  }
}

function failureMessage(error: unknown): string {
  const text =
    error instanceof Error
      ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
      : String(error)
  return `The run could not finish. ${text}`.slice(0, 500)
}

/** A run that did not move for this long is considered abandoned (its job died and its retries ran out). */
export const ABANDONED_AFTER_MS = 30 * 60 * 1000

/** Stats as the API shows them on a run (the per-mentee reasons have their own route). */
export function publicStats(stats: MatchRun['stats']) {
  if (!stats) return null
  const { unmatchedMentees: _, ...rest } = stats as RunStats
  return rest
}

/** Queue consumer entry: finds the tenant's database and runs the job. */
export async function handleMatchRunMessage(
  env: Pick<Bindings, 'DB'>,
  job: Extract<QueueMessage, { type: 'match.run' }>,
): Promise<JobOutcome> {
  const resolver = createDbResolver({ shared: env.DB })
  const tenant = await resolver.control().select().from(tenants).where(eq(tenants.id, job.tenantId)).get()
  if (!tenant) return 'skipped'
  return runMatchJob(resolver.dbFor(tenant), job.tenantId, job.runId)
}
