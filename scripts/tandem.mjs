#!/usr/bin/env node
// Tandem's two entry points, `dev` and `test`, runnable on any machine with Node.js >= 20 and npm.
// When Node.js >= 22.12 or pnpm is missing, this re-runs itself under Node 22 and pnpm taken from the
// npm registry (npx -p node@22 -p pnpm@10.20.0): nothing has to be installed by hand.
// Plain JavaScript on purpose: it must run before dependencies are installed.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const [task, ...rest] = process.argv.slice(2)
const PNPM = 'pnpm@10.20.0'
// No telemetry from the tools (and no waiting on a network that may not be there).
process.env.TURBO_TELEMETRY_DISABLED = '1'
process.env.WRANGLER_SEND_METRICS = 'false'
process.env.DO_NOT_TRACK = '1'

function log(message) {
  console.log(`\n\x1b[1m▸ ${message}\x1b[0m`)
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options })
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`)
    process.exit(result.status || 1)
  }
}

/** Runs several commands at once, each line of their output prefixed with its name; exits if any fails. */
async function runTogether(jobs) {
  const started = Date.now()
  const results = await Promise.all(
    jobs.map(
      ({ name, command, args }) =>
        new Promise((resolve) => {
          const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
          for (const stream of [child.stdout, child.stderr]) {
            let rest = ''
            stream.setEncoding('utf8')
            stream.on('data', (chunk) => {
              const lines = (rest + chunk).split('\n')
              rest = lines.pop() ?? ''
              for (const line of lines) console.log(`[${name}] ${line}`)
            })
            stream.on('end', () => rest && console.log(`[${name}] ${rest}`))
          }
          child.on('close', (code, signal) => {
            console.log(
              `[${name}] finished (exit ${code ?? signal}) after ${Math.round((Date.now() - started) / 1000)} s`,
            )
            resolve({ name, ok: code === 0, code: code ?? signal })
          })
        }),
    ),
  )
  const failed = results.filter((r) => !r.ok)
  for (const r of failed) console.error(`\n✗ ${r.name} failed (exit ${r.code}).`)
  if (failed.length > 0) process.exit(1)
}

/**
 * The browser tests drive Debian's Chromium. On a machine without it, root installs it from Debian's packages (as
 * CI does); anyone else is told the one command to run, before the long steps begin.
 */
function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (existsSync(chromium)) return
  const aptGet = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
  if (process.getuid?.() === 0 && aptGet && chromium === '/usr/bin/chromium') {
    log("Installing Debian's chromium for the browser tests (apt-get)")
    run('apt-get', ['update', '-qq'])
    run('apt-get', ['install', '-y', '-qq', 'chromium'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    return
  }
  console.error(
    `\n✗ Browser tests need Chromium at ${chromium}. On Debian: sudo apt-get install -y chromium` +
      ' (or set CHROMIUM_PATH).',
  )
  process.exit(1)
}

function toolchainReady() {
  const [major, minor] = process.versions.node.split('.').map(Number)
  const nodeOk = major > 22 || (major === 22 && minor >= 12)
  const pnpm = spawnSync('pnpm', ['--version'], { encoding: 'utf8' })
  const pnpmOk = pnpm.status === 0 && Number(pnpm.stdout.trim().split('.')[0]) >= 10
  return nodeOk && pnpmOk
}

/**
 * Local settings for `wrangler dev`, kept in the git-ignored .dev.vars: development mode (email goes to the dev
 * mailbox) and a random key for protected fields.
 */
function ensureDevSecrets() {
  const file = path.join(root, '.dev.vars')
  const add = (line) => {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : ''
    appendFileSync(file, `${current && !current.endsWith('\n') ? '\n' : ''}${line}\n`)
  }
  const has = (name) => existsSync(file) && new RegExp(`^${name}=`, 'm').test(readFileSync(file, 'utf8'))
  if (!has('APP_ENV')) {
    // wrangler.toml says production; local development is the explicit override.
    add('APP_ENV=development')
    log('Set APP_ENV=development for local work in .dev.vars')
  }
  if (!has('PROTECTED_FIELDS_KEY')) {
    add(`PROTECTED_FIELDS_KEY=${randomBytes(32).toString('base64')}`)
    log('Created a local encryption key for protected fields in .dev.vars')
  }
}

if (task !== 'dev' && task !== 'test') {
  console.error('usage: node scripts/tandem.mjs dev|test')
  process.exit(2)
}

if (!toolchainReady()) {
  if (process.env.TANDEM_TOOLCHAIN === 'npx') {
    console.error('Could not get Node.js >= 22.12 and pnpm 10 from the npm registry.')
    process.exit(1)
  }
  log(`Node.js ${process.versions.node} found; getting Node.js 22 and ${PNPM} from the npm registry`)
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
  const result = spawnSync(
    npx,
    ['-y', '-p', 'node@22', '-p', PNPM, '--', 'node', 'scripts/tandem.mjs', task, ...rest],
    { cwd: root, stdio: 'inherit', env: { ...process.env, TANDEM_TOOLCHAIN: 'npx' } },
  )
  process.exit(result.status ?? 1)
}

log('Installing dependencies (pnpm install --frozen-lockfile)')
run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'])

if (task === 'dev') {
  const port = process.env.PORT ?? '8787'
  log('Building the web client')
  run('pnpm', ['--filter', '@tandem/web', 'run', 'build'])
  log('Applying migrations to the local D1 database')
  run('pnpm', ['exec', 'wrangler', 'd1', 'migrations', 'apply', 'DB', '--local'], {
    env: { ...process.env, CI: 'true' },
  })
  ensureDevSecrets()
  log('Seeding demo data (only into an empty database)')
  run('pnpm', ['exec', 'tsx', 'scripts/seed.ts'])
  log(`Starting Tandem on http://localhost:${port}  (dev mailbox: http://localhost:${port}/dev/mailbox)`)
  const local = ['--var', 'APP_ENV:development', '--var', `APP_ORIGIN:http://localhost:${port}`]
  const child = spawn(
    'pnpm',
    ['exec', 'wrangler', 'dev', '--port', port, '--test-scheduled', ...local, ...rest],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  // Local workerd does not fire cron triggers by itself; tick the scheduled handler the way
  // Cloudflare's cron would, so due email leaves the outbox while you work.
  const tick = setInterval(() => {
    fetch(`http://localhost:${port}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*`).catch(() => {})
  }, 15_000)
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => {
    clearInterval(tick)
    process.exit(code ?? 0)
  })
} else {
  ensureChromium()
  log('Lint and format check (biome)')
  run('pnpm', ['exec', 'biome', 'check', '.'])
  log('Typecheck (every package)')
  run('pnpm', ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only'])
  log('Building the web client and bundling the Worker as a deploy would (wrangler deploy --dry-run, sizes)')
  run('pnpm', ['--filter', '@tandem/web', 'run', 'build'])
  // Fails when the bundle cannot be built or is over budget; needs no account and no network.
  run('node', ['scripts/worker-size.mjs'])
  log('The deploy plan (pnpm run deploy, no network)')
  run('node', ['--test', 'scripts/deploy-plan.test.mjs'])
  // The browser tests spend most of their time waiting on pages and `wrangler dev`, so they run beside the
  // workerd tests rather than after them; each line says which suite wrote it.
  log('Tests: workerd (D1, Queues), libSQL contract, pure packages — and, beside them, the browser tests')
  await runTogether([
    {
      name: 'unit',
      command: 'pnpm',
      args: [
        'exec',
        'turbo',
        'run',
        'test',
        '--filter=!@tandem/e2e',
        '--concurrency=1',
        '--output-logs=full',
      ],
    },
    { name: 'browser', command: 'pnpm', args: ['--filter', '@tandem/e2e', 'run', 'test'] },
  ])
  log('All checks passed')
}
