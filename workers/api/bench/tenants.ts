/**
 * `pnpm bench:tenants` — placements at scale (issue 15, decision 044), in Node over libSQL files (the SQLite engine
 * D1 runs), through the Worker's own code: the resolver (`createDbResolver`), migrations everywhere
 * (`migrateEverywhere`) and moves (`startMove` / `stepMove`).
 *
 * 1. A control database and 8 tenant databases: every committed migration applied to all of them (fresh), then again
 *    (all current).
 * 2. 1,000 organizations spread over the 8 databases (directory rows in the control database, a program and 5
 *    participants each in their own database).
 * 3. Placement resolution: `dbFor` for random organizations, cold (first per database: open + schema check) and warm
 *    (200,000 calls), against the reference of a plain Map lookup awaited the same way. Target: < 0.1 ms warm.
 * 4. A 10,000-participant organization moved from one database to another with verification: time, steps, rows,
 *    and counts compared table by table afterwards.
 *
 *   pnpm bench:tenants            (TENANTS=1000 DATABASES=8 PARTICIPANTS=10000 to change the scale)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createDbResolver,
  type D1Database,
  type Database,
  newId,
  participants,
  programs,
  type Tenant,
  tenants,
} from '@tandem/db'
import { libsqlDatabase } from '@tandem/db/libsql'
import { eq, sql } from 'drizzle-orm'
import { migrateDatabase, migrateEverywhere } from '../src/features/placements/migrate.service'
import { movedTableNames, startMove, stepMove } from '../src/features/placements/moves.service'

const TENANTS = Number(process.env.TENANTS ?? 1000)
const DATABASES = Number(process.env.DATABASES ?? 8)
const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 10_000)
const WARM_CALLS = 200_000

const root = fileURLToPath(new URL('../../..', import.meta.url))
const dir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-tenants-'))
const open = (name: string) => libsqlDatabase({ url: `file:${path.join(dir, `${name}.sqlite`)}` })
const control = open('control')
const placementDbs = new Map<string, ReturnType<typeof open>>()
for (let i = 0; i < DATABASES; i++) placementDbs.set(`db-${i}`, open(`db-${i}`))
const placementOf = (i: number) => `libsql:db-${i % DATABASES}`

const resolver = createDbResolver({
  shared: {} as D1Database,
  control: control.db,
  libsql: async (name) => placementDbs.get(name)?.db,
  expectedMigration: readdirSync(path.join(root, 'migrations'))
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .at(-1),
})

const files = readdirSync(path.join(root, 'migrations'))
  .filter((f) => /^\d{4}_.+\.sql$/.test(f))
  .sort()
  .map((name) => ({ name, sql: readFileSync(path.join(root, 'migrations', name), 'utf8') }))

const ms = (n: number) => `${n.toFixed(n < 10 ? 3 : 0)} ms`
const rows: [string, string][] = []
const report = (figure: string, value: string) => {
  rows.push([figure, value])
  console.log(`${figure}: ${value}`)
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const out = await fn()
  return [out, performance.now() - start]
}

async function batched(db: Database, statements: unknown[]) {
  for (let i = 0; i < statements.length; i += 200) {
    const chunk = statements.slice(i, i + 200)
    if (chunk.length) await db.batch(chunk as never)
  }
}

try {
  // 1. Migrations everywhere: the control database (the shared placement) and every tenant database.
  const [, controlMs] = await timed(() => migrateDatabase(control.db, files))
  const placements = [...placementDbs.keys()].map((n) => `libsql:${n}`)
  const [fresh, freshMs] = await timed(() => migrateEverywhere(resolver, files, placements))
  const [again, againMs] = await timed(() => migrateEverywhere(resolver, files, placements))
  report('migrations', `${files.length} files`)
  report('control database, fresh', ms(controlMs))
  report(
    `${DATABASES} tenant databases, fresh (4 at a time)`,
    `${ms(freshMs)} (${fresh.filter((r) => r.outcome === 'applied').length} applied, ${fresh.filter((r) => r.outcome === 'failed').length} failed)`,
  )
  report(
    `${DATABASES} tenant databases, again`,
    `${ms(againMs)} (${again.filter((r) => r.outcome === 'current').length} current)`,
  )

  // 2. 1,000 organizations over the databases.
  const now = new Date()
  const made: Tenant[] = []
  for (let i = 0; i < TENANTS; i++) {
    made.push({
      id: newId(),
      slug: `org-${i}`,
      name: `Organization ${i}`,
      kind: 'ngo',
      country: 'DE',
      timezone: 'Europe/Berlin',
      defaultLocale: 'de',
      placement: placementOf(i),
      contactEmail: null,
      contactPhone: null,
      retentionExitedMonths: null,
      retentionEmailDays: null,
      deletionRequestedAt: null,
      minimumCellSize: 5,
      impactPage: null,
      readOnlySince: null,
      createdAt: now,
    })
  }
  const [, seedMs] = await timed(async () => {
    await batched(
      control.db,
      made.map((t) => control.db.insert(tenants).values(t)),
    )
    for (const [name, { db }] of placementDbs) {
      const here = made.filter((t) => t.placement === `libsql:${name}`)
      const statements: unknown[] = []
      for (const t of here) {
        const programId = newId()
        statements.push(db.insert(tenants).values(t))
        statements.push(
          db.insert(programs).values({ id: programId, tenantId: t.id, name: 'Welcome', languages: ['de'] }),
        )
        for (let p = 0; p < 5; p++)
          statements.push(
            db.insert(participants).values({
              id: newId(),
              tenantId: t.id,
              programId,
              role: p % 2 ? 'mentor' : 'mentee',
              displayName: `Person ${p}`,
              preferredLocale: 'de',
              languages: [{ code: 'de', level: 'native' }],
              interests: [],
              status: 'ready',
              createdAt: now,
            }),
          )
      }
      await batched(db, statements)
    }
  })
  report(`${TENANTS} organizations over ${DATABASES} databases, seeded`, ms(seedMs))

  // 3. Placement resolution.
  const cold: number[] = []
  for (let i = 0; i < DATABASES; i++) {
    const [, t] = await timed(() => resolver.dbFor(made[i] as Tenant))
    cold.push(t)
  }
  const picks = Array.from(
    { length: WARM_CALLS },
    () => made[Math.floor(Math.random() * made.length)] as Tenant,
  )
  const reference = new Map<string, Promise<Database>>(
    [...placementDbs].map(([name, { db }]) => [`libsql:${name}`, Promise.resolve(db)]),
  )
  // Warm-up of both loops, then measured.
  for (let i = 0; i < 10_000; i++) await resolver.dbFor(picks[i] as Tenant)
  for (let i = 0; i < 10_000; i++) await reference.get((picks[i] as Tenant).placement)
  const [, refMs] = await timed(async () => {
    for (const t of picks) await reference.get(t.placement)
  })
  const [, warmMs] = await timed(async () => {
    for (const t of picks) await resolver.dbFor(t)
  })
  // A request's first query on the organization's database, for scale.
  const [, queryMs] = await timed(async () => {
    for (let i = 0; i < 200; i++) {
      const t = picks[i] as Tenant
      await (await resolver.dbFor(t)).select().from(programs).where(eq(programs.tenantId, t.id)).get()
    }
  })
  report('dbFor, cold (open + schema check), per database', cold.map((c) => ms(c)).join(', '))
  report(
    `dbFor, warm, mean of ${WARM_CALLS.toLocaleString('en')}`,
    `${((warmMs / WARM_CALLS) * 1000).toFixed(2)} µs`,
  )
  report('reference: awaited Map lookup, same calls', `${((refMs / WARM_CALLS) * 1000).toFixed(2)} µs`)
  report(
    'for scale: one indexed query on the organization’s database',
    `${((queryMs / 200) * 1000).toFixed(0)} µs`,
  )

  // 4. Moving a 10,000-participant organization.
  const big = made[0] as Tenant
  const from = big.placement
  const to = placementOf(1)
  const bigDb = placementDbs.get(from.slice(7))?.db as Database
  const programId = newId()
  await bigDb
    .insert(programs)
    .values({ id: programId, tenantId: big.id, name: 'City', languages: ['de', 'ar'] })
  await batched(
    bigDb,
    Array.from({ length: PARTICIPANTS }, (_, i) =>
      bigDb.insert(participants).values({
        id: newId(),
        tenantId: big.id,
        programId,
        role: i % 3 ? 'mentee' : 'mentor',
        displayName: `Person ${i}`,
        preferredLocale: i % 2 ? 'ar' : 'de',
        languages: [{ code: i % 2 ? 'ar' : 'de', level: 'native' }],
        interests: ['football', 'cooking'],
        status: 'ready',
        createdAt: now,
      }),
    ),
  )
  const count = async (db: Database) => {
    const out: Record<string, number> = {}
    for (const name of movedTableNames(from, to)) {
      const row = await db.get<{ n: number }>(
        sql`select count(*) as n from ${sql.identifier(name)} where tenant_id = ${big.id}`,
      )
      out[name] = Number(row?.n ?? 0)
    }
    return out
  }
  const before = await count(bigDb)
  let steps = 0
  const [move, moveMs] = await timed(async () => {
    let m = await startMove(resolver, big.slug, to, new Date())
    while (m.state === 'copying' || m.state === 'verifying') {
      m = await stepMove(resolver, m.id, new Date())
      steps++
    }
    return m
  })
  const target = placementDbs.get(to.slice(7))?.db as Database
  const after = await count(target)
  const rowsMoved = Object.values(before).reduce((a, b) => a + b, 0)
  const placed = await control.db.select().from(tenants).where(eq(tenants.id, big.id)).get()
  report(
    `move of a ${PARTICIPANTS.toLocaleString('en')}-participant organization (${rowsMoved.toLocaleString('en')} rows)`,
    `${(moveMs / 1000).toFixed(1)} s, ${steps} steps, ${Math.round(rowsMoved / (moveMs / 1000)).toLocaleString('en')} rows/s copied and verified`,
  )
  report(
    'move outcome',
    `${move.state}; placement now ${placed?.placement}; read-only cleared: ${placed?.readOnlySince === null}`,
  )
  report(
    'counts equal after the move, table by table',
    String(JSON.stringify(before) === JSON.stringify(after)),
  )

  console.log('\n| figure | value |\n|---|---|')
  for (const [figure, value] of rows) console.log(`| ${figure} | ${value} |`)
} finally {
  control.close()
  for (const { close } of placementDbs.values()) close()
  rmSync(dir, { recursive: true, force: true })
}
