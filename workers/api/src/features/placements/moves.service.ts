import { sha256 } from '@oslojs/crypto/sha2'
import {
  type Database,
  type DbResolver,
  newId,
  outbox,
  schema,
  type TenantMove,
  tenantMoves,
  tenants,
} from '@tandem/db'
import { and, asc, eq, getTableColumns, gt, inArray, is, sql } from 'drizzle-orm'
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { notFound, Problem } from '../../lib/problem'
import { inIds } from '../../lib/sql'

/**
 * Moving an organization's program data between placements (decision 044). The organization is read-only while its
 * rows are copied (writes answer 503 with Retry-After); each call of `stepMove` does a bounded piece of work and
 * records where it stopped, so an interrupted move resumes where it was; counts and checksums of every table are
 * compared before the placement is switched; the old copy stays until an operator confirms. Nothing is lost: until
 * the switch the old copy is the organization's data, after it the new one is, verified equal.
 */

/** Tables of the control database only: never copied. */
const CONTROL = new Set([
  'tenants',
  'tenant_limits',
  'tenant_moves',
  'tenant_databases',
  'memberships',
  'invitations',
])

/**
 * Tables with rows in both the control database and a tenant's (audit entries, email and its events, written where
 * the change that caused them was; the cron and the audit log read both). On the shared database, which is also the
 * control database, the organization's rows of both kinds lie together:
 * - leaving the shared database, they stay there (it is still read as the control database);
 * - coming back to it, the rows of the organization's own database are added to them: verified row by row (the
 *   shared copy may hold more, the control side's), and removed again on a roll back by their keys only;
 * - between databases of their own, they move with the rest.
 */
const BOTH = new Set(['audit_log', 'outbox', 'email_events'])

/** Rows copied or compared per call. */
export const MOVE_BATCH = 400

/** Mismatched verifications of one move before it is rolled back. */
const MAX_RECOPIES = 3

interface MovedTable {
  name: string
  table: SQLiteTable
  tenantId: ReturnType<typeof getTableColumns>[string]
  /** The primary key's columns, in order (rows are copied in that order). */
  key: ReturnType<typeof getTableColumns>[string][]
  /** Added to rows the target holds already (a BOTH table coming into the shared database). */
  merged?: boolean
}

/** Every table holding a tenant's program data, parents before children (foreign keys). */
function movedTables(): MovedTable[] {
  const tables = (Object.values(schema) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable))
  const byName = new Map<string, MovedTable>()
  const parents = new Map<string, string[]>()
  for (const table of tables) {
    const config = getTableConfig(table)
    const columns = getTableColumns(table)
    const tenantId = Object.values(columns).find((c) => c.name === 'tenant_id')
    if (!tenantId || CONTROL.has(config.name)) continue
    const key = config.primaryKeys[0]?.columns ?? Object.values(columns).filter((c) => c.primary)
    byName.set(config.name, { name: config.name, table, tenantId, key })
    parents.set(
      config.name,
      config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name),
    )
  }
  const ordered: MovedTable[] = []
  const seen = new Set<string>()
  const visit = (name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    for (const parent of parents.get(name) ?? []) if (byName.has(parent)) visit(parent)
    ordered.push(byName.get(name) as MovedTable)
  }
  for (const name of [...byName.keys()].sort()) visit(name)
  return ordered
}

let cachedTables: MovedTable[] | undefined
const tablesOf = (move: Pick<TenantMove, 'fromPlacement' | 'toPlacement'>) => {
  cachedTables ??= movedTables()
  if (move.fromPlacement === 'shared') return cachedTables.filter((t) => !BOTH.has(t.name))
  if (move.toPlacement === 'shared')
    return cachedTables.map((t) => (BOTH.has(t.name) ? { ...t, merged: true } : t))
  return cachedTables
}

/** The names of the tables a move copies, in order (for documentation and tests). */
export const movedTableNames = (fromPlacement: string, toPlacement: string) =>
  tablesOf({ fromPlacement, toPlacement }).map((t) => t.name)

// ---- rows, keys and checksums ---------------------------------------------------------------------------------

type Row = Record<string, unknown>

const keyOf = (t: MovedTable, row: Row) => {
  const columns = getTableColumns(t.table)
  const names = Object.entries(columns)
  return t.key.map((k) => row[names.find(([, c]) => c === k)?.[0] ?? ''] as string)
}

/** Rows after a cursor (the last key copied), in key order. */
async function page(db: Database, t: MovedTable, tenantId: string, cursor: string | null, limit: number) {
  const after = cursor ? (JSON.parse(cursor) as string[]) : null
  // Keys are compared as a tuple: (a, b) > (x, y).
  const past = after
    ? t.key.length === 1
      ? gt(t.key[0] as never, after[0])
      : sql`(${sql.join(
          t.key.map((k) => sql`${k}`),
          sql`, `,
        )}) > (${sql.join(
          after.map((v) => sql`${v}`),
          sql`, `,
        )})`
    : undefined
  return (await db
    .select()
    .from(t.table)
    .where(and(eq(t.tenantId as never, tenantId), past))
    .orderBy(...t.key.map((k) => asc(k as never)))
    .limit(limit)) as Row[]
}

const MOD = 2n ** 64n

/** An order-independent checksum of rows: the sum of each row's hash (first 8 bytes of SHA-256), modulo 2^64. */
function addToChecksum(checksum: string, rows: Row[]): string {
  let sum = BigInt(`0x${checksum || '0'}`)
  for (const row of rows) {
    const digest = sha256(new TextEncoder().encode(stable(row)))
    let n = 0n
    for (let i = 0; i < 8; i++) n = (n << 8n) | BigInt(digest[i] as number)
    sum = (sum + n) % MOD
  }
  return sum.toString(16)
}

/** JSON with keys in a fixed order and dates as epoch milliseconds, so both databases' rows compare equal. */
function stable(row: Row): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => {
        const v = row[k]
        return [k, v instanceof Date ? v.getTime() : v]
      }),
  )
}

// ---- the move's record ----------------------------------------------------------------------------------------

interface TableProgress {
  rows: number
  checksum: string
  /** While verifying: what each side holds. */
  source?: { rows: number; checksum: string }
  target?: { rows: number; checksum: string }
  recopies?: number
}

type Progress = Record<string, TableProgress>

const moveNotFound = () => notFound('No such move.')

async function moveById(control: Database, id: string) {
  const move = await control.select().from(tenantMoves).where(eq(tenantMoves.id, id)).get()
  if (!move) throw moveNotFound()
  return move
}

const conflict = (detail: string) => new Problem('move-conflict', { detail })

/** Rows of `tenantId` the database holds in moved tables (a target must hold none before a move begins). */
async function heldRows(db: Database, tenantId: string, tables: MovedTable[]) {
  let held = 0
  for (const t of tables) {
    const row = await db
      .select({ n: sql<number>`count(*)` })
      .from(t.table)
      .where(eq(t.tenantId as never, tenantId))
      .get()
    held += Number(row?.n ?? 0)
  }
  return held
}

/**
 * Starts moving `slug` to `to`: checks the target answers and holds nothing of the organization, copies its
 * directory row there (for foreign keys), makes the organization read-only and records the move.
 */
export async function startMove(
  resolver: DbResolver,
  slug: string,
  to: string,
  now: Date,
): Promise<TenantMove> {
  const control = resolver.control()
  const tenant = await control.select().from(tenants).where(eq(tenants.slug, slug)).get()
  if (!tenant) throw notFound('No organization with this address.')
  if (tenant.placement === to) throw conflict('The organization is on this placement already.')
  const open = await control
    .select({ id: tenantMoves.id })
    .from(tenantMoves)
    .where(and(eq(tenantMoves.tenantId, tenant.id), inArray(tenantMoves.state, ['copying', 'verifying'])))
    .get()
  if (open) throw conflict(`A move of this organization is under way (${open.id}).`)
  const target = await resolver.dbFor({ id: tenant.id, placement: to })
  const move: TenantMove = {
    id: newId(),
    tenantId: tenant.id,
    fromPlacement: tenant.placement,
    toPlacement: to,
    state: 'copying',
    step: 0,
    cursor: null,
    tables: {},
    error: null,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
  }
  if (to !== 'shared' && (await heldRows(target, tenant.id, tablesOf(move))) > 0)
    throw conflict(
      'The target database still holds rows of this organization (an earlier copy); clear it first.',
    )
  if (to !== 'shared') await target.insert(tenants).values(tenant).onConflictDoNothing()
  await control.batch([
    control.update(tenants).set({ readOnlySince: now }).where(eq(tenants.id, tenant.id)),
    control.insert(tenantMoves).values(move),
  ])
  return move
}

/**
 * Deletes the organization's rows of `tables` from `db`, children first. Of a merged table only the rows copied from
 * `source` go (found by their keys), never the rows the target held of its own.
 */
async function clear(db: Database, tenantId: string, tables: MovedTable[], source?: Database) {
  for (const t of [...tables].reverse()) {
    if (!t.merged) {
      await db.delete(t.table).where(eq(t.tenantId as never, tenantId))
      continue
    }
    if (!source) throw new Error(`${t.name}: removing merged rows needs their source`)
    for (let cursor: string | null = null; ; ) {
      const rows = await page(source, t, tenantId, cursor, MOVE_BATCH)
      if (rows.length > 0)
        await db
          .delete(t.table)
          .where(and(eq(t.tenantId as never, tenantId), inIds(t.key[0] as never, keysOf(t, rows))))
      if (rows.length < MOVE_BATCH) break
      cursor = JSON.stringify(keyOf(t, rows.at(-1) as Row))
    }
  }
}

/** The single-column keys of `rows` (merged tables have one key column, `id`). */
const keysOf = (t: MovedTable, rows: Row[]) => rows.map((row) => keyOf(t, row)[0] as string)

/** The target's rows with the keys of `rows` (of a merged table), in key order. */
async function sameKeys(db: Database, t: MovedTable, tenantId: string, rows: Row[]) {
  if (rows.length === 0) return []
  return (await db
    .select()
    .from(t.table)
    .where(and(eq(t.tenantId as never, tenantId), inIds(t.key[0] as never, keysOf(t, rows))))
    .orderBy(asc(t.key[0] as never))) as Row[]
}

/** Records a step, unless another call recorded one meanwhile (then the move as that call left it). */
async function save(control: Database, move: TenantMove, changes: Partial<TenantMove>, now: Date) {
  const saved = await control
    .update(tenantMoves)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(tenantMoves.id, move.id), eq(tenantMoves.updatedAt, move.updatedAt)))
    .returning()
  return saved[0] ?? moveById(control, move.id)
}

/**
 * One bounded piece of a move: copies up to MOVE_BATCH rows of the current table (`copying`), or compares up to
 * MOVE_BATCH rows of both copies of the current table (`verifying`); after the last table is verified equal the
 * placement is switched and the organization writable again. A table found different is copied again (after its
 * and its children's rows are cleared from the target); after MAX_RECOPIES the move is rolled back.
 */
export async function stepMove(resolver: DbResolver, id: string, now: Date): Promise<TenantMove> {
  const control = resolver.control()
  let move = await moveById(control, id)
  if (move.state !== 'copying' && move.state !== 'verifying') return move
  const tables = tablesOf(move)
  const source = await resolver.dbFor({ id: move.tenantId, placement: move.fromPlacement })
  const target = await resolver.dbFor({ id: move.tenantId, placement: move.toPlacement })
  const progress: Progress = { ...(move.tables as Progress | null) }
  const t = tables[move.step]

  if (move.state === 'copying') {
    if (!t) return save(control, move, { state: 'verifying', step: 0, cursor: null, tables: progress }, now)
    const rows = await page(source, t, move.tenantId, move.cursor, MOVE_BATCH)
    if (rows.length > 0) {
      const [first, ...rest] = rows.map((row) =>
        target
          .insert(t.table)
          .values(row as never)
          .onConflictDoNothing(),
      )
      await target.batch([first as never, ...(rest as never[])])
    }
    const before = progress[t.name] ?? { rows: 0, checksum: '0' }
    progress[t.name] = {
      ...before,
      rows: before.rows + rows.length,
      checksum: addToChecksum(before.checksum, rows),
    }
    const done = rows.length < MOVE_BATCH
    const last = rows.at(-1)
    return save(
      control,
      move,
      done
        ? { step: move.step + 1, cursor: null, tables: progress }
        : { cursor: JSON.stringify(keyOf(t, last as Row)), tables: progress },
      now,
    )
  }

  // verifying
  if (!t) return switchPlacement(resolver, move, progress, now)
  const from = await page(source, t, move.tenantId, move.cursor, MOVE_BATCH)
  const into = t.merged
    ? await sameKeys(target, t, move.tenantId, from)
    : await page(target, t, move.tenantId, move.cursor, MOVE_BATCH)
  const entry = progress[t.name] ?? { rows: 0, checksum: '0' }
  const sourceSide = entry.source ?? { rows: 0, checksum: '0' }
  const targetSide = entry.target ?? { rows: 0, checksum: '0' }
  entry.source = { rows: sourceSide.rows + from.length, checksum: addToChecksum(sourceSide.checksum, from) }
  entry.target = { rows: targetSide.rows + into.length, checksum: addToChecksum(targetSide.checksum, into) }
  progress[t.name] = entry
  // Pages are cut by key: the same page of equal copies holds the same rows.
  const lastKey = (rows: Row[]) => (rows.length ? JSON.stringify(keyOf(t, rows.at(-1) as Row)) : null)
  const samePage = lastKey(from) === lastKey(into)
  const finished = from.length < MOVE_BATCH && into.length < MOVE_BATCH
  if (samePage && !finished) return save(control, move, { cursor: lastKey(from), tables: progress }, now)
  const equal =
    samePage && entry.source.rows === entry.target.rows && entry.source.checksum === entry.target.checksum
  if (equal) return save(control, move, { step: move.step + 1, cursor: null, tables: progress }, now)

  // Different (something wrote to the old copy meanwhile, or a copy was cut short): copy this table again.
  const recopies = (entry.recopies ?? 0) + 1
  if (recopies > MAX_RECOPIES) {
    move = await save(
      control,
      move,
      { error: `${t.name}: the copies differed after ${MAX_RECOPIES} copies`, tables: progress },
      now,
    )
    return rollBackMove(resolver, move.id, now)
  }
  const again = tables.slice(move.step)
  await clear(target, move.tenantId, again, source)
  for (const table of again)
    progress[table.name] = { rows: 0, checksum: '0', recopies: table === t ? recopies : 0 }
  return save(control, move, { state: 'copying', cursor: null, tables: progress }, now)
}

async function switchPlacement(resolver: DbResolver, move: TenantMove, progress: Progress, now: Date) {
  const control = resolver.control()
  await control.batch([
    control
      .update(tenants)
      .set({ placement: move.toPlacement, readOnlySince: null })
      .where(and(eq(tenants.id, move.tenantId), eq(tenants.placement, move.fromPlacement))),
    control
      .update(tenantMoves)
      .set({ state: 'switched', step: 0, cursor: null, tables: progress, updatedAt: now })
      .where(eq(tenantMoves.id, move.id)),
  ])
  // Email not yet sent went along with the outbox; the old copy's must not go out as well (each database's
  // dispatcher sends what is due in it). What was sent, or failed, stays with the old copy until it is confirmed.
  if (tablesOf(move).some((t) => t.name === 'outbox')) {
    const source = await resolver.dbFor({ id: move.tenantId, placement: move.fromPlacement })
    await source
      .delete(outbox)
      .where(and(eq(outbox.tenantId, move.tenantId), inArray(outbox.status, ['pending', 'queued'])))
  }
  return moveById(control, move.id)
}

/** Before the switch: removes what was copied and makes the organization writable again on its old placement. */
export async function rollBackMove(resolver: DbResolver, id: string, now: Date): Promise<TenantMove> {
  const control = resolver.control()
  const move = await moveById(control, id)
  if (move.state !== 'copying' && move.state !== 'verifying')
    throw conflict(`A ${move.state} move cannot be rolled back; move the organization back instead.`)
  const target = await resolver.dbFor({ id: move.tenantId, placement: move.toPlacement })
  const source = await resolver.dbFor({ id: move.tenantId, placement: move.fromPlacement })
  await clear(target, move.tenantId, tablesOf(move), source)
  if (move.toPlacement !== 'shared') await target.delete(tenants).where(eq(tenants.id, move.tenantId))
  await control.batch([
    control.update(tenants).set({ readOnlySince: null }).where(eq(tenants.id, move.tenantId)),
    control
      .update(tenantMoves)
      .set({ state: 'rolled-back', updatedAt: now, finishedAt: now })
      .where(eq(tenantMoves.id, move.id)),
  ])
  return moveById(control, move.id)
}

/** After the switch, once the operator has checked the organization on its new placement: the old copy goes. */
export async function confirmMove(resolver: DbResolver, id: string, now: Date): Promise<TenantMove> {
  const control = resolver.control()
  const move = await moveById(control, id)
  if (move.state !== 'switched')
    throw conflict(`Only a switched move can be confirmed (this one is ${move.state}).`)
  const source = await resolver.dbFor({ id: move.tenantId, placement: move.fromPlacement })
  // The old copy holds only the organization's own rows: all of them go, merged tables' included.
  await clear(
    source,
    move.tenantId,
    tablesOf(move).map((t) => ({ ...t, merged: false })),
  )
  if (move.fromPlacement !== 'shared') await source.delete(tenants).where(eq(tenants.id, move.tenantId))
  await control
    .update(tenantMoves)
    .set({ state: 'confirmed', updatedAt: now, finishedAt: now })
    .where(eq(tenantMoves.id, move.id))
  return moveById(control, move.id)
}

export async function getMove(resolver: DbResolver, id: string) {
  return moveById(resolver.control(), id)
}
