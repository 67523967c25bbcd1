// The deploy plan: given what the account holds, which commands `pnpm run deploy` runs. No network.
//   node --test scripts/
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import {
  checkOrigin,
  checkSecret,
  DEPLOY_CONFIG,
  describeStep,
  PLACEHOLDER_DATABASE_ID,
  planDeploy,
  readWranglerToml,
  renderDeployConfig,
} from './deploy-plan.mjs'

const toml = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8')
const config = readWranglerToml(toml)
const lines = (plan) => plan.steps.map(describeStep)
const allSecrets = [
  'RESEND_API_KEY',
  'EMAIL_LINK_SECRET',
  'PROTECTED_FIELDS_KEY',
  'RESEND_WEBHOOK_SECRET',
  'OPERATOR_TOKEN',
]
const everything = {
  databases: [{ name: 'tandem', uuid: 'd1-id' }],
  queues: ['tandem-jobs', 'tandem-jobs-dlq', 'tandem-email', 'tandem-email-dlq'],
  secrets: allSecrets,
}

test('reads the Worker, its database and every queue and dead-letter queue from wrangler.toml', () => {
  assert.equal(config.name, 'tandem')
  assert.deepEqual(config.databases, [{ binding: 'DB', name: 'tandem' }])
  assert.deepEqual([...config.queues].sort(), [
    'tandem-email',
    'tandem-email-dlq',
    'tandem-jobs',
    'tandem-jobs-dlq',
  ])
})

test('an empty account: creates the database and the four queues, asks for the secrets, migrates, then deploys', () => {
  const plan = planDeploy({ config, inventory: { databases: [], queues: [], secrets: null } })
  assert.deepEqual(lines(plan), [
    'pnpm exec wrangler d1 create tandem',
    'pnpm exec wrangler queues create tandem-jobs',
    'pnpm exec wrangler queues create tandem-email',
    'pnpm exec wrangler queues create tandem-email-dlq',
    'pnpm exec wrangler queues create tandem-jobs-dlq',
    `(write ${DEPLOY_CONFIG})`,
    'pnpm --filter @tandem/web run build',
    `pnpm exec wrangler d1 migrations apply DB --remote -c ${DEPLOY_CONFIG}`,
    `pnpm exec wrangler deploy -c ${DEPLOY_CONFIG} --secrets-file <secrets-file>`,
  ])
  // The link secret nobody needs to know is generated; the others must be given, asked for or skipped.
  assert.deepEqual(plan.secrets, ['EMAIL_LINK_SECRET'])
  assert.deepEqual(plan.missing, ['RESEND_API_KEY', 'PROTECTED_FIELDS_KEY'])
  assert.deepEqual(plan.optional, ['RESEND_WEBHOOK_SECRET', 'OPERATOR_TOKEN'])
})

test('an account that holds everything: creates nothing, sets no secret, still migrates and deploys', () => {
  const plan = planDeploy({ config, inventory: everything, options: { provided: ['PROTECTED_FIELDS_KEY'] } })
  assert.deepEqual(lines(plan), [
    `(write ${DEPLOY_CONFIG})`,
    'pnpm --filter @tandem/web run build',
    `pnpm exec wrangler d1 migrations apply DB --remote -c ${DEPLOY_CONFIG}`,
    `pnpm exec wrangler deploy -c ${DEPLOY_CONFIG}`,
  ])
  // A key given again (say, by CI) never replaces the one set: that would make every sealed value unreadable.
  assert.deepEqual(plan.secrets, [])
  assert.deepEqual(plan.missing, [])
})

test('only what is missing: a lost dead-letter queue, the EU database, secrets given as environment variables', () => {
  const plan = planDeploy({
    config,
    inventory: {
      ...everything,
      queues: ['tandem-jobs', 'tandem-email', 'tandem-jobs-dlq'],
      secrets: ['RESEND_API_KEY'],
    },
    options: { euDatabase: true, provided: ['PROTECTED_FIELDS_KEY', 'RESEND_WEBHOOK_SECRET'] },
  })
  assert.deepEqual(lines(plan).slice(0, 2), [
    'pnpm exec wrangler d1 create tandem-eu --jurisdiction eu',
    'pnpm exec wrangler queues create tandem-email-dlq',
  ])
  // Both databases are migrated before the Worker that needs the schema.
  assert.ok(
    lines(plan).indexOf('pnpm exec wrangler d1 migrations apply DB_EU --remote -c wrangler.deploy.toml') <
      lines(plan).findIndex((l) => l.startsWith('pnpm exec wrangler deploy')),
  )
  assert.ok(
    lines(plan).includes('pnpm exec wrangler d1 migrations apply DB --remote -c wrangler.deploy.toml'),
  )
  assert.deepEqual(plan.secrets, ['EMAIL_LINK_SECRET', 'PROTECTED_FIELDS_KEY', 'RESEND_WEBHOOK_SECRET'])
  assert.deepEqual(plan.missing, [])
  assert.deepEqual(plan.optional, ['OPERATOR_TOKEN'])
})

test('the main database in the EU jurisdiction when asked, at creation (it cannot move later)', () => {
  const plan = planDeploy({
    config,
    inventory: { ...everything, databases: [] },
    options: { jurisdiction: 'eu' },
  })
  assert.equal(describeStep(plan.steps[0]), 'pnpm exec wrangler d1 create tandem --jurisdiction eu')
})

test('the deploy config carries the real id, the public settings and the EU binding; wrangler.toml keeps the placeholder', () => {
  assert.match(toml, new RegExp(`database_id = "${PLACEHOLDER_DATABASE_ID}"`))
  const out = renderDeployConfig(toml, {
    databaseIds: { tandem: '11111111-2222-3333-4444-555555555555' },
    extraDatabases: [{ binding: 'DB_EU', name: 'tandem-eu', id: 'eu-id', note: 'EU' }],
    vars: { APP_ORIGIN: 'https://tandem.example.org', EMAIL_FROM: 'Tandem <no-reply@example.org>' },
  })
  assert.doesNotMatch(out, new RegExp(PLACEHOLDER_DATABASE_ID))
  assert.match(out, /database_id = "11111111-2222-3333-4444-555555555555"/)
  assert.match(out, /^APP_ORIGIN = "https:\/\/tandem\.example\.org"$/m)
  assert.match(out, /^EMAIL_FROM = "Tandem <no-reply@example\.org>"$/m)
  assert.match(
    out,
    /binding = "DB_EU"\ndatabase_name = "tandem-eu"\ndatabase_id = "eu-id"\nmigrations_dir = "migrations"/,
  )
  assert.match(out, /^APP_ENV = "production"$/m)
  assert.throws(
    () => renderDeployConfig(toml, { databaseIds: { other: 'x' }, vars: {} }),
    /database_name "other"/,
  )
})

test('on the Free plan the deploy config leaves out the CPU limit the plan refuses; the Paid plan keeps it', () => {
  const render = (freePlan) =>
    renderDeployConfig(toml, {
      databaseIds: { tandem: 'id' },
      vars: { APP_ORIGIN: 'https://tandem.example.org' },
      freePlan,
    })
  assert.match(render(false), /^\[limits\]\ncpu_ms = 120000$/m)
  assert.doesNotMatch(render(true), /^cpu_ms/m)
  assert.doesNotMatch(render(true), /^\[limits\]/m)
})

test('a custom domain, when asked, is the host of APP_ORIGIN, set before the first table', () => {
  const out = renderDeployConfig(toml, {
    databaseIds: { tandem: 'id' },
    vars: { APP_ORIGIN: 'https://tandem.example.org' },
    customDomain: true,
  })
  const routes = out.indexOf('routes = [{ pattern = "tandem.example.org", custom_domain = true }]')
  assert.ok(routes > 0 && routes < out.indexOf('[limits]'))
})

test('APP_ORIGIN must be the public https address', () => {
  assert.equal(checkOrigin('https://tandem.example.org'), null)
  assert.match(checkOrigin('http://tandem.example.org') ?? '', /https/)
  assert.match(checkOrigin('https://localhost:8787') ?? '', /public/)
  assert.match(checkOrigin('tandem.example.org') ?? '', /URL/)
})

test('secrets the Worker would refuse are refused before anything is uploaded', () => {
  assert.equal(checkSecret('PROTECTED_FIELDS_KEY', `${'A'.repeat(43)}=`), null)
  assert.match(checkSecret('PROTECTED_FIELDS_KEY', 'too-short') ?? '', /32 bytes in base64/)
  assert.match(checkSecret('EMAIL_LINK_SECRET', 'short') ?? '', /at least 32/)
  assert.equal(checkSecret('RESEND_WEBHOOK_SECRET', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), null)
  assert.match(checkSecret('RESEND_WEBHOOK_SECRET', 'not a secret') ?? '', /whsec_/)
  assert.equal(checkSecret('RESEND_API_KEY', 're_123'), null)
  assert.match(checkSecret('RESEND_API_KEY', '') ?? '', /empty/)
})
