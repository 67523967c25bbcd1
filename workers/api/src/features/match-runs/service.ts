import { type MatchRun, matchRuns, newId, type Program, participants } from '@tandem/db'
import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { audit } from '../../lib/audit'
import { log } from '../../lib/log'
import { notFound, Problem } from '../../lib/problem'
import { inIds, inTenant, olderThan, pageOf, tenantRow } from '../../lib/sql'
import type { QueueMessage } from '../../queue/messages'
import type { RunStats } from './job'
import type { RunListQuery } from './schema'

/** A run that did not move for this long is considered abandoned (its job died and its retries ran out). */
export const ABANDONED_AFTER_MS = 30 * 60 * 1000

const iso = (d: Date | null) => d?.toISOString() ?? null

/** Stats as the API shows them on a run (the per-mentee reasons have their own route). */
export function publicStats(stats: MatchRun['stats']) {
  if (!stats) return null
  const { unmatchedMentees: _, ...rest } = stats as RunStats
  return rest
}

export function runOut(r: MatchRun) {
  return {
    id: r.id,
    mode: r.mode,
    status: r.status,
    progress: r.progress,
    stats: publicStats(r.stats),
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
  }
}

/**
 * Queues a run. The insert itself refuses a second queued or running run of the program (one statement, so two
 * simultaneous requests cannot both pass); runs abandoned by a dead job are marked failed first.
 */
export async function startRun(
  { db, tenantId, actorId, now }: Scope,
  queue: Queue<QueueMessage>,
  program: Program,
  mode: MatchRun['mode'],
) {
  const stale = new Date(now.getTime() - ABANDONED_AFTER_MS)
  const ofProgram = inTenant(matchRuns, tenantId, eq(matchRuns.programId, program.id))
  await db
    .update(matchRuns)
    .set({
      status: 'failed',
      error: 'The run was abandoned (its job stopped without finishing).',
      finishedAt: now,
    })
    .where(
      and(
        ofProgram,
        or(
          and(eq(matchRuns.status, 'running'), lt(matchRuns.startedAt, stale)),
          and(
            eq(matchRuns.status, 'queued'),
            lt(matchRuns.createdAt, new Date(stale.getTime() - ABANDONED_AFTER_MS)),
          ),
        ),
      ),
    )
  const id = newId()
  await db.run(sql`insert into ${matchRuns} (id, tenant_id, program_id, mode, status, progress, requested_by, created_at)
    select ${id}, ${tenantId}, ${program.id}, ${mode}, 'queued', 0, ${actorId}, ${now.getTime()}
    where not exists (select 1 from ${matchRuns} where tenant_id = ${tenantId} and program_id = ${program.id} and status in ('queued', 'running'))`)
  const run = await db
    .select()
    .from(matchRuns)
    .where(tenantRow(matchRuns, tenantId, id))
    .get()
  if (!run) {
    const active = await db
      .select({ id: matchRuns.id, status: matchRuns.status })
      .from(matchRuns)
      .where(and(ofProgram, inArray(matchRuns.status, ['queued', 'running'])))
      .get()
    throw new Problem('run-in-progress', {
      detail: `This program already has a match run in progress${active ? ` (${active.id}, ${active.status})` : ''}. Wait for it to finish.`,
    })
  }
  try {
    await queue.send({ type: 'match.run', runId: id, tenantId })
  } catch (error) {
    await db
      .update(matchRuns)
      .set({ status: 'failed', error: 'The run could not be queued.', finishedAt: now })
      .where(tenantRow(matchRuns, tenantId, id))
    log.error('match run not queued', { runId: id }, error)
    throw new Problem('unavailable', {
      detail: 'The run could not be queued. Try again shortly.',
    })
  }
  await audit(
    db,
    {
      tenantId,
      actorUserId: actorId,
      action: 'match_run.started',
      targetType: 'match_run',
      targetId: id,
      meta: { mode, programId: program.id },
    },
    now,
  )
  return { id, status: 'queued' as const }
}

export async function getRun({ db, tenantId }: Scope, programId: string, runId: string) {
  const run = await db
    .select()
    .from(matchRuns)
    .where(inTenant(matchRuns, tenantId, eq(matchRuns.programId, programId), eq(matchRuns.id, runId)))
    .get()
  if (!run) throw notFound('No such match run in this program.')
  return run
}

/** Latest first, keyset-paged on (created_at, id). */
export async function listRuns(scope: Scope, programId: string, q: v.InferOutput<typeof RunListQuery>) {
  const { db, tenantId } = scope
  const conditions: (SQL | undefined)[] = [
    eq(matchRuns.tenantId, tenantId),
    eq(matchRuns.programId, programId),
  ]
  if (q.cursor) {
    const after = await getRun(scope, programId, q.cursor)
    conditions.push(olderThan(matchRuns.createdAt, matchRuns.id, after))
  }
  const rows = await db
    .select()
    .from(matchRuns)
    .where(and(...conditions))
    .orderBy(desc(matchRuns.createdAt), desc(matchRuns.id))
    .limit(q.limit + 1)
  return pageOf(rows, q.limit, runOut, (r) => r.id)
}

/** The mentees a finished run left unmatched, each with the dominant reason, in pool (waiting) order. */
export async function unmatchedOf({ db, tenantId }: Scope, run: MatchRun) {
  const reasons = (run.stats as RunStats | null)?.unmatchedMentees ?? {}
  const ids = Object.keys(reasons)
  const names = new Map<string, string>()
  for (let k = 0; k < ids.length; k += 2000) {
    const rows = await db
      .select({ id: participants.id, displayName: participants.displayName })
      .from(participants)
      .where(inTenant(participants, tenantId, inIds(participants.id, ids.slice(k, k + 2000))))
    for (const r of rows) names.set(r.id, r.displayName)
  }
  return {
    items: ids
      .filter((id) => names.has(id))
      .map((id) => ({ menteeId: id, displayName: names.get(id) as string, reason: reasons[id] as string })),
  }
}
