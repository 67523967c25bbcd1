/**
 * `pnpm bench:match-run:workerd` — a coordinator's match run on a 10,000-newcomer program, in the real runtime:
 * `wrangler dev` (workerd, local D1 and Queues) with the demo organization and `pnpm seed:city`'s program, driven
 * through the HTTP API as the web client does (sign in, start the run, poll its progress, load the board's first
 * page of proposals, accept 50). Prints the time of each step; compare with `pnpm bench:match-run` (the same
 * job in Node through libSQL). Needs the web client built (`pnpm --filter @tandem/web build`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const OWNER = 'coordinator@demo-city.example'
const SLUG = 'demo-city'

if (!existsSync(path.join(root, 'web/dist/index.html'))) {
  console.error('Build the web client first: pnpm --filter @tandem/web build')
  process.exit(1)
}

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

const state = mkdtempSync(path.join(tmpdir(), 'tandem-bench-workerd-'))
const d1 = path.join(state, 'v3/d1/miniflare-D1DatabaseObject')
let child: ChildProcess | undefined
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

try {
  exec(['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state])
  exec(['tsx', 'scripts/seed.ts', d1])
  console.log(exec(['tsx', 'scripts/seed-city.ts', d1]).trim())

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
      '--persist-to',
      state,
      // Local development: wrangler.toml says production.
      '--var',
      'APP_ENV:development',
      '--var',
      `PROTECTED_FIELDS_KEY:${randomBytes(32).toString('base64')}`,
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

  // A same-origin client with the session cookie, as the browser is.
  let cookie = ''
  const api = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        origin: base,
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
  await api('POST', '/api/v1/auth/email', { email: OWNER })
  let code: string | undefined
  for (const deadline = Date.now() + 30_000; !code && Date.now() < deadline; ) {
    const mail = await api<{ items: { to: string; text: string }[] }>('GET', '/api/dev/mailbox?limit=20')
    code = /\b(\d{6})\b/.exec(mail.items.find((m) => m.to === OWNER)?.text ?? '')?.[1]
    if (!code) await new Promise((r) => setTimeout(r, 250))
  }
  if (!code) throw new Error('no sign-in code arrived')
  await api('POST', '/api/v1/auth/verify', { email: OWNER, code })

  const programs = await api<{ items: { id: string; name: string }[] }>(
    'GET',
    `/api/v1/orgs/${SLUG}/programs`,
  )
  const city = programs.items.find((p) => p.name.startsWith('City-wide Tandems'))
  if (!city) throw new Error('the city program is missing')
  const runs = `/api/v1/orgs/${SLUG}/programs/${city.id}/match-runs`

  const started = performance.now()
  const run = await api<{ id: string }>('POST', runs, { mode: 'participation' })
  console.log(`\nmatch run ${run.id} on "${city.name}" (workerd, local D1 and Queues)`)
  console.log('progress  at')
  let last = -1
  let longestPoll = 0
  let done: { status: string; error: string | null; stats: Record<string, unknown> | null } | undefined
  for (const deadline = Date.now() + 600_000; Date.now() < deadline; ) {
    const asked = performance.now()
    const r = await api<{
      status: string
      progress: number
      error: string | null
      stats: Record<string, unknown> | null
    }>('GET', `${runs}/${run.id}`)
    longestPoll = Math.max(longestPoll, performance.now() - asked)
    if (r.progress !== last) {
      console.log(`${String(r.progress).padStart(7)}%  ${seconds(performance.now() - started)}`)
      last = r.progress
    }
    if (r.status === 'done' || r.status === 'failed') {
      done = r
      break
    }
    await new Promise((res) => setTimeout(res, 200))
  }
  const total = performance.now() - started
  if (!done) throw new Error('the run did not finish within 10 minutes')
  console.log(`${done.status} in ${seconds(total)} (from the request to the last poll, 200 ms polling)`)
  console.log(`longest wait for a progress answer: ${longestPoll.toFixed(0)} ms`)
  if (done.error) console.log(`error: ${done.error}`)
  const { unmatchedMentees: _, ...stats } = (done.stats ?? {}) as Record<string, unknown>
  console.log(JSON.stringify(stats))

  let t = performance.now()
  const page = await api<{ items: { id: string }[] }>(
    'GET',
    `${runs}/${run.id}/proposals?status=proposed&limit=500`,
  )
  console.log(
    `\nboard: first 500 proposals with explanations loaded in ${(performance.now() - t).toFixed(0)} ms`,
  )
  t = performance.now()
  const decided = await api<{ accepted: unknown[] }>('POST', `${runs}/${run.id}/proposals/decisions`, {
    accept: page.items.slice(0, 50).map((p) => p.id),
  })
  console.log(
    `accepted ${decided.accepted.length} proposals (one request) in ${(performance.now() - t).toFixed(0)} ms`,
  )
  // Both people of every accepted pair get an introduction, through the outbox and the queue.
  const expected = decided.accepted.length * 2
  let delivered = 0
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    const mail = await api<{ items: { to: string }[] }>('GET', '/api/dev/mailbox?limit=200')
    delivered = mail.items.filter((m) => m.to.endsWith('@city.example')).length
    if (delivered >= expected) break
    await new Promise((r) => setTimeout(r, 250))
  }
  console.log(
    `${delivered} of ${expected} introduction emails delivered ${seconds(performance.now() - t)} after accepting`,
  )
} finally {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  await new Promise((r) => setTimeout(r, 500))
  rmSync(state, { recursive: true, force: true })
}
