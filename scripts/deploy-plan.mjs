// What `pnpm run deploy` does, as data: given what already exists in the Cloudflare account, the list of
// commands to run. Pure functions, no network and no files, so the plan is unit-tested
// (scripts/deploy-plan.test.mjs) and `--dry-run` prints exactly what a run would do.
//
// Account-specific ids never go into the committed wrangler.toml: the plan renders a git-ignored
// `wrangler.deploy.toml` (wrangler.toml with the real database id, APP_ORIGIN and EMAIL_FROM) and every remote
// command runs with `-c wrangler.deploy.toml`.

/** The local, git-ignored configuration every remote command uses. */
export const DEPLOY_CONFIG = 'wrangler.deploy.toml'

/** The database id committed in wrangler.toml; good for local development only. */
export const PLACEHOLDER_DATABASE_ID = '00000000-0000-4000-8000-000000000000'

/**
 * The extra database for organizations whose data must stay in the EU (decision 044). Created only with
 * `--eu-database`; bound as `DB_EU`, migrated with the main one, and offered at sign-up as EU residency
 * (`EU_PLACEMENT = "d1:DB_EU"`).
 */
export const EU_DATABASE = { binding: 'DB_EU', name: 'tandem-eu', jurisdiction: 'eu', placement: 'd1:DB_EU' }

/**
 * The Worker's secrets (workers/api/src/env.ts). `required`: the deploy stops without it. `generate`: 'auto'
 * (nobody needs to know the value), 'asked' (generated only with a flag, and shown once, because the operator
 * must keep a copy), or none (it comes from elsewhere).
 */
export const SECRETS = [
  { name: 'RESEND_API_KEY', required: true, what: 'Resend API key (re_…) with permission to send' },
  {
    name: 'EMAIL_LINK_SECRET',
    required: true,
    generate: 'auto',
    what: 'signs unsubscribe links (32+ characters)',
  },
  {
    name: 'PROTECTED_FIELDS_KEY',
    required: true,
    generate: 'asked',
    what: 'master key of protected fields and notes (32 bytes, base64)',
  },
  {
    name: 'RESEND_WEBHOOK_SECRET',
    required: false,
    what: 'signing secret (whsec_…) of the Resend webhook; without it delivery events are refused',
  },
  {
    name: 'OPERATOR_TOKEN',
    required: false,
    generate: 'asked',
    what: "bearer token of the operator's routes (key rotation); without it they answer 404",
  },
]

const quoted = (key) => new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, 'gm')
const all = (text, key) => [...text.matchAll(quoted(key))].map((m) => m[1])

/**
 * The names wrangler.toml uses: the Worker, its D1 databases and every queue it produces to, consumes from or
 * dead-letters into. Read line by line: the file is ours and kept in this shape (a test reads the real one).
 */
export function readWranglerToml(text) {
  const name = all(text, 'name')[0]
  const bindings = all(text, 'binding')
  const databases = []
  for (const block of text.split(/^\[\[d1_databases\]\]\s*$/m).slice(1)) {
    const body = block.split(/^\[/m)[0]
    databases.push({ binding: all(body, 'binding')[0], name: all(body, 'database_name')[0] })
  }
  const queues = [...new Set([...all(text, 'queue'), ...all(text, 'dead_letter_queue')])]
  if (!name || databases.length === 0 || !bindings.includes('DB')) {
    throw new Error('wrangler.toml: expected a Worker name and a D1 database bound as DB')
  }
  return { name, databases, queues }
}

/**
 * wrangler.toml with this account's database ids and the public settings, plus the extra databases that exist.
 * Fails when wrangler.toml no longer has the lines it replaces, rather than deploy the placeholder.
 */
export function renderDeployConfig(
  text,
  { databaseIds, extraDatabases = [], vars, freePlan = false, customDomain = false },
) {
  let out = text
  if (customDomain) {
    // Serve APP_ORIGIN's host as a Custom Domain (its zone must be on the same account); a top-level key, so it
    // goes before the first [table].
    const host = new URL(vars.APP_ORIGIN).hostname
    out = out.replace(/^\[/m, `routes = [{ pattern = "${host}", custom_domain = true }]\n\n[`)
  }
  if (freePlan) {
    // The Free plan refuses a deploy that sets a CPU limit (API code 100328); its own limit is 10 ms a request.
    const limits = /^\[limits\]\s*\n(?:\s*cpu_ms\s*=.*\n)/m
    if (!limits.test(out)) throw new Error('wrangler.toml: no [limits] cpu_ms block to leave out')
    out = out.replace(
      limits,
      '# [limits] left out: the Free plan refuses a CPU limit (its own is 10 ms a request).\n',
    )
  }
  for (const [name, id] of Object.entries(databaseIds)) {
    const block = new RegExp(
      `(database_name\\s*=\\s*"${name}"\\s*\\n(?:\\s*#.*\\n)*\\s*database_id\\s*=\\s*")[^"]*(")`,
    )
    if (!block.test(out)) throw new Error(`wrangler.toml: no database_id line after database_name "${name}"`)
    out = out.replace(block, `$1${id}$2`)
  }
  for (const [key, value] of Object.entries(vars)) {
    const line = new RegExp(`^${key}\\s*=\\s*".*"$`, 'm')
    if (!line.test(out)) throw new Error(`wrangler.toml: no ${key} line in [vars]`)
    out = out.replace(line, `${key} = ${JSON.stringify(value)}`)
  }
  for (const db of extraDatabases) {
    out += `\n# ${db.note}\n[[d1_databases]]\nbinding = "${db.binding}"\ndatabase_name = "${db.name}"\ndatabase_id = "${db.id}"\nmigrations_dir = "migrations"\n`
  }
  return `# Generated by \`pnpm run deploy\` from wrangler.toml for one Cloudflare account. Git-ignored: never commit it.\n# Re-run \`pnpm run deploy\` (or \`node scripts/deploy.mjs --dry-run\`) after wrangler.toml changes.\n\n${out}`
}

/** APP_ORIGIN as the Worker will read it; a deploy refuses anything but a public https origin. */
export function checkOrigin(value) {
  let url
  try {
    url = new URL(value)
  } catch {
    return 'APP_ORIGIN must be a URL such as https://tandem.example.org'
  }
  if (url.protocol !== 'https:') return 'APP_ORIGIN must start with https://'
  if (/^(localhost|127\.|\[::1\])/.test(url.hostname)) return 'APP_ORIGIN must be the public address'
  return null
}

/** The shapes workers/api/src/env.ts accepts; a value it would refuse is refused before anything is uploaded. */
const SHAPES = {
  EMAIL_LINK_SECRET: [/^.{32,}$/s, 'at least 32 characters'],
  PROTECTED_FIELDS_KEY: [/^[A-Za-z0-9+/]{43}=$/, '32 bytes in base64 (44 characters ending in =)'],
  PROTECTED_FIELDS_KEY_PREVIOUS: [/^[A-Za-z0-9+/]{43}=$/, '32 bytes in base64 (44 characters ending in =)'],
  RESEND_WEBHOOK_SECRET: [/^(whsec_)?[A-Za-z0-9+/]{16,}={0,2}$/, 'whsec_ followed by base64'],
  OPERATOR_TOKEN: [/^.{32,}$/s, 'at least 32 characters'],
}

/** Null when the Worker will accept the value, else what it must be. */
export function checkSecret(name, value) {
  const shape = SHAPES[name]
  if (!value) return `${name} is empty`
  return shape && !shape[0].test(value) ? `${name} must be ${shape[1]}` : null
}

const wrangler = (...args) => ['pnpm', 'exec', 'wrangler', ...args]

/**
 * The commands of one deploy.
 *
 * - `config`: readWranglerToml(wrangler.toml)
 * - `inventory`: what the account holds — `databases` ([{ name, uuid }], from `wrangler d1 list --json`),
 *   `queues` (names), `secrets` (names set on the Worker; null when the Worker does not exist yet)
 * - `options`: `jurisdiction` of the main database when it is created ('eu', …), `euDatabase` (also create the
 *   extra EU database), `provided` (names of secrets whose values were given, e.g. as environment variables)
 *
 * Returns `steps` (each `{ command, why }`: an argument list, or `{ write: path }`), `secrets` (names the
 * deploy sets, none of them already set), `missing` (required secrets neither set nor given nor generated
 * automatically: the run must ask for them or stop), `optional` (optional secrets not set and not given).
 */
export function planDeploy({ config, inventory, options = {} }) {
  const steps = []
  const have = new Set(inventory.databases.map((d) => d.name))
  const databases = [...config.databases]
  if (options.euDatabase) databases.push(EU_DATABASE)
  for (const db of databases) {
    if (have.has(db.name)) continue
    const jurisdiction = db === EU_DATABASE ? db.jurisdiction : options.jurisdiction
    steps.push({
      command: wrangler('d1', 'create', db.name, ...(jurisdiction ? ['--jurisdiction', jurisdiction] : [])),
      why: `D1 database ${db.name} (binding ${db.binding}) does not exist`,
    })
  }
  const queues = new Set(inventory.queues)
  for (const queue of config.queues) {
    if (queues.has(queue)) continue
    steps.push({ command: wrangler('queues', 'create', queue), why: `queue ${queue} does not exist` })
  }
  steps.push({
    command: { write: DEPLOY_CONFIG },
    why: 'wrangler.toml with this account’s database ids, APP_ORIGIN and EMAIL_FROM',
  })

  const set = new Set(inventory.secrets ?? [])
  const provided = new Set(options.provided ?? [])
  const secrets = []
  const missing = []
  const optional = []
  for (const secret of SECRETS) {
    if (set.has(secret.name)) continue
    if (provided.has(secret.name) || (secret.required && secret.generate === 'auto'))
      secrets.push(secret.name)
    else if (secret.required) missing.push(secret.name)
    else optional.push(secret.name)
  }

  steps.push({ command: ['pnpm', '--filter', '@tandem/web', 'run', 'build'], why: 'the web client (assets)' })
  steps.push({
    command: wrangler('d1', 'migrations', 'apply', 'DB', '--remote', '-c', DEPLOY_CONFIG),
    why: 'migrations before the code that needs them',
  })
  if (options.euDatabase)
    steps.push({
      command: wrangler('d1', 'migrations', 'apply', EU_DATABASE.binding, '--remote', '-c', DEPLOY_CONFIG),
      why: 'the EU database holds the same schema (organizations placed there are refused while it is behind)',
    })
  steps.push({
    command: wrangler(
      'deploy',
      '-c',
      DEPLOY_CONFIG,
      ...(secrets.length || missing.length ? ['--secrets-file', '<secrets-file>'] : []),
    ),
    why:
      secrets.length || missing.length
        ? `the Worker, with the secrets not yet set: ${[...secrets, ...missing].join(', ')}`
        : 'the Worker (every secret is already set)',
  })
  return { steps, secrets, missing, optional }
}

/** One step as a line a person can copy. */
export function describeStep(step) {
  if (!Array.isArray(step.command)) return `(write ${step.command.write})`
  return step.command.map((a) => (/^[\w@./:<>=-]+$/.test(a) ? a : JSON.stringify(a))).join(' ')
}
