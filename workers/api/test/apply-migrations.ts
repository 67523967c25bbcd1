import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
// The EU database a deployment may bind (decision 044) holds the same schema.
await applyD1Migrations(env.DB_EU, env.TEST_MIGRATIONS)
// A database one migration behind the code (placements.test.ts).
await applyD1Migrations(env.DB_BEHIND, env.TEST_MIGRATIONS.slice(0, -1))
