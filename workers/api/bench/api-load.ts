/**
 * `pnpm bench:api` — the hot reads under load, in the real runtime: `wrangler dev` (workerd, local D1) with the
 * demo organization scaled to 10,000 participants (`seedCity`: 6,700 newcomers, 3,300 mentors in one program),
 * a finished match run on it, and a mentee signed in to the portal. autocannon sends 32 connections for 30 s to
 * each hot read in turn (participants page, organization home, match board, portal) and, first and in the same
 * run, to a bare Hono route in a tiny Worker started the same way (the reference). Prints requests per second,
 * p50/p99 latency, errors and non-2xx answers, and the CPU time the workerd process spent per request.
 * DURATION (seconds per read) and CONNECTIONS override the defaults.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { findTenantBySlug } from '@tandem/db'
import { libsqlDatabase } from '@tandem/db/libsql'
import { DEMO_OWNER_EMAIL, DEMO_SLUG } from '@tandem/db/seed'
import autocannon from 'autocannon'
import { seedCity } from './city'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const DURATION = Number(process.env.DURATION ?? 30)
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32)
const CITY = 'City-wide Tandems (load benchmark)'

mkdirSync(path.join(root, 'web/dist'), { recursive: true }) // wrangler dev serves assets from there

function exec(args: string[]) {
  const result = spawnSync('pnpm', ['exec', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  })
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
  return result.stdout
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const state = mkdtempSync(path.join(tmpdir(), 'tandem-bench-api-'))
const d1 = path.join(state, 'v3/d1/miniflare-D1DatabaseObject')
const children: ChildProcess[] = []

/** Starts `wrangler dev` on a free port (local development, as the other benchmarks) and waits for `probe`. */
async function wranglerDev(args: string[], probe: string) {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const child = spawn(
    'pnpm',
    ['exec', 'wrangler', 'dev', '--port', String(port), '--ip', '127.0.0.1', ...args],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, CI: 'true' } },
  )
  children.push(child)
  let log = ''
  child.stdout?.on('data', (d) => {
    log += d
  })
  child.stderr?.on('data', (d) => {
    log += d
  })
  for (const deadline = Date.now() + 90_000; ; ) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${log}`)
    const up = await fetch(`${base}${probe}`).then(
      (r) => r.ok,
      () => false,
    )
    if (up) break
    if (Date.now() > deadline) throw new Error(`wrangler dev did not answer within 90 s:\n${log}`)
    await sleep(250)
  }
  return { base, child, log: () => log }
}

/** CPU seconds (user + system) of the workerd processes started under a `wrangler dev` (its process group). */
function workerdCpu(group: number): number {
  const tick = 100 // USER_HZ on Linux
  let total = 0
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      // Fields after the name: state ppid pgrp … utime (14th of the line) stime (15th).
      if (Number(fields[2]) !== group || !comm.startsWith('workerd')) continue
      total += (Number(fields[11]) + Number(fields[12])) / tick
    } catch {
      // gone meanwhile
    }
  }
  return total
}

/** A same-origin browser with a session cookie. */
function browser(base: string) {
  let cookie = ''
  const api = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        'sec-fetch-site': 'same-origin',
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    })
    const set = res.headers.get('set-cookie')
    if (set) cookie = set.split(';')[0] ?? ''
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }
  return { api, cookie: () => cookie }
}

type Mail = { items: { to: string; subject: string; text: string }[] }
async function mailTo(api: ReturnType<typeof browser>['api'], to: string, pattern: RegExp) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
    const mail = await api<Mail>('GET', '/api/dev/mailbox?limit=50')
    const found = mail.items.find((m) => m.to === to && pattern.test(`${m.subject}\n${m.text}`))
    const hit = found && pattern.exec(`${found.subject}\n${found.text}`)?.[1]
    if (hit) return hit
  }
  const last = await api<Mail>('GET', '/api/dev/mailbox?limit=5')
  throw new Error(
    `no email to ${to}; the newest in the mailbox: ${JSON.stringify(last.items.map((m) => [m.to, m.subject]))}`,
  )
}

type Figures = {
  name: string
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  requests: number
  cpuMs: number
}

/** One request alone, its time in ms: what a single reader sees on the idle server. */
async function alone(url: string, headers: Record<string, string>) {
  const started = performance.now()
  const res = await fetch(url, { headers })
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`${url} answered ${res.status}`)
  return performance.now() - started
}

/** Waits until requests left over from the last case are answered (the server answers one quickly again). */
async function idle(url: string, headers: Record<string, string>) {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(500)) {
    if ((await alone(url, headers)) < 2_000) return
  }
}

async function measure(name: string, url: string, cookie: string, group: number): Promise<Figures> {
  const headers = { 'sec-fetch-site': 'same-origin', ...(cookie ? { cookie } : {}) }
  await idle(url, headers)
  const single = [await alone(url, headers), await alone(url, headers), await alone(url, headers)]
  console.log(`  ${name}: alone ${single.map((ms) => ms.toFixed(0)).join(', ')} ms`)
  // A short warm-up, not counted.
  await autocannon({ url, connections: CONNECTIONS, duration: 3, headers, timeout: 60 })
  const cpuBefore = workerdCpu(group)
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers, timeout: 60 })
  const cpu = workerdCpu(group) - cpuBefore
  const requests = r.requests.total
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    requests,
    cpuMs: requests ? (cpu * 1000) / requests : Number.NaN,
  }
}

try {
  exec(['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state])
  exec(['tsx', 'scripts/seed.ts', d1])
  const file = readdirSync(d1).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
  if (!file) throw new Error('no local D1 database')
  {
    const { db, close } = libsqlDatabase({ url: `file:${path.join(d1, file)}` })
    const tenant = await findTenantBySlug(db, DEMO_SLUG)
    if (!tenant) throw new Error('no demo organization')
    await seedCity(db, { tenantId: tenant.id, name: CITY, mentees: 6_700, mentors: 3_300, status: 'active' })
    close()
  }

  // The bare reference: one Hono route in a Worker of its own, started the same way.
  const bareDir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-bare-'))
  writeFileSync(
    path.join(bareDir, 'wrangler.toml'),
    [
      'name = "tandem-bench-bare"',
      `main = "${path.join(root, 'workers/api/bench/bare-worker.ts')}"`,
      'compatibility_date = "2026-11-01"',
      '[[d1_databases]]',
      'binding = "DB"',
      'database_name = "tandem-bench-bare"',
      'database_id = "00000000-0000-0000-0000-000000000000"',
      '',
    ].join('\n'),
  )
  const bare = await wranglerDev(
    [
      '--config',
      path.join(bareDir, 'wrangler.toml'),
      '--persist-to',
      bareDir,
      '--var',
      'APP_ENV:development',
    ],
    '/api/ping',
  )
  const app = await wranglerDev(
    [
      '--persist-to',
      state,
      // Local development: wrangler.toml says production.
      '--var',
      'APP_ENV:development',
      '--var',
      `PROTECTED_FIELDS_KEY:${randomBytes(32).toString('base64')}`,
    ],
    '/api/health',
  )

  // The coordinator signs in, runs matching on the city program and gives one mentee portal access.
  const coordinator = browser(app.base)
  await coordinator.api('POST', '/api/v1/auth/email', { email: DEMO_OWNER_EMAIL })
  const code = await mailTo(coordinator.api, DEMO_OWNER_EMAIL, /\b(\d{6})\b/)
  await coordinator.api('POST', '/api/v1/auth/verify', { email: DEMO_OWNER_EMAIL, code })
  const programs = await coordinator.api<{ items: { id: string; name: string }[] }>(
    'GET',
    `/api/v1/orgs/${DEMO_SLUG}/programs`,
  )
  const city = programs.items.find((p) => p.name === CITY)
  if (!city) throw new Error('the city program is missing')
  const program = `/api/v1/orgs/${DEMO_SLUG}/programs/${city.id}`
  const run = await coordinator.api<{ id: string }>('POST', `${program}/match-runs`, {
    mode: 'participation',
  })
  for (const deadline = Date.now() + 600_000; ; await sleep(500)) {
    const r = await coordinator.api<{ status: string }>('GET', `${program}/match-runs/${run.id}`)
    if (r.status === 'done') break
    if (r.status === 'failed' || Date.now() > deadline) throw new Error(`match run ${r.status}`)
  }
  const board = `${program}/match-runs/${run.id}/proposals?status=proposed&limit=500`
  const proposals = await coordinator.api<{ items: { id: string; mentee: { id: string } }[] }>('GET', board)
  const first = proposals.items[0]
  if (!first) throw new Error('no proposals')
  await coordinator.api('POST', `${program}/match-runs/${run.id}/proposals/decisions`, { accept: [first.id] })
  const mentee = await coordinator.api<{ email: string | null }>(
    'GET',
    `${program}/participants/${first.mentee.id}`,
  )
  if (!mentee.email) throw new Error('the matched mentee has no email address')
  await coordinator.api('POST', `${program}/participants/${first.mentee.id}/portal-access`)
  const token = await mailTo(coordinator.api, mentee.email, /token=([a-z2-9]{24})/)
  const portal = browser(app.base)
  await portal.api('POST', '/api/v1/invitations/accept', { token, name: 'Bench Mentee' })
  const mine = await portal.api<{ items: unknown[] }>('GET', `/api/v1/orgs/${DEMO_SLUG}/my/matches`)
  if (mine.items.length !== 1) throw new Error('the portal shows no tandem')

  const group = app.child.pid as number
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')
  console.log(
    `\n${cpus().length} cores (${cpus()[0]?.model}), Node.js ${process.version}; ${CONNECTIONS} connections, ${DURATION} s each`,
  )
  console.log(`load average before: ${load()}`)
  const cases: [string, string, string, number][] = [
    ['bare Hono route (reference)', `${bare.base}/api/ping`, '', bare.child.pid as number],
    // The same bare Worker sending one D1 statement: the floor for any read that asks the database here.
    ['bare Hono route + 1 D1 statement', `${bare.base}/api/d1`, '', bare.child.pid as number],
    // Our Worker's own stack (request log, headers, CSRF, session middleware without a cookie) and one D1
    // statement (`select 1`): what any read pays before its own queries.
    ['health: our middleware + 1 D1 statement', `${app.base}/api/health`, '', group],
    [
      'participants page (50 of 10,000)',
      `${app.base}${program}/participants?limit=50`,
      coordinator.cookie(),
      group,
    ],
    [
      'organization home: attention',
      `${app.base}/api/v1/orgs/${DEMO_SLUG}/attention`,
      coordinator.cookie(),
      group,
    ],
    [
      'organization home: first steps',
      `${app.base}/api/v1/orgs/${DEMO_SLUG}/first-steps`,
      coordinator.cookie(),
      group,
    ],
    [
      'match board (first page, 100 proposals)',
      `${app.base}${program}/match-runs/${run.id}/proposals?status=proposed&limit=100`,
      coordinator.cookie(),
      group,
    ],
    ['portal: my tandems', `${app.base}/api/v1/orgs/${DEMO_SLUG}/my/matches`, portal.cookie(), group],
  ]
  const results: Figures[] = []
  for (const [name, url, cookie, pgid] of cases) {
    results.push(await measure(name, url, cookie, pgid))
    console.log(`  ${name}: done (load ${load()})`)
  }
  const reference = results[0]?.rps ?? Number.NaN
  console.log('\n| read | req/s | of bare | p50 ms | p99 ms | errors | non-2xx | workerd CPU ms/req |')
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.rps.toFixed(0)} | ${((100 * r.rps) / reference).toFixed(0)}% | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.cpuMs.toFixed(2)} |`,
    )
  }
  console.log(`\nload average after: ${load()}`)
  const failed = results.filter((r) => r.errors > 0 || r.non2xx > 0)
  if (failed.length > 0) {
    console.error(`errors or non-2xx answers in: ${failed.map((r) => r.name).join(', ')}`)
    console.error(`wrangler dev's last output:\n${app.log().slice(-3000)}`)
    process.exitCode = 1
  }
} finally {
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  await sleep(500)
  rmSync(state, { recursive: true, force: true })
}
