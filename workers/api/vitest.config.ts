import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

const root = path.resolve(import.meta.dirname, '../..')

/** The byte fixtures of test/fixtures (CSV files in several encodings, a picture, a workbook), base64 by name. */
function byteFixtures(): Record<string, string> {
  const dir = path.join(import.meta.dirname, 'test/fixtures')
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => !name.endsWith('.py') && !name.startsWith('.'))
      .map((name) => [name, readFileSync(path.join(dir, name)).toString('base64')]),
  )
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, 'migrations'))
  return {
    plugins: [
      cloudflareTest({
        main: path.join(root, 'workers/api/src/index.ts'),
        wrangler: { configPath: path.join(root, 'wrangler.toml') },
        miniflare: {
          // Test-only bindings: the migrations to apply, fixtures, the deploy configuration, the environment name.
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_FIXTURES: byteFixtures(),
            TEST_WRANGLER_TOML: readFileSync(path.join(root, 'wrangler.toml'), 'utf8'),
            APP_ENV: 'test',
            EU_PLACEMENT: 'd1:DB_EU',
            // The public address of the app under test: links in email point here (test/support/client.ts ORIGIN).
            APP_ORIGIN: 'https://tandem.test',
            // A fixed test key (32 bytes of 0x07); real deployments set PROTECTED_FIELDS_KEY as a secret.
            PROTECTED_FIELDS_KEY: 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=',
            // The operator's token (a secret in real deployments): tests place organizations and move them with it.
            OPERATOR_TOKEN: 'operator-token-of-the-worker-tests-0123456789',
            // A fixed webhook signing secret; real deployments set RESEND_WEBHOOK_SECRET as a secret.
            RESEND_WEBHOOK_SECRET: 'whsec_dGFuZGVtLXRlc3Qtd2ViaG9vay1zZWNyZXQtMzI=',
          },
          // A second D1 database, as a deployment with an EU database binds it (decision 044): organizations that
          // ask for EU residency at sign-up are placed on it.
          // DB_BEHIND misses the newest migration: a tenant placed there is refused until it is migrated.
          d1Databases: { DB: 'tandem', DB_EU: 'tandem-eu', DB_BEHIND: 'tandem-behind' },
          queueConsumers: {
            'tandem-jobs': { maxBatchTimeout: 0.05 },
            'tandem-email': { maxBatchTimeout: 0.05 },
          },
        },
      }),
    ],
    test: {
      setupFiles: ['./test/apply-migrations.ts'],
      globalSetup: ['./test/resend-stand-in.setup.ts', './test/libsql-stand-in.setup.ts'],
      // Some tests send hundreds of requests (limits, guessing); on a busy 2-core machine 5 s is too little.
      // Speed is measured by the benchmarks, not by test time limits.
      testTimeout: 30_000,
      // The Worker logs one JSON line per request; keep test output to what matters.
      onConsoleLog: (log: string) => !log.startsWith('{"level":"info"'),
    },
  }
})
