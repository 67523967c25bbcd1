/**
 * `tsx workers/api/bench/match-run.ts` — a match run over a 10,000-mentee program.
 * Migrates a SQLite file with the committed migrations, seeds one program of a realistic city (10,000 mentees,
 * 5,000 mentors with approved screenings, some expired, some already matched, some rejected pairs), and runs the
 * Worker's own job (`runMatchJob`) through libSQL — the same SQLite engine and SQL as D1 — twice: once in a
 * fresh process (cold JIT, as a new isolate) and once more (warm). Prints the time of every phase and the live
 * memory at its end (heap and typed-array buffers, after a forced collection when run with --expose-gc):
 *   tsx --expose-gc workers/api/bench/match-run.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { insertTenant, matchProposals, matchRuns, newId } from '@tandem/db'
import { libsqlDatabase, migrateLibsql } from '@tandem/db/libsql'
import { count, eq } from 'drizzle-orm'
import { type JobOptions, type RunStats, runMatchJob } from '../src/features/match-runs/job'
import { seedCity } from './city'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const dir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-'))
const { db, close } = libsqlDatabase({ url: `file:${path.join(dir, 'bench.sqlite')}` })

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`
/** Live memory: collected first when the process runs with --expose-gc (the bench script does). */
const memory = () => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const m = process.memoryUsage()
  return { heap: m.heapUsed, buffers: m.arrayBuffers, rss: m.rss }
}

async function timedRun(label: string, tenantId: string, programId: string) {
  const runId = newId()
  await db.insert(matchRuns).values({ id: runId, tenantId, programId, mode: 'participation' })
  const rows: string[][] = []
  let peakHeap = 0
  let t = performance.now()
  const start = t
  const onPhase: JobOptions['onPhase'] = (phase, detail) => {
    const now = performance.now()
    const m = memory()
    peakHeap = Math.max(peakHeap, m.heap + m.buffers)
    rows.push([
      phase,
      (now - t).toFixed(0),
      mb(m.heap),
      mb(m.buffers),
      mb(m.rss),
      detail
        ? Object.entries(detail)
            .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
            .join(', ')
        : '',
    ])
    t = now
  }
  const outcome = await runMatchJob(db, tenantId, runId, { onPhase })
  const total = performance.now() - start
  const run = await db.select().from(matchRuns).where(eq(matchRuns.id, runId)).get()
  const stats = run?.stats as RunStats
  const proposals = await db
    .select({ n: count() })
    .from(matchProposals)
    .where(eq(matchProposals.runId, runId))
    .get()
  console.log(`\n${label}: ${outcome}, ${total.toFixed(0)} ms in all`)
  console.log(
    `${'phase'.padEnd(8)} ${'ms'.padStart(6)} ${'heap'.padStart(7)} ${'buffers'.padStart(8)} ${'rss'.padStart(7)}  detail`,
  )
  for (const r of rows) {
    console.log(
      `${(r[0] as string).padEnd(8)} ${(r[1] as string).padStart(6)} ${(r[2] as string).padStart(7)} ${(r[3] as string).padStart(8)} ${(r[4] as string).padStart(7)}  ${r[5]}`,
    )
  }
  const { unmatchedMentees: _, ...summary } = stats
  console.log(`peak heap + buffers at a phase end: ${mb(peakHeap)}; proposals stored: ${proposals?.n}`)
  console.log(JSON.stringify(summary))
}

async function seed() {
  await migrateLibsql(db, path.join(root, 'migrations'))
  const tenant = await insertTenant(db, {
    slug: 'bench',
    name: 'Bench City',
    kind: 'city',
    country: 'DE',
    timezone: 'Europe/Berlin',
    defaultLocale: 'de',
  })
  const city = await seedCity(db, { tenantId: tenant.id, name: 'Welcome Tandems' })
  return { tenantId: tenant.id, ...city }
}

const t0 = performance.now()
const { tenantId, programId, mentees, mentors } = await seed()
console.log(
  `match run bench: ${mentees.toLocaleString('en')} mentees × ${mentors.toLocaleString('en')} mentors, seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (libSQL file, committed migrations)`,
)
await timedRun('first run (fresh process)', tenantId, programId)
await timedRun('second run (warm; supersedes the first run’s proposals)', tenantId, programId)
close()
rmSync(dir, { recursive: true, force: true })
