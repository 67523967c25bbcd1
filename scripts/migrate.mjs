#!/usr/bin/env node
// `pnpm db:migrate`: migrations everywhere (decision 044). Applies the committed migrations to the control database
// (wrangler, which also migrates the shared placement), then asks the running Worker to apply them to every other
// tenant database — each D1 placement and each dedicated libSQL database — and prints one line per database:
// applied (with the names), current, or failed. Safe to run again. Exits 1 when any database failed.
//
//   pnpm db:migrate -- --local                      the local database and `wrangler dev` at http://localhost:8787
//   pnpm db:migrate -- --remote --url https://tandem.example.org   a deployment (OPERATOR_TOKEN in the environment)
//
// Options: --placement NAME (repeatable: also migrate a placement no organization is on yet, e.g. d1:DB_EU);
// --skip-control (the control database is current already); --dry-run (prints what it would do).
// The operator token comes from OPERATOR_TOKEN, else (with --local) from .dev.vars.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2).filter((a) => a !== '--')
const flag = (name) => args.includes(name)
const values = (name) => args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]] : []))
const local = !flag('--remote')
const url = values('--url')[0] ?? (local ? `http://localhost:${process.env.PORT ?? 8787}` : undefined)
if (!url) {
  console.error('Give the deployment with --url https://… (or use --local).')
  process.exit(2)
}

const devVar = (name) => {
  const file = path.join(root, '.dev.vars')
  if (!existsSync(file)) return undefined
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}=`))
  return line?.slice(name.length + 1).replace(/^"|"$/g, '')
}
const token = process.env.OPERATOR_TOKEN ?? (local ? devVar('OPERATOR_TOKEN') : undefined)
if (!token) {
  console.error('Set OPERATOR_TOKEN (the Worker secret) in the environment.')
  process.exit(2)
}

const dir = path.join(root, 'migrations')
const migrations = readdirSync(dir)
  .filter((f) => /^\d{4}_.+\.sql$/.test(f))
  .sort()
  .map((name) => ({ name, sql: readFileSync(path.join(dir, name), 'utf8') }))

if (!flag('--skip-control')) {
  const config =
    !local && existsSync(path.join(root, 'wrangler.deploy.toml')) ? ['-c', 'wrangler.deploy.toml'] : []
  const command = [
    'exec',
    'wrangler',
    'd1',
    'migrations',
    'apply',
    'DB',
    local ? '--local' : '--remote',
    ...config,
  ]
  console.log(`control database: pnpm ${command.join(' ')}`)
  if (!flag('--dry-run')) {
    const done = spawnSync('pnpm', command, { cwd: root, stdio: 'inherit', env: { ...process.env, CI: '1' } })
    if (done.status !== 0) {
      console.error('control database: failed (the other databases were not touched)')
      process.exit(1)
    }
  }
}

const body = { migrations, placements: values('--placement') }
console.log(`tenant databases: POST ${url}/api/v1/operator/migrate (${migrations.length} migrations)`)
if (flag('--dry-run')) process.exit(0)
const res = await fetch(`${url}/api/v1/operator/migrate`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
})
if (!res.ok) {
  console.error(`tenant databases: ${res.status} ${await res.text()}`)
  process.exit(1)
}
const { databases } = await res.json()
if (databases.length === 0) console.log('  no tenant database besides the shared one')
for (const d of databases) {
  const what =
    d.outcome === 'applied'
      ? `applied ${d.applied.join(', ')}`
      : d.outcome === 'failed'
        ? `FAILED: ${d.error}`
        : 'current'
  console.log(`  ${d.placement.padEnd(28)} ${what}${d.migration ? ` (now at ${d.migration})` : ''}`)
}
process.exit(databases.some((d) => d.outcome === 'failed') ? 1 : 0)
