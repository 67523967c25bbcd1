/**
 * Seeds the demo organization into the local D1 database (a plain SQLite file under
 * .wrangler/state) when it holds no tenant yet. Run after `wrangler d1 migrations apply --local`.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { libsqlDatabase } from '@tandem/db/libsql'
import { DEMO_OWNER_EMAIL, DEMO_SLUG, seedDemo } from '@tandem/db/seed'

const dir = path.resolve(process.argv[2] ?? '.wrangler/state/v3/d1/miniflare-D1DatabaseObject')
const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
if (files.length !== 1) {
  console.error(`Expected one local D1 database in ${dir}, found ${files.length}.`)
  process.exit(1)
}
const { db, close } = libsqlDatabase({ url: `file:${path.join(dir, files[0] as string)}` })
try {
  if (await seedDemo(db)) {
    console.log(`Seeded the demo organization "${DEMO_SLUG}" (owner: ${DEMO_OWNER_EMAIL}).`)
  } else {
    console.log('The local database already holds data; not seeding.')
  }
} finally {
  close()
}
