/**
 * The match-run job: runs in the queue consumer (message `match.run`), never in a request.
 *
 * claim the run → load the pool (10) → score candidate pairs (60, the engine's `feasiblePairs`) → solve exactly,
 * greedy for comparison (90)
 * → store one proposal per pair, supersede the program's older proposals, stats (100).
 *
 * Idempotent on redelivery: a run that is done or failed is skipped; a run left `running` (its consumer died)
 * is claimed again — `started_at` is the claim token, every later write of the job is conditional on it, and
 * the proposals of the earlier attempt are deleted first — so a stale attempt can never add or finish anything.
 */
import {
  type Database,
  type MatchRunStats,
  matchExclusions,
  matches,
  matchProposals,
  matchRuns,
  newId,
  type Program,
  participants,
  programs,
  screenings,
  tenants,
} from '@tandem/db'
import {
  assessPair,
  type CandidatePool,
  checkCertificate,
  explainUnmatched,
  feasiblePairs,
  greedy,
  type PairContext,
  type Profile,
  solve,
} from '@tandem/matching'
import type { UnmatchedReason } from '@tandem/vocab'
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import type { Bindings } from '../../env'
import { resolverFor } from '../../lib/db'
import { log } from '../../lib/log'
import {
  MENTEE_POOL_STATUSES,
  MENTOR_POOL_STATUSES,
  OCCUPYING,
  programSettings,
  toProfile,
} from '../../lib/matching-pool'
import { inTenant, tenantRow } from '../../lib/sql'
import type { QueueMessage } from '../../queue/messages'
import { screeningOfParticipant, screeningState } from '../screening/service'

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

/** The engine's pool (profiles by index, pair contexts) with the program and the ids behind the indexes. */
export interface Pool extends CandidatePool {
  program: Program
  menteeIds: string[]
  mentorIds: string[]
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
  const inProgram = inTenant(participants, tenantId, eq(participants.programId, program.id))
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
      .innerJoin(screenings, screeningOfParticipant)
      .where(
        and(inProgram, eq(participants.role, 'mentor'), inArray(participants.status, MENTOR_POOL_STATUSES)),
      )
      .orderBy(asc(participants.createdAt), asc(participants.id)),
    db
      .select({ menteeId: matches.menteeId, mentorId: matches.mentorId })
      .from(matches)
      .where(
        inTenant(matches, tenantId, eq(matches.programId, program.id), inArray(matches.status, OCCUPYING)),
      ),
    db
      .select({ menteeId: matches.menteeId, mentorId: matches.mentorId })
      .from(matches)
      .where(inTenant(matches, tenantId, eq(matches.programId, program.id), eq(matches.status, 'ended'))),
    db
      .select({ menteeId: matchExclusions.menteeId, mentorId: matchExclusions.mentorId })
      .from(matchExclusions)
      .where(
        inTenant(
          matchExclusions,
          tenantId,
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
    .where(tenantRow(matchRuns, tenantId, runId))
    .get()
  if (!run || run.status === 'done' || run.status === 'failed') return 'skipped'

  const claim = new Date(Math.max(now().getTime(), (run.startedAt?.getTime() ?? 0) + 1))
  const claimed = await db
    .update(matchRuns)
    .set({ status: 'running', progress: 0, startedAt: claim, error: null, stats: null, finishedAt: null })
    .where(
      tenantRow(
        matchRuns,
        tenantId,
        runId,
        inArray(matchRuns.status, ['queued', 'running']),
        run.startedAt ? eq(matchRuns.startedAt, run.startedAt) : isNull(matchRuns.startedAt),
      ),
    )
    .returning({ id: matchRuns.id })
  if (claimed.length === 0) return 'superseded-attempt'
  const ours = tenantRow(
    matchRuns,
    tenantId,
    runId,
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
    await db.delete(matchProposals).where(inTenant(matchProposals, tenantId, eq(matchProposals.runId, runId)))
    options.onPhase?.('claimed')

    const program = await db
      .select()
      .from(programs)
      .where(tenantRow(programs, tenantId, run.programId))
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
    // Feasible mentors but none left for them: no_capacity; no feasible mentor at all: the engine says why.
    const unmatchedMentees: Record<string, UnmatchedReason> = {}
    const unmatchedReasons: Record<string, number> = {}
    for (const [i, reason] of explainUnmatched(pool, instance, solution.pairs)) {
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
          inTenant(
            matchProposals,
            tenantId,
            eq(matchProposals.status, 'proposed'),
            ne(matchProposals.runId, runId),
            inArray(
              matchProposals.runId,
              db
                .select({ id: matchRuns.id })
                .from(matchRuns)
                .where(inTenant(matchRuns, tenantId, eq(matchRuns.programId, run.programId))),
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
    log.error('match run failed', { runId }, error)
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

/** Queue consumer entry: finds the tenant's database and runs the job. */
export async function handleMatchRunMessage(
  env: Bindings,
  job: Extract<QueueMessage, { type: 'match.run' }>,
): Promise<JobOutcome> {
  const resolver = resolverFor(env)
  const tenant = await resolver.control().select().from(tenants).where(eq(tenants.id, job.tenantId)).get()
  if (!tenant) return 'skipped'
  return runMatchJob(await resolver.dbFor(tenant), job.tenantId, job.runId)
}
