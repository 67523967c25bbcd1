/**
 * `pnpm seed:city`: adds a city-wide program — 10,000 newcomers, 5,000 mentors with approved screenings — to the
 * demo organization in the local D1 database, so matching at city scale can be tried in the web client
 * (`npm run dev`, then the program's match board). Run it once after the demo is seeded; a second run does
 * nothing. Pass the D1 state directory as the first argument to use another database.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { findTenantBySlug, listPrograms } from '@tandem/db'
import { libsqlDatabase } from '@tandem/db/libsql'
import { DEMO_SLUG } from '@tandem/db/seed'
import { seedCity } from '../workers/api/bench/city'

const NAME = 'City-wide Tandems (10,000 newcomers)'
const dir = path.resolve(process.argv[2] ?? '.wrangler/state/v3/d1/miniflare-D1DatabaseObject')
const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
if (files.length !== 1) {
  console.error(
    `Expected one local D1 database in ${dir}, found ${files.length}. Run \`npm run dev\` once first.`,
  )
  process.exit(1)
}
const { db, close } = libsqlDatabase({ url: `file:${path.join(dir, files[0] as string)}` })
try {
  const tenant = await findTenantBySlug(db, DEMO_SLUG)
  if (!tenant) {
    console.error(`No demo organization "${DEMO_SLUG}" in ${dir}. Run \`npm run dev\` once first.`)
    process.exitCode = 1
  } else if ((await listPrograms(db, tenant.id)).some((p) => p.name === NAME)) {
    console.log(`"${NAME}" is already there; nothing to do.`)
  } else {
    const started = performance.now()
    const city = await seedCity(db, { tenantId: tenant.id, name: NAME, status: 'active' })
    console.log(
      `Added "${NAME}" to ${DEMO_SLUG}: ${city.mentees.toLocaleString('en')} newcomers, ${city.mentors.toLocaleString('en')} mentors (${((performance.now() - started) / 1000).toFixed(1)} s).`,
    )
  }
} finally {
  close()
}
