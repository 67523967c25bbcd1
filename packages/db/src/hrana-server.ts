import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import Libsql from 'libsql'

/**
 * A libSQL server stand-in (sqld / Turso at the network edge) for tests and benchmarks, in Node only: the Hrana
 * protocol, version 2, over HTTP with JSON — what `@libsql/client/web` speaks — serving SQLite files through `libsql`,
 * the engine `@libsql/client`'s local (`file:`) driver wraps. Decision 042.
 *
 * - Many databases from one process, database `name` at `http://<host>:<port>/<name>/`. The trailing slash matters:
 *   the client resolves `v2/pipeline` against the URL it was given. `<name>`: lower-case letters, digits, `-`, `_`
 *   (at most 63). The file `<dir>/<name>.sqlite` is created on first use; foreign keys are on.
 * - `POST /<name>/v2/pipeline` with `execute`, `batch` (step conditions `ok`, `error`, `not`, `and`, `or`,
 *   `is_autocommit`), `sequence`, `describe`, `store_sql`, `close_sql`, `get_autocommit`, `close`. `GET /<name>/v2`
 *   answers 200; `…/v3` and `…/v3-protobuf` answer 404, so a client asking for Hrana 3 falls back to 2.
 * - Streams: each stream has a connection of its own for its lifetime; the answer carries a fresh baton unless the
 *   stream was closed, and a stream idle for `streamIdleMs` is closed (its transaction rolled back). A stream that
 *   ends a request inside a transaction holds its database until it commits, rolls back, closes or expires: other
 *   streams' requests on that database wait (transactions are serialized, never SQLITE_BUSY). Each request runs
 *   synchronously from parse to answer, so a batch is atomic.
 * - Errors as sqld sends them: SQLite failures as Hrana errors `{ message: 'SQLite error: …', code: 'SQLITE_<BASE>' }`
 *   (the base result code, e.g. `SQLITE_CONSTRAINT` for a UNIQUE violation); a bad or expired baton is HTTP 400
 *   `STREAM_EXPIRED`; a missing or wrong token (when `authToken` is set) is HTTP 401 `{ error: 'Unauthorized: …' }`.
 */

export interface HranaServerOptions {
  /** Where the database files live (created if missing). */
  dir: string
  /** 0 (default) picks a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** When set, every request must carry `Authorization: Bearer <authToken>`. */
  authToken?: string
  /** A stream idle this long is closed and its transaction rolled back. Default 10 s (sqld's default). */
  streamIdleMs?: number
}

export interface HranaServer {
  /** `http://<host>:<port>`, without a trailing slash. */
  baseUrl: string
  /** The URL to give `createClient({ url })` for database `name`: `${baseUrl}/${name}/`. */
  url(name: string): string
  /** Pipeline requests served per database (for tests that count round trips). */
  requests(): Record<string, number>
  /** Stops listening, rolls back open transactions and closes every connection. */
  close(): Promise<void>
}

type Value =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string }

interface Stmt {
  sql?: string | null
  sql_id?: number | null
  args?: Value[]
  named_args?: { name: string; value: Value }[]
  want_rows?: boolean
}

type Cond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: Cond }
  | { type: 'and' | 'or'; conds: Cond[] }
  | { type: 'is_autocommit' }

type StreamRequest =
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; batch: { steps: { condition?: Cond | null; stmt: Stmt }[] } }
  | { type: 'sequence'; sql?: string | null; sql_id?: number | null }
  | { type: 'describe'; sql?: string | null; sql_id?: number | null }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number }
  | { type: 'get_autocommit' }
  | { type: 'close' }

type Connection = InstanceType<typeof Libsql>

/** A Hrana error: reaches `@libsql/client` as a `LibsqlError` whose `code` is `code`. */
class HranaError extends Error {
  readonly code: string
  constructor(message: string, code: string) {
    super(message)
    this.code = code
  }
}

const BASE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  2: 'SQLITE_INTERNAL',
  3: 'SQLITE_PERM',
  4: 'SQLITE_ABORT',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  15: 'SQLITE_PROTOCOL',
  17: 'SQLITE_SCHEMA',
  18: 'SQLITE_TOOBIG',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS',
  23: 'SQLITE_AUTH',
  25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB',
}

/** sqld reports SQLite failures with the base result code and `SQLite error: ` before SQLite's message. */
function hranaError(e: unknown): HranaError {
  if (e instanceof HranaError) return e
  if (e instanceof Libsql.SqliteError) {
    const code =
      e.rawCode === undefined ? 'SQLITE_UNKNOWN' : (BASE_CODES[e.rawCode & 0xff] ?? 'SQLITE_UNKNOWN')
    return new HranaError(`SQLite error: ${e.message}`, code)
  }
  return new HranaError(e instanceof Error ? e.message : String(e), 'SQLITE_UNKNOWN')
}

const toValue = (v: unknown): Value => {
  if (v === null || v === undefined) return { type: 'null' }
  if (typeof v === 'bigint') return { type: 'integer', value: v.toString() }
  // Integers come as bigint (safeIntegers), so a number here is a REAL.
  if (typeof v === 'number') return { type: 'float', value: v }
  if (typeof v === 'string') return { type: 'text', value: v }
  if (v instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(v).toString('base64') }
  throw new HranaError(`Unsupported value from SQLite: ${typeof v}`, 'SQLITE_MISMATCH')
}

const fromValue = (v: Value): unknown => {
  switch (v?.type) {
    case 'null':
      return null
    case 'integer':
      if (!/^-?\d+$/.test(v.value)) throw new HranaError(`Invalid integer ${v.value}`, 'ARGS_INVALID')
      return BigInt(v.value)
    case 'float':
      return v.value
    case 'text':
      return v.value
    case 'blob':
      return Buffer.from(v.base64, 'base64')
    default:
      throw new HranaError('Invalid value', 'ARGS_INVALID')
  }
}

/**
 * How many statements `sql` holds: top-level `;` outside strings, quoted names and comments, where the body of a
 * `CREATE [TEMP] TRIGGER … BEGIN … END` counts as part of its statement. (`libsql`'s prepare ignores everything after
 * the first statement, so `execute` must refuse several as sqld does.)
 */
export function countStatements(sql: string): number {
  let count = 0
  let tokens: string[] = []
  let i = 0
  const flush = () => {
    if (tokens.length > 0) count++
    tokens = []
  }
  while (i < sql.length) {
    const c = sql[i] as string
    if (/\s/.test(c)) {
      i++
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      i = end < 0 ? sql.length : end + 1
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2)
      i = end < 0 ? sql.length : end + 2
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c
      let j = i + 1
      for (;;) {
        const k = sql.indexOf(close, j)
        if (k < 0) {
          j = sql.length
          break
        }
        if (close !== ']' && sql[k + 1] === close) {
          j = k + 2
          continue
        }
        j = k + 1
        break
      }
      tokens.push('"')
      i = j
    } else if (c === ';') {
      const [first, second, third] = tokens
      const trigger =
        first === 'CREATE' &&
        (second === 'TRIGGER' || ((second === 'TEMP' || second === 'TEMPORARY') && third === 'TRIGGER'))
      if (!trigger || tokens[tokens.length - 1] === 'END') flush()
      else tokens.push(';')
      i++
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i, i + 64))
      if (m) {
        tokens.push(m[0].toUpperCase())
        i += m[0].length
      } else {
        tokens.push(c)
        i++
      }
    }
  }
  flush()
  return count
}

interface Database {
  name: string
  file: string
  idle: Connection[]
  /** The stream holding this database between requests (it is inside a transaction). */
  owner: Stream | undefined
  waiters: (() => void)[]
}

interface Stream {
  id: string
  db: Database
  conn: Connection
  sqls: Map<number, string>
  baton: string
  timer: NodeJS.Timeout | undefined
  closed: boolean
}

const NAME = /^\/([a-z0-9][a-z0-9_-]{0,62})\/(v2|v3|v3-protobuf)(?:\/(pipeline|cursor))?\/?$/

function sqlOf(stream: Stream, sql: string | null | undefined, sqlId: number | null | undefined): string {
  if (sql != null && sqlId != null) throw new HranaError('Both sql and sql_id given', 'SQL_ID_AND_SQL_GIVEN')
  if (sql != null) return sql
  if (sqlId != null) {
    const stored = stream.sqls.get(sqlId)
    if (stored === undefined) throw new HranaError(`SQL text ${sqlId} not found`, 'SQL_NOT_FOUND')
    return stored
  }
  throw new HranaError('Neither sql nor sql_id given', 'SQL_ID_OR_SQL_NOT_GIVEN')
}

function execute(stream: Stream, stmt: Stmt) {
  const sql = sqlOf(stream, stmt.sql, stmt.sql_id)
  const statements = countStatements(sql)
  if (statements === 0) throw new HranaError('SQL string does not contain any statement', 'SQL_NO_STATEMENT')
  if (statements > 1)
    throw new HranaError('SQL string contains more than one statement', 'SQL_MANY_STATEMENTS')
  const positional = stmt.args ?? []
  const named = stmt.named_args ?? []
  if (positional.length > 0 && named.length > 0)
    throw new HranaError(
      'Specifying both positional and named arguments is not supported',
      'ARGS_BOTH_POSITIONAL_AND_NAMED',
    )
  const params: unknown[] =
    named.length > 0
      ? [Object.fromEntries(named.map((a) => [a.name.replace(/^[:@$?]/, ''), fromValue(a.value)]))]
      : positional.map(fromValue)
  const { conn } = stream
  try {
    const prepared = conn.prepare(sql)
    prepared.safeIntegers(true)
    if (prepared.reader) {
      prepared.raw(true)
      const cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type }))
      const rows = (prepared.all(...params) as unknown[][]).map((row) => row.map(toValue))
      let affected = 0
      let lastInsertRowid: string | null = null
      if (/\breturning\b/i.test(sql)) {
        // INSERT/UPDATE/DELETE … RETURNING: a reader that also writes.
        const [changes, rowid] = conn.prepare('SELECT changes(), last_insert_rowid()').raw(true).get() as [
          number,
          number,
        ]
        affected = Number(changes)
        lastInsertRowid = String(rowid)
      }
      return {
        cols,
        rows: stmt.want_rows === false ? [] : rows,
        affected_row_count: affected,
        last_insert_rowid: lastInsertRowid,
        rows_read: rows.length,
        rows_written: affected,
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
    throw hranaError(e)
  }
}

function holds(cond: Cond | null | undefined, conn: Connection, outcome: (boolean | undefined)[]): boolean {
  if (!cond) return true
  switch (cond.type) {
    case 'ok':
      return outcome[cond.step] === true
    case 'error':
      return outcome[cond.step] === false
    case 'not':
      return !holds(cond.cond, conn, outcome)
    case 'and':
      return cond.conds.every((c) => holds(c, conn, outcome))
    case 'or':
      return cond.conds.some((c) => holds(c, conn, outcome))
    case 'is_autocommit':
      return !conn.inTransaction
    default:
      throw new HranaError('Unknown batch condition', 'PROTOCOL_ERROR')
  }
}

function handle(stream: Stream, req: StreamRequest) {
  if (stream.closed) throw new HranaError('The stream is closed', 'STREAM_CLOSED')
  switch (req.type) {
    case 'execute':
      return { type: 'execute', result: execute(stream, req.stmt) }
    case 'batch': {
      // outcome[i]: true = ran, false = failed, undefined = skipped (its condition did not hold).
      const outcome: (boolean | undefined)[] = []
      const step_results: unknown[] = []
      const step_errors: unknown[] = []
      for (const step of req.batch.steps) {
        let result: unknown = null
        let error: unknown = null
        let ok: boolean | undefined
        if (holds(step.condition, stream.conn, outcome)) {
          try {
            result = execute(stream, step.stmt)
            ok = true
          } catch (e) {
            const err = hranaError(e)
            error = { message: err.message, code: err.code }
            ok = false
          }
        }
        outcome.push(ok)
        step_results.push(result)
        step_errors.push(error)
      }
      return { type: 'batch', result: { step_results, step_errors } }
    }
    case 'sequence': {
      const sql = sqlOf(stream, req.sql, req.sql_id)
      try {
        stream.conn.exec(sql)
      } catch (e) {
        throw hranaError(e)
      }
      return { type: 'sequence' }
    }
    case 'describe': {
      const sql = sqlOf(stream, req.sql, req.sql_id)
      try {
        const prepared = stream.conn.prepare(sql)
        return {
          type: 'describe',
          result: {
            // `libsql` does not expose parameter names.
            params: [],
            cols: prepared.reader ? prepared.columns().map((c) => ({ name: c.name, decltype: c.type })) : [],
            is_explain: /^\s*explain\b/i.test(sql),
            is_readonly: prepared.reader && /^\s*(select|values|explain)\b/i.test(sql),
          },
        }
      } catch (e) {
        throw hranaError(e)
      }
    }
    case 'store_sql':
      if (stream.sqls.has(req.sql_id)) throw new HranaError(`SQL text ${req.sql_id} exists`, 'SQL_ID_EXISTS')
      stream.sqls.set(req.sql_id, req.sql)
      return { type: 'store_sql' }
    case 'close_sql':
      stream.sqls.delete(req.sql_id)
      return { type: 'close_sql' }
    case 'get_autocommit':
      return { type: 'get_autocommit', is_autocommit: !stream.conn.inTransaction }
    case 'close':
      stream.closed = true
      return { type: 'close' }
    default:
      throw new HranaError('Unknown request type', 'PROTOCOL_ERROR')
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Starts the stand-in; resolves once it listens. */
export async function startHranaServer(options: HranaServerOptions): Promise<HranaServer> {
  mkdirSync(options.dir, { recursive: true })
  const host = options.host ?? '127.0.0.1'
  const idleMs = options.streamIdleMs ?? 10_000
  const databases = new Map<string, Database>()
  const streams = new Map<string, Stream>()
  const counts: Record<string, number> = {}

  const databaseOf = (name: string): Database => {
    let db = databases.get(name)
    if (!db) {
      db = { name, file: path.join(options.dir, `${name}.sqlite`), idle: [], owner: undefined, waiters: [] }
      databases.set(name, db)
    }
    return db
  }

  const checkout = (db: Database): Connection => {
    const conn = db.idle.pop()
    if (conn) return conn
    const fresh = new Libsql(db.file)
    fresh.exec('PRAGMA foreign_keys = ON')
    return fresh
  }

  const release = (db: Database, stream: Stream) => {
    if (db.owner !== stream) return
    db.owner = undefined
    const waiters = db.waiters
    db.waiters = []
    for (const wake of waiters) wake()
  }

  /** Ends a stream: rolls back what it left open, hands its connection back, lets waiting streams on. */
  const endStream = (stream: Stream) => {
    stream.closed = true
    clearTimeout(stream.timer)
    streams.delete(stream.id)
    const { conn, db } = stream
    try {
      if (conn.inTransaction) conn.exec('ROLLBACK')
      // A stream may have turned foreign keys off (the client's migrate() does, and turns them on again).
      conn.exec('PRAGMA foreign_keys = ON')
      db.idle.push(conn)
    } catch {
      conn.close()
    }
    release(db, stream)
  }

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req)
    const pathname = new URL(req.url ?? '/', 'http://stand-in').pathname
    const match = NAME.exec(pathname)
    if (!match) {
      const hint = /^\/v\d/.test(pathname) ? ' (the database URL must end with "/<name>/")' : ''
      return send(res, 404, { error: `Not found: ${pathname}${hint}` })
    }
    const [, name = '', version, endpoint] = match
    // The version probes carry no token (the client sends none with them), so they are answered without one.
    if (version !== 'v2') return send(res, 404, { error: 'Only Hrana 2 over HTTP with JSON is served' })
    if (!endpoint) return res.writeHead(200, { 'content-type': 'text/plain' }).end('Hrana 2 over HTTP\n')
    if (options.authToken !== undefined && req.headers.authorization !== `Bearer ${options.authToken}`)
      return send(res, 401, {
        error: 'Unauthorized: `The Authorization header does not carry a valid token`',
      })
    if (endpoint === 'cursor') return send(res, 404, { error: 'Cursors need Hrana 3' })
    if (req.method !== 'POST') return send(res, 405, { error: 'POST a pipeline' })

    let pipeline: { baton?: string | null; requests: StreamRequest[] }
    try {
      pipeline = JSON.parse(body)
      if (!pipeline || !Array.isArray(pipeline.requests)) throw new Error('no requests')
    } catch {
      return send(res, 400, { error: 'Failed to parse query: `the body is not a pipeline request`' })
    }

    const db = databaseOf(name)
    let stream: Stream
    if (pipeline.baton != null) {
      const id = pipeline.baton.split('.')[0] ?? ''
      const found = streams.get(id)
      if (!found || found.baton !== pipeline.baton || found.db !== db)
        return send(res, 400, {
          message: 'The stream has expired due to inactivity, or the baton is not valid',
          code: 'STREAM_EXPIRED',
        })
      stream = found
      clearTimeout(stream.timer)
    } else {
      const id = randomBytes(9).toString('base64url')
      stream = { id, db, conn: checkout(db), sqls: new Map(), baton: '', timer: undefined, closed: false }
      streams.set(id, stream)
    }

    // Wait while another stream holds this database inside a transaction.
    while (db.owner !== undefined && db.owner !== stream)
      await new Promise<void>((wake) => db.waiters.push(wake))
    if (!streams.has(stream.id))
      return send(res, 400, { message: 'The stream has expired due to inactivity', code: 'STREAM_EXPIRED' })

    // From here to the answer everything is synchronous: no other request runs on this database in between.
    counts[name] = (counts[name] ?? 0) + 1
    const results = pipeline.requests.map((request) => {
      try {
        return { type: 'ok', response: handle(stream, request) }
      } catch (e) {
        const err = hranaError(e)
        return { type: 'error', error: { message: err.message, code: err.code } }
      }
    })
    let baton: string | null = null
    if (stream.closed) {
      endStream(stream)
    } else {
      if (stream.conn.inTransaction) db.owner = stream
      else release(db, stream)
      baton = `${stream.id}.${randomBytes(12).toString('base64url')}`
      stream.baton = baton
      stream.timer = setTimeout(() => endStream(stream), idleMs)
      stream.timer.unref()
    }
    send(res, 200, { baton, base_url: null, results })
  }

  const server: Server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      if (!res.headersSent)
        send(res, 500, { error: `Internal Error: \`${e instanceof Error ? e.message : e}\`` })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  return {
    baseUrl,
    url: (name) => {
      if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(name)) throw new Error(`Not a database name: ${name}`)
      return `${baseUrl}/${name}/`
    },
    requests: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of [...streams.values()]) endStream(stream)
        server.closeAllConnections()
        server.close(() => {
          for (const db of databases.values()) {
            for (const conn of db.idle) conn.close()
            db.idle = []
          }
          resolve()
        })
      }),
  }
}
