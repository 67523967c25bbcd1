/**
 * The libSQL stand-in (hrana-server.ts) as a process of its own:
 *
 *   node --experimental-strip-types packages/db/src/hrana-server.main.ts [--dir D] [--port P] [--host H] [--token T]
 *
 * (or HRANA_DIR, HRANA_PORT, HRANA_HOST, HRANA_AUTH_TOKEN). Prints its base URL (`http://127.0.0.1:<port>`) as the
 * first line of stdout; database `name` is then at `<base>/<name>/`. Ends when its stdin closes, or on SIGTERM/SIGINT.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

// A URL import, so Node's type stripping finds the `.ts` file and `tsc` still sees the module's types.
const { startHranaServer } = (await import(
  new URL('./hrana-server.ts', import.meta.url).href
)) as typeof import('./hrana-server')

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    token: { type: 'string' },
  },
})
const env = process.env
const dir = values.dir ?? env.HRANA_DIR ?? mkdtempSync(path.join(tmpdir(), 'tandem-hrana-'))
const port = Number(values.port ?? env.HRANA_PORT ?? 0)
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`Not a port: ${values.port ?? env.HRANA_PORT}`)
const host = values.host ?? env.HRANA_HOST ?? '127.0.0.1'
const authToken = values.token ?? (env.HRANA_AUTH_TOKEN || undefined)

const server = await startHranaServer({ dir, port, host, ...(authToken ? { authToken } : {}) })
process.stdout.write(`${server.baseUrl}\n`)

let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  void server.close().then(() => process.exit(0))
}
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
