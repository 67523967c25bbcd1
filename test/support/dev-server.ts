import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { DEMO } from './demo'
import { listMailbox, waitForMail } from './mailbox'

const root = path.resolve(import.meta.dirname, '../..')

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function pnpmExec(args: string[], persist: string) {
  const result = spawnSync('pnpm', ['exec', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  })
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr} (${persist})`)
}

/**
 * Starts Tandem as `pnpm dev` does — migrations applied to a fresh local D1, demo seeded,
 * `wrangler dev` serving the built web client — on a free port with its own state directory.
 * Expects the web client to be built (web/dist).
 */
export default async function setup(project: TestProject) {
  const state = mkdtempSync(path.join(tmpdir(), 'tandem-e2e-'))
  pnpmExec(['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], state)
  pnpmExec(['tsx', 'scripts/seed.ts', path.join(state, 'v3/d1/miniflare-D1DatabaseObject')], state)
  const port = await freePort()
  // The Resend webhook's signing secret for this run: tests sign delivery events with it.
  const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`
  const child: ChildProcess = spawn(
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
      '--test-scheduled',
      // A throwaway key for protected fields (a developer's .dev.vars is not used by tests).
      // Local development: wrangler.toml says production.
      '--var',
      'APP_ENV:development',
      '--var',
      `PROTECTED_FIELDS_KEY:${randomBytes(32).toString('base64')}`,
      '--var',
      `RESEND_WEBHOOK_SECRET:${webhookSecret}`,
      // Links in scheduled email (weekly summary, unsubscribe) point at this server.
      '--var',
      `APP_ORIGIN:http://127.0.0.1:${port}`,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, CI: 'true' } },
  )
  // The server's own log, kept for reading after a failure (git-ignored).
  mkdirSync(path.join(root, 'test-results'), { recursive: true })
  const logFile = createWriteStream(path.join(root, 'test-results', 'wrangler-dev.log'))
  let output = ''
  child.stdout?.on('data', (d) => {
    output += d
    logFile.write(d)
  })
  child.stderr?.on('data', (d) => {
    output += d
    logFile.write(d)
  })
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${output}`)
    try {
      const res = await fetch(`${baseUrl}/api/health`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not answer within 60 s:\n${output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  project.provide('baseUrl', baseUrl)
  project.provide('demoOwnerSession', await signInOnce(baseUrl, DEMO.ownerEmail))
  project.provide('webhookSecret', webhookSecret)
  return async () => {
    if (child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 300))
    rmSync(state, { recursive: true, force: true })
  }
}

/**
 * Signs the demo organization's owner in once for the whole run and hands the session to every test file
 * (`signIn()` puts it into a browser context). Signing in anew in each file would ask for more sign-in emails
 * to one address than the product allows (5 per 15 minutes), as a real person would be stopped too.
 */
async function signInOnce(baseUrl: string, email: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
  const asked = await post('/api/v1/auth/email', { email })
  if (asked.status !== 202) throw new Error(`auth/email answered ${asked.status}: ${await asked.text()}`)
  const mail = await waitForMail(baseUrl, email, { seen })
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1]
  if (!code) throw new Error(`no 6-digit code in:\n${mail.text}`)
  const verified = await post('/api/v1/auth/verify', { email, code })
  if (verified.status !== 200)
    throw new Error(`auth/verify answered ${verified.status}: ${await verified.text()}`)
  const token = /(?:^|,\s*)__Host-tandem_session=([^;]+)/.exec(verified.headers.get('set-cookie') ?? '')?.[1]
  if (!token) throw new Error('auth/verify set no session cookie')
  return token
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    /** The demo owner's session token (cookie `__Host-tandem_session`), signed in once per run. */
    demoOwnerSession: string
    webhookSecret: string
  }
}
