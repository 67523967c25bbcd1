/**
 * `pnpm bench:email` — 10,000 emails from outbox rows to a Resend-compatible server through the real path in
 * `wrangler dev` (workerd, local D1 and Queues): the cron's dispatch claims batches, the `tandem-email` queue
 * hands them to the consumer, which sends through the Resend SDK at the shared rate (decision 022).
 * The stand-in (workers/api/test/resend-stand-in.ts, 2 requests per second) is started here unless
 * RESEND_BASE_URL points at a server already (then RESEND_API_KEY is its key). Prints total seconds, provider
 * calls, emails per call, peak calls per second, duplicates and missing.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { newId, outbox } from '@tandem/db'
import { libsqlDatabase } from '@tandem/db/libsql'
import { eq, sql } from 'drizzle-orm'
import { type StandIn, startResendStandIn } from '../test/resend-stand-in'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const COUNT = Number(process.env.EMAILS ?? 10_000)
const RATE = process.env.RESEND_RATE_PER_SECOND ?? '2'

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const state = mkdtempSync(path.join(tmpdir(), 'tandem-bench-email-'))
let child: ChildProcess | undefined
let standIn: StandIn | undefined
const external = process.env.RESEND_BASE_URL
const apiKey = external ? (process.env.RESEND_API_KEY ?? '') : 're_test_bench'

function localDb() {
  const dir = path.join(state, 'v3/d1/miniflare-D1DatabaseObject')
  const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
  if (!file) throw new Error('no local D1 database')
  return libsqlDatabase({ url: `file:${path.join(dir, file)}` })
}

try {
  mkdirSync(path.join(root, 'web/dist'), { recursive: true }) // wrangler dev serves assets from there
  const migrated = spawnSync(
    'pnpm',
    ['exec', 'wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  )
  if (migrated.status !== 0) throw new Error(`migrations failed:\n${migrated.stdout}\n${migrated.stderr}`)

  // The outbox rows, due now, as features write them.
  {
    const { db, close } = localDb()
    const due = new Date(Date.now() - 1000)
    for (let i = 0; i < COUNT; i += 500) {
      const rows = Array.from({ length: Math.min(500, COUNT - i) }, (_, j) => ({
        id: newId(),
        kind: 'bench',
        toAddress: `person-${i + j}@bench.example`,
        subject: `Your tandem, message ${i + j}`,
        text: `Hello, this is message ${i + j}. Open https://tandem.example/portal to see your tandem.`,
        html: `<p>Hello, this is message ${i + j}.</p><p><a href="https://tandem.example/portal">Your tandem</a></p>`,
        dueAt: due,
      }))
      const [first, ...rest] = rows.map((r) => db.insert(outbox).values(r))
      if (first) await db.batch([first, ...rest])
    }
    close()
  }

  if (!external) standIn = await startResendStandIn({ ratePerSecond: Number(RATE) })
  const baseUrl = external ?? (standIn as StandIn).url
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  child = spawn(
    'pnpm',
    [
      'exec',
      'wrangler',
      'dev',
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--test-scheduled',
      '--persist-to',
      state,
      // Local development: wrangler.toml says production.
      '--var',
      'APP_ENV:development',
      '--var',
      `PROTECTED_FIELDS_KEY:${randomBytes(32).toString('base64')}`,
      '--var',
      `RESEND_API_KEY:${apiKey}`,
      '--var',
      `RESEND_BASE_URL:${baseUrl}`,
      '--var',
      `RESEND_RATE_PER_SECOND:${RATE}`,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, CI: 'true' } },
  )
  let log = ''
  child.stdout?.on('data', (d) => {
    log += d
  })
  child.stderr?.on('data', (d) => {
    log += d
  })
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${log}`)
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (up) break
    if (Date.now() > deadline) throw new Error(`wrangler dev did not answer within 60 s:\n${log}`)
    await new Promise((r) => setTimeout(r, 250))
  }

  const { db, close } = localDb()
  const sentRows = async () =>
    (await db.select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.status, 'sent')).get())?.n ??
    0
  const started = performance.now()
  // One cron tick, as Cloudflare fires it every minute (`pnpm dev` every 15 s); it claims every batch.
  const tick = await fetch(`${base}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*`)
  if (!tick.ok) throw new Error(`scheduled answered ${tick.status}`)
  let sent = 0
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; ) {
    sent = await sentRows()
    if (sent >= COUNT) break
    await new Promise((r) => setTimeout(r, 200))
  }
  const seconds = (performance.now() - started) / 1000
  const byStatus = await db
    .select({ status: outbox.status, n: sql<number>`count(*)` })
    .from(outbox)
    .groupBy(outbox.status)
  close()

  console.log(`\n${COUNT} emails, outbox → cron → tandem-email → consumer → ${external ?? 'stand-in Resend'}`)
  console.log(`rate: ${RATE} requests per second (RESEND_RATE_PER_SECOND)`)
  console.log(`total: ${seconds.toFixed(1)} s from the cron tick to the last row marked sent`)
  console.log(`rows: ${byStatus.map((r) => `${r.status} ${r.n}`).join(', ')}`)
  if (standIn) {
    const s = standIn.stats(apiKey)
    const times = s.callLog.map((c) => c.at)
    const span = (Math.max(...times) - Math.min(...times)) / 1000
    console.log(
      `provider calls: ${s.calls} (accepted ${s.acceptedCalls}, 429 ${s.rateLimited}, replays ${s.replays})`,
    )
    console.log(`emails per call: ${s.emailsPerCall.toFixed(1)}`)
    console.log(`first to last call: ${span.toFixed(1)} s`)
    console.log(`peak calls per second (any 1 s window): ${s.peakCallsPerSecond}`)
    console.log(`duplicates: ${s.duplicates}`)
    console.log(`missing: ${COUNT - s.distinctEmails}`)
  } else {
    console.log(`missing (rows not sent): ${COUNT - sent}`)
  }
} finally {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  await standIn?.close()
  await new Promise((r) => setTimeout(r, 500))
  rmSync(state, { recursive: true, force: true })
}
