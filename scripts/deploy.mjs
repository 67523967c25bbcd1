#!/usr/bin/env node
// `pnpm run deploy` (or `npm run deploy`): set up and deploy Tandem to your own Cloudflare account. Safe to run
// again: it creates only what is missing, never replaces a secret that is set, applies only pending migrations.
// Step by step, with every variable and secret explained: docs/deploy.md.
//
//   pnpm run deploy -- --origin https://tandem.example.org --from "Tandem <no-reply@example.org>"
//   pnpm run deploy -- --dry-run                 prints every command, runs none
//
// Options: --origin URL (APP_ORIGIN), --from ADDRESS (EMAIL_FROM) — both remembered in wrangler.deploy.toml;
// --jurisdiction eu (the main database, when it is created); --eu-database (also create tandem-eu, bound as
// DB_EU, for placements to come); --free-plan (leave out the CPU limit the Free plan refuses; remembered);
// --custom-domain (serve APP_ORIGIN's host as a Custom Domain; its zone must be on the account; remembered);
// --generate-protected-fields-key, --generate-operator-token; --no-install (dependencies already installed);
// --dry-run.
// Secrets come from environment variables of the same name when set (CI), else they are asked for.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  checkOrigin,
  checkSecret,
  DEPLOY_CONFIG,
  describeStep,
  EU_DATABASE,
  planDeploy,
  readWranglerToml,
  renderDeployConfig,
  SECRETS,
} from './deploy-plan.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
process.env.WRANGLER_SEND_METRICS = 'false'
process.env.TURBO_TELEMETRY_DISABLED = '1'

const args = process.argv.slice(2)
const flag = (name) => args.includes(name)
const value = (name) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const dryRun = flag('--dry-run')

// Node 22 and pnpm as `npm test` gets them, when missing (see scripts/tandem.mjs).
const [major, minor] = process.versions.node.split('.').map(Number)
const pnpmOk = spawnSync('pnpm', ['--version'], { encoding: 'utf8' }).status === 0
if (!(major > 22 || (major === 22 && minor >= 12)) || !pnpmOk) {
  if (process.env.TANDEM_TOOLCHAIN === 'npx') {
    console.error('Could not get Node.js >= 22.12 and pnpm 10 from the npm registry.')
    process.exit(1)
  }
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
  const r = spawnSync(
    npx,
    ['-y', '-p', 'node@22', '-p', 'pnpm@10.20.0', '--', 'node', 'scripts/deploy.mjs', ...args],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TANDEM_TOOLCHAIN: 'npx' },
    },
  )
  process.exit(r.status ?? 1)
}

function say(message) {
  console.log(`\n\x1b[1m▸ ${message}\x1b[0m`)
}
function fail(message) {
  console.error(`\n✗ ${message}`)
  process.exit(1)
}
/** Runs a command, its output shown; stops the deploy when it fails. */
function run(command) {
  console.log(`$ ${describeStep({ command })}`)
  const [bin, ...rest] = command
  const r = spawnSync(bin, rest, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) fail(`${describeStep({ command })} failed (exit ${r.status ?? r.signal}).`)
}
/** Runs a read-only wrangler command and returns its output. */
function read(...wranglerArgs) {
  return spawnSync('pnpm', ['exec', 'wrangler', ...wranglerArgs], { cwd: root, encoding: 'utf8' })
}

/** Asks on the terminal without echoing what is typed. */
async function ask(question) {
  process.stdout.write(question)
  process.stdin.setRawMode(true)
  process.stdin.resume()
  process.stdin.setEncoding('utf8')
  let answer = ''
  for await (const chunk of process.stdin) {
    for (const ch of chunk) {
      if (ch === '\u0003') process.exit(130)
      if (ch === '\r' || ch === '\n') {
        process.stdin.setRawMode(false)
        process.stdin.pause()
        process.stdout.write('\n')
        return answer.trim()
      }
      answer = ch === '\u007f' ? answer.slice(0, -1) : answer + ch
    }
  }
  return answer.trim()
}

const config = readWranglerToml(readFileSync(path.join(root, 'wrangler.toml'), 'utf8'))
const deployConfigPath = path.join(root, DEPLOY_CONFIG)
const previous = existsSync(deployConfigPath) ? readFileSync(deployConfigPath, 'utf8') : ''
const remembered = (key) => previous.match(new RegExp(`^${key} = "(.*)"$`, 'm'))?.[1]
const vars = {
  APP_ORIGIN: value('--origin') ?? process.env.APP_ORIGIN ?? remembered('APP_ORIGIN'),
  EMAIL_FROM: value('--from') ?? process.env.EMAIL_FROM ?? remembered('EMAIL_FROM'),
}
const provided = SECRETS.map((s) => s.name).filter((name) => process.env[name])
const customDomain = flag('--custom-domain') || /custom_domain = true/.test(previous)
const freePlan = flag('--free-plan') || /^# \[limits\] left out/m.test(previous)
const options = {
  jurisdiction: value('--jurisdiction'),
  euDatabase: flag('--eu-database') || /DB_EU/.test(previous),
  provided,
}
// With the EU database, sign-up offers EU residency on it (decision 044).
if (options.euDatabase) vars.EU_PLACEMENT = EU_DATABASE.placement

if (dryRun) {
  // Nothing is run, not even the read-only look-ups: the plan is the one for an account that holds nothing yet.
  const plan = planDeploy({ config, inventory: { databases: [], queues: [], secrets: null }, options })
  console.log(
    'Dry run: nothing is run. A real run first runs `pnpm install --frozen-lockfile --prefer-offline`,',
  )
  console.log('then, read-only:')
  console.log('  pnpm exec wrangler whoami --json')
  console.log('  pnpm exec wrangler d1 list --json')
  console.log('  pnpm exec wrangler queues list')
  console.log(`  pnpm exec wrangler secret list --format json --name ${config.name}`)
  console.log('and skips what already exists. For an account that holds nothing yet it runs:')
  for (const step of plan.steps) console.log(`  ${describeStep(step)}\n      # ${step.why}`)
  console.log(`Secrets it would set: ${[...plan.secrets, ...plan.missing].join(', ')}`)
  if (plan.optional.length) console.log(`Optional secrets not given: ${plan.optional.join(', ')}`)
  process.exit(0)
}

for (const [key, v] of Object.entries(vars)) {
  if (!v)
    fail(`${key} is needed: pass --${key === 'APP_ORIGIN' ? 'origin' : 'from'} (remembered afterwards).`)
}
const originProblem = checkOrigin(vars.APP_ORIGIN)
if (originProblem) fail(originProblem)
if (!vars.EMAIL_FROM.includes('@')) fail('EMAIL_FROM must be an address on your Resend domain.')

if (!flag('--no-install')) {
  say('Installing dependencies')
  run(['pnpm', 'install', '--frozen-lockfile', '--prefer-offline'])
}

say('Checking the Cloudflare login (wrangler whoami)')
const whoami = read('whoami', '--json')
if (whoami.status !== 0) {
  fail(
    `Not logged in (or Cloudflare cannot be reached): run \`pnpm exec wrangler login\`, or set CLOUDFLARE_API_TOKEN (docs/deploy.md).\n${whoami.stderr}`,
  )
}

say('Looking at what the account holds')
const d1 = read('d1', 'list', '--json')
if (d1.status !== 0) fail(`wrangler d1 list failed:\n${d1.stderr}`)
const databases = JSON.parse(d1.stdout.slice(d1.stdout.indexOf('[')))
const queueList = read('queues', 'list')
if (queueList.status !== 0) fail(`wrangler queues list failed:\n${queueList.stderr}`)
// `queues list` prints a table (it has no --json); a queue exists when its name fills a cell.
const queues = config.queues.filter((q) => new RegExp(`[│|]\\s*${q}\\s*[│|]`).test(queueList.stdout))
const secretList = read('secret', 'list', '--format', 'json', '--name', config.name)
let secrets = null
if (secretList.status === 0)
  secrets = JSON.parse(secretList.stdout.slice(secretList.stdout.indexOf('['))).map((s) => s.name)
else if (!/not found/i.test(secretList.stdout + secretList.stderr))
  fail(`wrangler secret list failed:\n${secretList.stderr}`)

const plan = planDeploy({ config, inventory: { databases, queues, secrets }, options })
for (const name of provided)
  if (secrets?.includes(name))
    console.log(`${name} is already set; not replaced (docs/deploy.md says how to change it).`)

// Secret values, before anything changes in the account: from the environment, generated, or asked for.
const values = {}
for (const name of plan.secrets) {
  values[name] = process.env[name] || randomBytes(32).toString('base64url')
}
const generateFlag = {
  PROTECTED_FIELDS_KEY: '--generate-protected-fields-key',
  OPERATOR_TOKEN: '--generate-operator-token',
}
const generated = []
for (const name of [...plan.missing, ...plan.optional]) {
  const secret = SECRETS.find((s) => s.name === name)
  if (generateFlag[name] && flag(generateFlag[name])) {
    values[name] = randomBytes(32).toString('base64')
    generated.push(name)
  } else if (process.stdin.isTTY) {
    const answer = await ask(`${name} — ${secret.what}${secret.required ? '' : ' (Enter to skip)'}: `)
    if (answer) values[name] = answer
    else if (secret.required) fail(`${name} is required.`)
  } else if (secret.required) {
    fail(
      `${name} is not set: give it as an environment variable${generateFlag[name] ? ` or pass ${generateFlag[name]}` : ''}.`,
    )
  }
}

for (const [name, v] of Object.entries(values)) {
  const problem = checkSecret(name, v)
  if (problem) fail(`${problem} (nothing has been changed in the account).`)
}

if (generated.length) {
  // Shown before anything is uploaded, so a failed run never leaves a key nobody has a copy of.
  say('Generated — shown only this once; keep them in your password manager before going on:')
  for (const name of generated) console.log(`  ${name}=${values[name]}`)
  console.log('Without PROTECTED_FIELDS_KEY no sealed value can ever be read again (docs/deploy.md, Keys).')
}

for (const step of plan.steps) {
  say(step.why)
  if (Array.isArray(step.command) && step.command.includes('--secrets-file')) {
    // A file only this user can read, outside the repository, removed right after the upload.
    const dir = mkdtempSync(path.join(tmpdir(), 'tandem-secrets-'))
    const file = path.join(dir, 'secrets.json')
    writeFileSync(file, JSON.stringify(values), { mode: 0o600 })
    try {
      run(step.command.map((a) => (a === '<secrets-file>' ? file : a)))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  } else if (Array.isArray(step.command)) {
    run(step.command)
  } else {
    // The databases as they are now (including any just created), into the git-ignored config.
    const list = read('d1', 'list', '--json')
    if (list.status !== 0) fail(`wrangler d1 list failed:\n${list.stderr}`)
    const now = JSON.parse(list.stdout.slice(list.stdout.indexOf('[')))
    const idOf = (name) =>
      now.find((d) => d.name === name)?.uuid ?? fail(`database ${name} not found after creating it`)
    const databaseIds = Object.fromEntries(config.databases.map((d) => [d.name, idOf(d.name)]))
    const extraDatabases = options.euDatabase
      ? [
          {
            ...EU_DATABASE,
            id: idOf(EU_DATABASE.name),
            note: 'EU jurisdiction: organizations that ask for EU residency are placed here (EU_PLACEMENT).',
          },
        ]
      : []
    writeFileSync(
      deployConfigPath,
      renderDeployConfig(readFileSync(path.join(root, 'wrangler.toml'), 'utf8'), {
        databaseIds,
        extraDatabases,
        vars,
        freePlan,
        customDomain,
      }),
    )
    console.log(`wrote ${DEPLOY_CONFIG}`)
  }
}

say(
  `Deployed. Open ${vars.APP_ORIGIN}/api/health, then ${vars.APP_ORIGIN}/signup for the first organization.`,
)
