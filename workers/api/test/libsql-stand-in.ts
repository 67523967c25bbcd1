import { mkdirSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import Database from 'libsql'

/**
 * A stand-in for a libSQL server (sqld / Turso) at the network edge, for the Worker's tests and `pnpm bench:*`: the
 * Hrana protocol over HTTP, version 2 (`POST …/v2/pipeline`, JSON), serving SQLite files through `libsql` (the
 * engine @libsql/client uses locally), so the real `@libsql/client/web` code in the Worker talks to it over HTTP
 * (decision 042).
 *
 * - Many databases from one process, each at its own base URL: `http://127.0.0.1:<port>/<name>/` (the trailing slash
 *   matters: the client resolves `v2/pipeline` against it). A database file is created on first use under `dir`.
 * - `Authorization: Bearer <token>` is required when `token` is set (401 otherwise), as Turso does.
 * - Requests: `execute`, `batch` (with step conditions: ok, error, not, and, or, is_autocommit), `sequence`,
 *   `describe`, `store_sql`/`close_sql`, `get_autocommit`, `close`; a stream's baton is returned and accepted, and a
 *   transaction begun in one request stays open on that database until committed (one connection per database).
 * - Not served: Hrana v3 and its cursors (`GET …/v3` answers 404, so clients fall back to v2), WebSockets, protobuf.
 */

type Value =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string }

interface Stmt {
  sql?: string
  sql_id?: number
  args?: Value[]
  named_args?: { name: string; value: Value }[]
  want_rows?: boolean
}

type Cond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: Cond }
  | { type: 'and' | 'or'; conds: Cond[] }
  | { type: 'is_autocommit' }

type Request =
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; batch: { steps: { condition?: Cond; stmt: Stmt }[] } }
  | { type: 'sequence'; sql?: string; sql_id?: number }
  | { type: 'describe'; sql?: string; sql_id?: number }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number }
  | { type: 'get_autocommit' }
  | { type: 'close' }

class HranaError extends Error {
  code: string
  constructor(message: string, code: string) {
    super(message)
    this.code = code
  }
}

const toValue = (v: unknown): Value => {
  if (v === null || v === undefined) return { type: 'null' }
  if (typeof v === 'bigint') return { type: 'integer', value: v.toString() }
  if (typeof v === 'number')
    return Number.isInteger(v) ? { type: 'integer', value: String(v) } : { type: 'float', value: v }
  if (typeof v === 'string') return { type: 'text', value: v }
  if (v instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(v).toString('base64') }
  return { type: 'text', value: String(v) }
}

const fromValue = (v: Value): unknown => {
  switch (v.type) {
    case 'null':
      return null
    case 'integer':
      return BigInt(v.value)
    case 'float':
      return v.value
    case 'text':
      return v.value
    case 'blob':
      return Buffer.from(v.base64, 'base64')
  }
}

interface Conn {
  db: InstanceType<typeof Database>
  sql: Map<number, string>
}

function errorOf(e: unknown): HranaError {
  if (e instanceof HranaError) return e
  const err = e as { message?: string; code?: string }
  return new HranaError(err.message ?? String(e), err.code ?? 'SQLITE_ERROR')
}

function execute(conn: Conn, stmt: Stmt) {
  const text = stmt.sql ?? (stmt.sql_id !== undefined ? conn.sql.get(stmt.sql_id) : undefined)
  if (text === undefined) throw new HranaError('No SQL given', 'SQL_NOT_FOUND')
  try {
    const prepared = conn.db.prepare(text)
    const args = (stmt.args ?? []).map(fromValue)
    const named = Object.fromEntries(
      (stmt.named_args ?? []).map((a) => [a.name.replace(/^[:@$]/, ''), fromValue(a.value)]),
    )
    const params = stmt.named_args?.length ? [named] : args
    if (prepared.reader) {
      prepared.safeIntegers(true)
      prepared.raw(true)
      const cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type }))
      const rows = (prepared.all(...params) as unknown[][]).map((row) => row.map(toValue))
      return {
        cols,
        rows: stmt.want_rows === false ? [] : rows,
        affected_row_count: 0,
        last_insert_rowid: null,
        rows_read: rows.length,
        rows_written: 0,
        query_duration_ms: 0,
      }
    }
    const info = prepared.run(...params)
    return {
      cols: [],
      rows: [],
      affected_row_count: Number(info.changes),
      last_insert_rowid: String(info.lastInsertRowid),
      rows_read: 0,
      rows_written: Number(info.changes),
      query_duration_ms: 0,
    }
  } catch (e) {
    throw errorOf(e)
  }
}

function holds(cond: Cond | undefined, conn: Conn, ok: (boolean | undefined)[]): boolean {
  if (!cond) return true
  switch (cond.type) {
    case 'ok':
      return ok[cond.step] === true
    case 'error':
      return ok[cond.step] === false
    case 'not':
      return !holds(cond.cond, conn, ok)
    case 'and':
      return cond.conds.every((c) => holds(c, conn, ok))
    case 'or':
      return cond.conds.some((c) => holds(c, conn, ok))
    case 'is_autocommit':
      return !conn.db.inTransaction
  }
}

function handle(conn: Conn, req: Request) {
  switch (req.type) {
    case 'execute':
      return { type: 'execute', result: execute(conn, req.stmt) }
    case 'batch': {
      const ok: (boolean | undefined)[] = []
      const step_results: unknown[] = []
      const step_errors: unknown[] = []
      for (const step of req.batch.steps) {
        if (!holds(step.condition, conn, ok)) {
          ok.push(undefined)
          step_results.push(null)
          step_errors.push(null)
          continue
        }
        try {
          step_results.push(execute(conn, step.stmt))
          step_errors.push(null)
          ok.push(true)
        } catch (e) {
          const err = errorOf(e)
          step_results.push(null)
          step_errors.push({ message: err.message, code: err.code })
          ok.push(false)
        }
      }
      return { type: 'batch', result: { step_results, step_errors } }
    }
    case 'sequence': {
      const text = req.sql ?? (req.sql_id !== undefined ? conn.sql.get(req.sql_id) : undefined)
      if (text === undefined) throw new HranaError('No SQL given', 'SQL_NOT_FOUND')
      try {
        conn.db.exec(text)
      } catch (e) {
        throw errorOf(e)
      }
      return { type: 'sequence' }
    }
    case 'describe': {
      const text = req.sql ?? (req.sql_id !== undefined ? conn.sql.get(req.sql_id) : '') ?? ''
      const prepared = conn.db.prepare(text)
      return {
        type: 'describe',
        result: {
          params: [],
          cols: prepared.reader ? prepared.columns().map((c) => ({ name: c.name, decltype: c.type })) : [],
          is_explain: /^\s*explain\b/i.test(text),
          is_readonly: prepared.readonly,
        },
      }
    }
    case 'store_sql':
      conn.sql.set(req.sql_id, req.sql)
      return { type: 'store_sql' }
    case 'close_sql':
      conn.sql.delete(req.sql_id)
      return { type: 'close_sql' }
    case 'get_autocommit':
      return { type: 'get_autocommit', is_autocommit: !conn.db.inTransaction }
    case 'close':
      return { type: 'close' }
  }
}

export interface LibsqlStandIn {
  /** The base URL of database `name` (with its trailing slash). */
  url(name: string): string
  /** How many pipeline requests each database has served. */
  requests(): Record<string, number>
  close(): Promise<void>
}

export async function startLibsqlStandIn(options: {
  dir: string
  port?: number
  host?: string
  token?: string
}): Promise<LibsqlStandIn> {
  mkdirSync(options.dir, { recursive: true })
  const conns = new Map<string, Conn>()
  const counts: Record<string, number> = {}
  const connOf = (name: string) => {
    let conn = conns.get(name)
    if (!conn) {
      const db = new Database(path.join(options.dir, `${name}.sqlite`))
      db.exec('PRAGMA foreign_keys = ON')
      conn = { db, sql: new Map() }
      conns.set(name, conn)
    }
    return conn
  }
  let batons = 0

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    const match = /^\/([a-z0-9][a-z0-9-]{0,62})\/(v2|v3|v3-protobuf)(\/pipeline)?$/.exec(
      new URL(req.url ?? '/', 'http://stand-in').pathname,
    )
    if (!match) return send(404, { message: 'Not found' })
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`)
      return send(401, { message: 'Unauthorized', code: 'UNAUTHORIZED' })
    const [, name = '', version, pipeline] = match
    if (version !== 'v2') return send(404, { message: 'Only Hrana v2 over HTTP is served here' })
    if (!pipeline) return res.writeHead(200).end()
    if (req.method !== 'POST') return send(405, { message: 'POST a pipeline' })
    let body: { baton: string | null; requests: Request[] }
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      return send(400, { message: 'Not JSON' })
    }
    const conn = connOf(name)
    counts[name] = (counts[name] ?? 0) + 1
    // Synchronous from here to the answer: no other request runs on this database in between.
    const results = body.requests.map((r) => {
      try {
        return { type: 'ok', response: handle(conn, r) }
      } catch (e) {
        const err = errorOf(e)
        return { type: 'error', error: { message: err.message, code: err.code } }
      }
    })
    const closed = body.requests.some((r) => r.type === 'close')
    send(200, { baton: closed ? null : (body.baton ?? `baton-${++batons}`), base_url: null, results })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const base = `http://${options.host ?? '127.0.0.1'}:${port}`
  return {
    url: (name) => `${base}/${name}/`,
    requests: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => {
          for (const conn of conns.values()) conn.db.close()
          resolve()
        })
      }),
  }
}
