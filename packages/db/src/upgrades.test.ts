import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { type Client, createClient, type InValue } from '@libsql/client'
import { getTableColumns, getTableName, is } from 'drizzle-orm'
import { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { afterAll, describe, expect, it } from 'vitest'
import { LATEST_MIGRATION } from './migrations'
import * as schema from './schema'

/**
 * Upgrades (decision 034): every committed migration is applied in order to a database that already holds data
 * written at each earlier version, and that data must survive to the last version (every row still there, every
 * value it had still the same in the columns that still exist).
 *
 * The migrations come from migrations/meta/_journal.json, so a new migration is included without touching this
 * file. The rows are generated from the schema as it is at each version (`PRAGMA table_info` and
 * `foreign_key_list`): after each migration, every table gets rows of its own, each pointing at rows of its parent
 * tables, so a migration that adds a table gets data at the next step and a migration that rebuilds, renames or
 * backfills a table meets the rows of every version before it. Values follow the column names (emails, slugs,
 * locales, dates, timestamps, JSON lists), defaults are left to the database.
 */

const root = path.resolve(import.meta.dirname, '../../..')
const journal = JSON.parse(readFileSync(path.join(root, 'migrations/meta/_journal.json'), 'utf8')) as {
  entries: { idx: number; tag: string }[]
}
const migrations = [...journal.entries]
  .sort((a, b) => a.idx - b.idx)
  .map(({ tag }) => ({
    tag,
    statements: readFileSync(path.join(root, 'migrations', `${tag}.sql`), 'utf8')
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter(Boolean),
  }))

/**
 * Changes a migration makes to earlier data on purpose, by migration tag: `table.column` values it may rewrite and
 * tables it may empty or drop. Empty today: no migration so far rewrites or deletes data the test writes.
 */
const intended: Record<string, { rewrites?: string[]; drops?: string[] }> = {}

/** SQL names of JSON columns in the current schema (a migration may read them with json_* functions). */
const jsonColumns = new Set(
  (Object.values(schema) as unknown[])
    .filter((t): t is SQLiteTable => is(t, SQLiteTable))
    .flatMap((t) =>
      Object.values(getTableColumns(t))
        .filter((c) => c.dataType === 'json')
        .map((c) => `${getTableName(t)}.${c.name}`),
    ),
)

type Column = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }
type ForeignKey = { table: string; from: string; to: string | null }
type Row = Record<string, InValue>

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)
const first = ['Amina', 'Oleksandr', 'Farida', 'Jonas', 'Lucía', 'Mariam', 'Dmytro', 'Hana']
const last = ['Haddad', 'Kovalenko', 'Rahimi', 'Becker', 'García', 'Nasser', 'Shevchenko', 'Yousef']

/** A value a real row could hold, chosen by the column's name and type. */
function valueFor(table: string, column: Column, n: number, version: number): InValue {
  const name = column.name
  const type = column.type.toUpperCase()
  const day = `2026-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}`
  if (jsonColumns.has(`${table}.${name}`)) return name.endsWith('s') ? '[]' : '{}'
  if (type.includes('INT')) {
    if (/(_at|_until|_after)$/.test(name)) return T0 + (version * 100 + n) * 60_000
    if (/^(is|has|wants|can|needs)_|(enabled|consent|came|active)$/.test(name)) return n % 2
    return (n % 3) + 1
  }
  if (type.includes('REAL')) return 52.5 + n / 100
  if (/(^|_)(email|address|to_address)$/.test(name)) return `person-${version}-${n}@example.org`
  if (name === 'slug') return `org-${version}-${n}`
  if (name === 'default_locale') return 'en'
  if (/locale$/.test(name)) return ['ar', 'uk', 'fa', 'es', 'de'][n % 5] as string
  if (name === 'timezone') return 'Europe/Berlin'
  if (name === 'country') return 'de'
  if (/(_on|_date|^date)$/.test(name)) return day
  if (/(^|_)name$/.test(name)) return `${first[n % 8]} ${last[(n + version) % 8]}`
  if (/hash|token|secret/.test(name)) return `${name}-${table}-${version}-${n}`.padEnd(43, 'x')
  if (name === 'id' || name.endsWith('_id')) return `${table.slice(0, 8)}${version}x${n}`.padEnd(24, '0')
  return `${name.replaceAll('_', ' ')} ${version}.${n}`
}

async function tablesOf(db: Client): Promise<string[]> {
  const res = await db.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name",
  )
  return res.rows.map((r) => String(r.name))
}

/** Tables ordered so that every table comes after the tables its foreign keys point at. */
async function parentsFirst(db: Client, tables: string[]) {
  const keys = new Map<string, ForeignKey[]>()
  for (const t of tables) {
    const res = await db.execute(`PRAGMA foreign_key_list("${t}")`)
    keys.set(
      t,
      res.rows.map((r) => ({
        table: String(r.table),
        from: String(r.from),
        to: r.to === null ? null : String(r.to),
      })),
    )
  }
  const ordered: string[] = []
  const visit = (t: string, seen: Set<string>) => {
    if (ordered.includes(t) || seen.has(t)) return
    seen.add(t)
    for (const fk of keys.get(t) ?? []) if (fk.table !== t) visit(fk.table, seen)
    ordered.push(t)
  }
  for (const t of tables) visit(t, new Set())
  return { ordered, keys }
}

/** Every row written so far, by table, as read back after its insert (defaults filled in). */
const written = new Map<string, { version: string; key: Row; row: Row }[]>()

/** Writes `perTable` rows into every table of the database as it is now. */
async function fill(db: Client, version: number, tag: string, perTable = 3) {
  const { ordered, keys } = await parentsFirst(db, await tablesOf(db))
  for (const table of ordered) {
    const columns = (await db.execute(`PRAGMA table_info("${table}")`)).rows as unknown as Column[]
    const fks = keys.get(table) ?? []
    const pk = columns.filter((c) => c.pk > 0).map((c) => c.name)
    for (let n = 0; n < perTable; n++) {
      const row: Row = {}
      let orphan = false
      for (const column of columns) {
        const fk = fks.find((k) => k.from === column.name)
        if (fk) {
          // A parent of this version (the latest rows), a different one for each key: unique pairs stay unique.
          const parents = written.get(fk.table) ?? []
          const newest = Math.min(parents.length, perTable)
          const shift = fks.indexOf(fk)
          const parent = parents[parents.length - newest + ((n + shift) % Math.max(1, newest))]?.row
          const to = fk.to ?? 'id'
          if (parent && parent[to] !== undefined) row[column.name] = parent[to] as InValue
          else if (column.notnull) orphan = true
          continue
        }
        if (column.dflt_value !== null && column.pk === 0) continue
        if (column.type.toUpperCase() === 'INTEGER' && column.pk === 1 && pk.length === 1) continue
        row[column.name] = valueFor(table, column, n, version)
      }
      if (orphan) continue
      const names = Object.keys(row)
      const res = await db.execute({
        sql: names.length
          ? `INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')}) RETURNING *`
          : `INSERT INTO "${table}" DEFAULT VALUES RETURNING *`,
        args: names.map((c) => row[c] as InValue),
      })
      const stored = { ...(res.rows[0] as unknown as Row) }
      const key: Row = pk.length ? Object.fromEntries(pk.map((c) => [c, stored[c] as InValue])) : stored
      const list = written.get(table) ?? []
      list.push({ version: tag, key, row: stored })
      written.set(table, list)
    }
  }
}

/** Rows of every version still there, with the values they had (columns a migration removed excepted). */
async function survivors(db: Client, upTo: string): Promise<string[]> {
  const lost: string[] = []
  const present = new Set(await tablesOf(db))
  const allowed = Object.entries(intended).filter(([tag]) => tag <= upTo)
  const rewrites = new Set(allowed.flatMap(([, i]) => i.rewrites ?? []))
  const drops = new Set(allowed.flatMap(([, i]) => i.drops ?? []))
  for (const [table, rows] of written) {
    if (drops.has(table)) continue
    if (!present.has(table)) {
      lost.push(`${table}: the table is gone (${rows.length} rows)`)
      continue
    }
    const columns = new Set(
      ((await db.execute(`PRAGMA table_info("${table}")`)).rows as unknown as Column[]).map((c) => c.name),
    )
    const stored = (await db.execute(`SELECT * FROM "${table}"`)).rows as unknown as Row[]
    // Migrations may add rows of their own (e.g. a provider's send-rate row); none of ours may go.
    if (stored.length < rows.length) lost.push(`${table}: ${stored.length} rows, ${rows.length} written`)
    const keyOf = (row: Row, names: string[]) => JSON.stringify(names.map((c) => row[c] ?? null))
    for (const { version, key, row } of rows) {
      const names = Object.keys(key).filter((c) => columns.has(c))
      const wanted = keyOf(key, names)
      const now = stored.find((r) => keyOf(r, names) === wanted)
      if (!now) {
        lost.push(`${table}: row ${JSON.stringify(key)} written at ${version} is gone`)
        continue
      }
      for (const [column, value] of Object.entries(row)) {
        if (!columns.has(column) || rewrites.has(`${table}.${column}`)) continue
        if (now[column] !== value) {
          lost.push(
            `${table}.${column} of ${JSON.stringify(key)} (${version}): ${String(value)} → ${String(now[column])}`,
          )
        }
      }
    }
  }
  return lost
}

describe('upgrades: every migration on a database holding data of every earlier version', () => {
  const db = createClient({ url: ':memory:' })
  afterAll(() => db.close())

  it('reads the migrations from the journal', () => {
    expect(migrations.length).toBeGreaterThanOrEqual(17)
    expect(migrations[0]?.tag).toBe('0000_init')
  })

  it('names the newest migration as the one the Worker requires of every tenant database (LATEST_MIGRATION)', () => {
    const files = readdirSync(path.join(root, 'migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort()
    expect(`${migrations.at(-1)?.tag}.sql`).toBe(files.at(-1))
    expect(LATEST_MIGRATION).toBe(files.at(-1))
  })

  it('keeps every row and value through every later migration', { timeout: 60_000 }, async () => {
    // D1 enforces foreign keys; so does this database.
    await db.execute('PRAGMA foreign_keys = ON')
    for (const [version, { tag, statements }] of migrations.entries()) {
      await db.batch(statements, 'write')
      // The data of every earlier version still there after this migration…
      expect(await survivors(db, tag), `after ${tag}`).toEqual([])
      // …and data of this version for the next ones.
      await fill(db, version, tag)
    }
    const final = await survivors(db, migrations.at(-1)?.tag ?? '')
    expect(final).toEqual([])
    // Data of every version went in (tables of the first version got rows at every step).
    const versions = new Set([...written.values()].flat().map((r) => r.version))
    expect(versions.size).toBe(migrations.length)
    expect(written.get('tenants')?.length).toBe(3 * migrations.length)
    expect(written.get('participants')?.length).toBeGreaterThan(0)
  })
})

/** Inserts one row with `values`, every other required column filled as `fill` does; returns the stored row. */
async function insertRow(db: Client, table: string, values: Row, n: number) {
  const columns = (await db.execute(`PRAGMA table_info("${table}")`)).rows as unknown as Column[]
  const row: Row = { ...values }
  for (const column of columns) {
    if (column.name in row || !column.notnull || column.dflt_value !== null) continue
    row[column.name] = valueFor(table, column, n, 0)
  }
  const names = Object.keys(row)
  const res = await db.execute({
    sql: `INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')}) RETURNING *`,
    args: names.map((c) => row[c] as InValue),
  })
  return res.rows[0] as unknown as Row
}

describe('upgrades: the values a migration computes', () => {
  const db = createClient({ url: ':memory:' })
  afterAll(() => db.close())

  it('0007 forgets a member’s language only where it merely copied the organization’s default', async () => {
    await db.execute('PRAGMA foreign_keys = ON')
    const at = migrations.findIndex((m) => m.tag.startsWith('0007_'))
    expect(at).toBeGreaterThan(0)
    for (const { statements } of migrations.slice(0, at)) await db.batch(statements, 'write')
    const tenant = await insertRow(
      db,
      'tenants',
      { id: 'tenant0000000000000000001', default_locale: 'de' },
      1,
    )
    const users = {
      copied: await insertRow(db, 'users', { id: 'user00000000000000000001', locale: 'de' }, 1),
      chosen: await insertRow(db, 'users', { id: 'user00000000000000000002', locale: 'ar' }, 2),
      noMember: await insertRow(db, 'users', { id: 'user00000000000000000003', locale: 'de' }, 3),
    }
    for (const [n, user] of [users.copied, users.chosen].entries()) {
      await insertRow(db, 'memberships', { tenant_id: tenant.id as string, user_id: user.id as string }, n)
    }
    await db.batch(migrations[at]?.statements ?? [], 'write')
    const locales = Object.fromEntries(
      (await db.execute('SELECT id, locale FROM users ORDER BY id')).rows.map((r) => [
        String(r.id),
        r.locale,
      ]),
    )
    // A language that only repeated the organization's default is no one's own choice: email then follows the
    // page or the organization (decision 019). A language of one's own, or of someone in no organization, stays.
    expect(locales).toEqual({
      [users.copied.id as string]: null,
      [users.chosen.id as string]: 'ar',
      [users.noMember.id as string]: 'de',
    })
  })
})
