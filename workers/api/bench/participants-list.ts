/**
 * `pnpm bench:participants` — the participants list at 10,000 participants in one program.
 * Runs the Worker's own list query (listParticipantsPage) on a migrated SQLite file through libSQL —
 * the same SQLite engine and SQL as D1 — and prints latency per kind of page. Reference, measured in the
 * same run: OFFSET pagination, the usual alternative to our keyset cursor.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { insertTenant, newId, participants, programs, searchTextOf } from '@tandem/db'
import { libsqlDatabase, migrateLibsql } from '@tandem/db/libsql'
import { and, asc } from 'drizzle-orm'
import * as v from 'valibot'
import { ListQuery } from '../src/features/participants/schema'
import { listConditions, listParticipantsPage } from '../src/features/participants/service'

const N = 10_000
const RUNS = 30
const root = fileURLToPath(new URL('../../..', import.meta.url))
const dir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-'))
const { db, close } = libsqlDatabase({ url: `file:${path.join(dir, 'bench.sqlite')}` })

let seed = 42
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed / 0x7fffffff
}
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T
const langs = ['ar', 'uk', 'fa', 'prs', 'es', 'de', 'en', 'ti', 'so', 'ru']
const hoods = ['Altstadt', 'Nordviertel', 'Südpark', 'Weststadt', 'Ostend', 'Hafen', 'Am Berg', 'Neustadt']
const needs = ['housing', 'education', 'health_care', 'services', 'documentation', 'employment']
const statuses = ['applied', 'screening', 'ready', 'matched', 'paused', 'exited'] as const

async function setup() {
  await migrateLibsql(db, path.join(root, 'migrations'))
  const tenant = await insertTenant(db, {
    slug: 'bench',
    name: 'Bench',
    kind: 'city',
    country: 'DE',
    timezone: 'Europe/Berlin',
    defaultLocale: 'de',
  })
  // A second tenant with as many rows, so tenant scoping is part of what is measured.
  const other = await insertTenant(db, {
    slug: 'other',
    name: 'Other',
    kind: 'ngo',
    country: 'DE',
    timezone: 'Europe/Berlin',
    defaultLocale: 'de',
  })
  const ids: string[] = []
  for (const t of [tenant, other]) {
    const programId = newId()
    ids.push(programId)
    await db.insert(programs).values({ id: programId, tenantId: t.id, name: 'P', languages: langs })
    const now = new Date()
    for (let start = 0; start < N; start += 500) {
      const rows = Array.from({ length: 500 }, (_, i) => {
        const displayName = `Person ${start + i} ${pick(['Haddad', 'Kovalenko', 'Rahimi', 'Weber', 'Fernández', 'Ahmadi'])}`
        const neighborhood = pick(hoods)
        const email = `p${start + i}@example.org`
        return {
          id: newId(),
          tenantId: t.id,
          programId,
          role: rand() < 0.35 ? ('mentor' as const) : ('mentee' as const),
          displayName,
          email,
          preferredLocale: pick(langs),
          languages: [
            { code: pick(langs), level: 'native' as const },
            { code: pick(langs), level: 'B1' as const },
          ],
          interests: [],
          neighborhood,
          settlementNeeds: [pick(needs)],
          status: pick(statuses),
          searchText: searchTextOf({ displayName, email, neighborhood }),
          createdAt: now,
        }
      })
      const [first, ...rest] = rows.map((r) => db.insert(participants).values(r))
      if (first) await db.batch([first, ...rest])
    }
  }
  return { tenantId: tenant.id, programId: ids[0] as string }
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b)
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] as number
  return { p50: q(0.5), p95: q(0.95) }
}

async function time(fn: () => Promise<unknown>) {
  await fn() // warm
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    await fn()
    samples.push(performance.now() - t)
  }
  return stats(samples)
}

const { tenantId, programId } = await setup()
const q = (query: Record<string, string>) => v.parse(ListQuery, query)

// A cursor deep into the list: the id after which page 150 (of 200) starts.
const deep = await db
  .select({ id: participants.id })
  .from(participants)
  .where(and(...listConditions(tenantId, programId, {})))
  .orderBy(asc(participants.id))
  .limit(1)
  .offset(7_450)
const deepCursor = deep[0]?.id as string

const cases: [string, () => Promise<unknown>][] = [
  ['first page (50)', () => listParticipantsPage(db, tenantId, programId, q({}))],
  ['page 150 by cursor', () => listParticipantsPage(db, tenantId, programId, q({ cursor: deepCursor }))],
  [
    'reference: page 150 by OFFSET',
    () =>
      db
        .select()
        .from(participants)
        .where(and(...listConditions(tenantId, programId, {})))
        .orderBy(asc(participants.id))
        .limit(51)
        .offset(7_450),
  ],
  [
    'role + status filter',
    () => listParticipantsPage(db, tenantId, programId, q({ role: 'mentor', status: 'ready,matched' })),
  ],
  ['language filter (json)', () => listParticipantsPage(db, tenantId, programId, q({ language: 'ti' }))],
  ['need filter (json)', () => listParticipantsPage(db, tenantId, programId, q({ need: 'documentation' }))],
  ['neighborhood filter', () => listParticipantsPage(db, tenantId, programId, q({ neighborhood: 'hafen' }))],
  ['text search "kovalenko"', () => listParticipantsPage(db, tenantId, programId, q({ q: 'kovalenko' }))],
  ['rare search (1 hit)', () => listParticipantsPage(db, tenantId, programId, q({ q: 'p9999@' }))],
]

console.log(
  `participants list, ${N.toLocaleString('en')} participants in the program (+${N.toLocaleString('en')} in another tenant), ${RUNS} runs each`,
)
console.log(`${'case'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`)
for (const [name, fn] of cases) {
  const { p50, p95 } = await time(fn)
  console.log(`${name.padEnd(34)} ${p50.toFixed(2).padStart(8)} ${p95.toFixed(2).padStart(8)}`)
}
close()
rmSync(dir, { recursive: true, force: true })
