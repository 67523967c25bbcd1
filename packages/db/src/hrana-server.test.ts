import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Client, createClient, LibsqlError } from '@libsql/client/web'
import { sql } from 'drizzle-orm'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { drizzle } from 'drizzle-orm/libsql/web'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from './client'
import { repositoryContract } from './contract'
import { countStatements, type HranaServer, startHranaServer } from './hrana-server'
import { libsqlWebDatabase } from './libsql-web'

// The stand-in, exercised only through the real HTTP client (`@libsql/client/web`) and drizzle over it.
const TOKEN = 'hrana-test-token'
const MIGRATIONS = path.resolve(import.meta.dirname, '../../../migrations')
const dir = mkdtempSync(path.join(tmpdir(), 'tandem-hrana-'))
let server: HranaServer
const clients: Client[] = []

const client = (name: string, authToken: string = TOKEN) => {
  const c = createClient({ url: server.url(name), authToken })
  clients.push(c)
  return c
}

beforeAll(async () => {
  server = await startHranaServer({ dir, authToken: TOKEN, streamIdleMs: 2_000 })
})

afterAll(async () => {
  for (const c of clients) c.close()
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

const codeOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(LibsqlError)
  return error as LibsqlError
}

describe('Hrana over HTTP stand-in', () => {
  it('serves a database at <base>/<name>/ and creates its file on first use', async () => {
    expect(server.url('alpha')).toBe(`${server.baseUrl}/alpha/`)
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const db = client('alpha')
    await db.execute(
      'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, score REAL, data BLOB)',
    )
    expect(existsSync(path.join(dir, 'alpha.sqlite'))).toBe(true)
  })

  it('executes with positional and named arguments and encodes every value type', async () => {
    const db = client('alpha')
    const inserted = await db.execute({
      sql: 'INSERT INTO t (name, score, data) VALUES (?, ?, ?)',
      args: ['ada', 1.5, new Uint8Array([0, 1, 254, 255])],
    })
    expect(inserted.rowsAffected).toBe(1)
    expect(inserted.lastInsertRowid).toBe(1n)
    await db.execute({ sql: 'INSERT INTO t (name) VALUES (:name)', args: { name: 'bob' } })
    const small = await db.execute({ sql: 'SELECT ? AS n, NULL AS empty', args: [7n] })
    expect(small.columns).toEqual(['n', 'empty'])
    expect(small.rows[0]?.n).toBe(7)
    expect(small.rows[0]?.empty).toBeNull()

    const rows = await db.execute({
      sql: 'SELECT id, name, score, data FROM t WHERE id >= ? ORDER BY id',
      args: [1],
    })
    expect(rows.columns).toEqual(['id', 'name', 'score', 'data'])
    expect(rows.columnTypes).toEqual(['INTEGER', 'TEXT', 'REAL', 'BLOB'])
    expect(rows.rows.length).toBe(2)
    expect(rows.rows[0]?.id).toBe(1)
    expect(rows.rows[0]?.name).toBe('ada')
    expect(rows.rows[0]?.score).toBe(1.5)
    expect([...new Uint8Array(rows.rows[0]?.data as ArrayBuffer)]).toEqual([0, 1, 254, 255])
    expect(rows.rows[1]?.score).toBeNull()

    const bigints = createClient({ url: server.url('alpha'), authToken: TOKEN, intMode: 'bigint' })
    clients.push(bigints)
    const exact = await bigints.execute({ sql: 'SELECT ? AS big', args: [9007199254740993n] })
    expect(exact.rows[0]?.big).toBe(9007199254740993n)
  })

  it('reports affected rows and the rowid of INSERT … RETURNING', async () => {
    const db = client('alpha')
    const returned = await db.execute({
      sql: 'INSERT INTO t (name) VALUES (?), (?) RETURNING id',
      args: ['c', 'd'],
    })
    expect(returned.rows.map((r) => r.id)).toEqual([3, 4])
    expect(returned.rowsAffected).toBe(2)
    const updated = await db.execute({ sql: 'UPDATE t SET score = 2 WHERE id > ?', args: [2] })
    expect(updated.rowsAffected).toBe(2)
  })

  it('a UNIQUE violation reaches the client as a LibsqlError with the SQLite code', async () => {
    const error = await codeOf(
      client('alpha').execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['ada'] }),
    )
    expect(error.code).toBe('SQLITE_CONSTRAINT')
    expect(error.message).toMatch(/UNIQUE constraint failed: t\.name/)
  })

  it('refuses several statements in one execute, as sqld does', async () => {
    const error = await codeOf(client('alpha').execute('SELECT 1; SELECT 2'))
    expect(error.code).toBe('SQL_MANY_STATEMENTS')
    expect(
      countStatements('CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END; SELECT 3'),
    ).toBe(2)
    expect(countStatements("SELECT ';' -- ; \n /* ; */ ;")).toBe(1)
  })

  it('a batch writes all its statements in one transaction', async () => {
    const db = client('beta')
    const results = await db.batch(
      [
        'CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE)',
        { sql: 'INSERT INTO items (label) VALUES (?)', args: ['one'] },
        { sql: 'INSERT INTO items (label) VALUES (?)', args: ['two'] },
        'SELECT count(*) AS n FROM items',
      ],
      'write',
    )
    expect(results[1]?.lastInsertRowid).toBe(1n)
    expect(results[3]?.rows[0]?.n).toBe(2)
  })

  it('a batch whose second statement fails writes nothing, and the error code reaches the client', async () => {
    const db = client('beta')
    const error = await codeOf(
      db.batch(
        [
          { sql: 'INSERT INTO items (label) VALUES (?)', args: ['three'] },
          { sql: 'INSERT INTO items (label) VALUES (?)', args: ['one'] },
          { sql: 'INSERT INTO items (label) VALUES (?)', args: ['four'] },
        ],
        'write',
      ),
    )
    expect(error.code).toBe('SQLITE_CONSTRAINT')
    const labels = await db.execute('SELECT label FROM items ORDER BY id')
    expect(labels.rows.map((r) => r.label)).toEqual(['one', 'two'])
  })

  it('an interactive transaction spans several requests, then commits', async () => {
    const db = client('beta')
    const tx = await db.transaction('write')
    await tx.execute({ sql: 'INSERT INTO items (label) VALUES (?)', args: ['five'] })
    const inside = await tx.execute('SELECT count(*) AS n FROM items')
    expect(inside.rows[0]?.n).toBe(3)
    await tx.batch([{ sql: 'INSERT INTO items (label) VALUES (?)', args: ['six'] }])
    await tx.commit()
    const after = await db.execute('SELECT label FROM items ORDER BY id')
    expect(after.rows.map((r) => r.label)).toEqual(['one', 'two', 'five', 'six'])
  })

  it('a rolled-back transaction leaves nothing, and other streams wait for it instead of seeing it', async () => {
    const db = client('beta')
    const tx = await db.transaction('write')
    await tx.execute({ sql: 'INSERT INTO items (label) VALUES (?)', args: ['seven'] })
    // Another stream's read waits until the transaction ends, so it never sees the uncommitted row.
    const other = db.execute('SELECT count(*) AS n FROM items')
    await tx.execute({ sql: 'INSERT INTO items (label) VALUES (?)', args: ['eight'] })
    await tx.rollback()
    expect((await other).rows[0]?.n).toBe(4)
    const after = await db.execute('SELECT label FROM items ORDER BY id')
    expect(after.rows.map((r) => r.label)).toEqual(['one', 'two', 'five', 'six'])
  })

  it('a transaction left open expires: it is rolled back and the database is free again', async () => {
    const db = client('gamma')
    await db.execute('CREATE TABLE k (v TEXT)')
    const tx = await db.transaction('write')
    await tx.execute("INSERT INTO k VALUES ('lost')")
    const started = Date.now()
    const count = await db.execute('SELECT count(*) AS n FROM k')
    expect(count.rows[0]?.n).toBe(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500)
    const error = await codeOf(tx.execute('SELECT 1'))
    expect(error.code).toBe('STREAM_EXPIRED')
    tx.close()
  })

  it('keeps two databases on one server apart', async () => {
    const one = client('tenant-one')
    const two = client('tenant-two')
    await one.execute('CREATE TABLE notes (body TEXT)')
    await one.execute("INSERT INTO notes VALUES ('only in one')")
    const error = await codeOf(two.execute('SELECT * FROM notes'))
    expect(error.code).toBe('SQLITE_ERROR')
    expect(error.message).toMatch(/no such table: notes/)
    expect((await one.execute('SELECT body FROM notes')).rows[0]?.body).toBe('only in one')
    expect(existsSync(path.join(dir, 'tenant-one.sqlite'))).toBe(true)
    expect(existsSync(path.join(dir, 'tenant-two.sqlite'))).toBe(true)
  })

  it('refuses a wrong or missing token with 401, as Turso does', async () => {
    const wrong = await codeOf(client('alpha', 'not-the-token').execute('SELECT 1'))
    expect(wrong.code).toBe('SERVER_ERROR')
    expect(wrong.message).toMatch(/401/)
    const missing = createClient({ url: server.url('alpha') })
    clients.push(missing)
    expect((await codeOf(missing.execute('SELECT 1'))).message).toMatch(/401/)
    const raw = await fetch(`${server.baseUrl}/alpha/v2/pipeline`, {
      method: 'POST',
      body: JSON.stringify({ baton: null, requests: [{ type: 'close' }] }),
    })
    expect(raw.status).toBe(401)
  })

  it('answers the version probes: v2 yes, v3 no (a Hrana 3 client falls back to 2)', async () => {
    expect((await fetch(`${server.baseUrl}/alpha/v2`)).status).toBe(200)
    expect((await fetch(`${server.baseUrl}/alpha/v3`)).status).toBe(404)
    expect((await fetch(`${server.baseUrl}/alpha/v3-protobuf`)).status).toBe(404)
  })

  it('drizzle over the web client: queries, a batch, a transaction', async () => {
    const db = drizzle(client('delta'))
    await db.run(sql`CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)`)
    await db.batch([
      db.run(sql`INSERT INTO people (name) VALUES (${'ada'})`),
      db.run(sql`INSERT INTO people (name) VALUES (${'grace'})`),
    ])
    const failed = await db
      .transaction(async (tx) => {
        await tx.run(sql`INSERT INTO people (name) VALUES (${'linus'})`)
        await tx.run(sql`INSERT INTO people (name) VALUES (${'ada'})`)
      })
      .then(
        () => undefined,
        (e: unknown) => e as { cause?: unknown },
      )
    // drizzle wraps the driver's error ("Failed query: …") and keeps it as the cause.
    expect(failed?.cause).toBeInstanceOf(LibsqlError)
    expect((failed?.cause as LibsqlError | undefined)?.code).toBe('SQLITE_CONSTRAINT')
    await db.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO people (name) VALUES (${'barbara'})`)
    })
    const names = await db.all<{ name: string }>(sql`SELECT name FROM people ORDER BY id`)
    expect(names.map((n) => n.name)).toEqual(['ada', 'grace', 'barbara'])
  })

  it("applies the committed migrations with drizzle's libsql migrator over the web client", async () => {
    const db = drizzle(client('migrated'))
    await migrate(db, { migrationsFolder: MIGRATIONS })
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as {
      entries: unknown[]
    }
    const applied = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM __drizzle_migrations`)
    expect(applied[0]?.n).toBe(journal.entries.length)
    const tables = await db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table'`)
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['tenants', 'users', 'participants']))
    // Applying again is a no-op.
    await migrate(db, { migrationsFolder: MIGRATIONS })
    expect((await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM __drizzle_migrations`))[0]?.n).toBe(
      journal.entries.length,
    )
    // The migrator turns foreign keys off for its batch; the connection goes back with them on.
    const fk = await db.all<{ foreign_keys: number }>(sql`PRAGMA foreign_keys`)
    expect(fk[0]?.foreign_keys).toBe(1)
  })

  it('runs as its own process: prints its base URL, serves, ends when stdin closes', async () => {
    const main = fileURLToPath(new URL('./hrana-server.main.ts', import.meta.url))
    const processDir = mkdtempSync(path.join(tmpdir(), 'tandem-hrana-process-'))
    const child = spawn(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', main, '--dir', processDir],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
        env: { ...process.env, HRANA_AUTH_TOKEN: 'process-token' },
      },
    )
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    const base = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.once('exit', (code) => reject(new Error(`ended with ${code}`)))
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8')
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '')
      })
    })
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const remote = createClient({ url: `${base}/proc/`, authToken: 'process-token' })
    expect((await remote.execute('SELECT 41 + 1 AS answer')).rows[0]?.answer).toBe(42)
    remote.close()
    child.stdin.end()
    expect(await exited).toBe(0)
    expect(existsSync(path.join(processDir, 'proc.sqlite'))).toBe(true)
    rmSync(processDir, { recursive: true, force: true })
  }, 20_000)
})

// The repository contract over HTTP: the same queries the file driver passes, through `@libsql/client/web`.
let contractDb: Database | undefined
beforeAll(async () => {
  contractDb = libsqlWebDatabase({ url: server.url('contract'), authToken: TOKEN })
  await migrate(contractDb as unknown as Parameters<typeof migrate>[0], { migrationsFolder: MIGRATIONS })
})

repositoryContract('libSQL over HTTP (stand-in)', () => {
  if (!contractDb) throw new Error('database not ready')
  return contractDb
})
