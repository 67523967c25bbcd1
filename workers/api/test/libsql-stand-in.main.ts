/**
 * The libSQL stand-in as a process of its own (started by the tests' global setup, libsql-stand-in.setup.ts), serving
 * databases from the directory given as the first argument. Prints its base URL (`http://127.0.0.1:<port>`) on the
 * first line; ends when its stdin closes.
 */
const { startLibsqlStandIn } = (await import(
  new URL('./libsql-stand-in.ts', import.meta.url).href
)) as typeof import('./libsql-stand-in')

const dir = process.argv[2]
if (!dir) throw new Error('usage: libsql-stand-in.main.ts <directory>')
const standIn = await startLibsqlStandIn({ dir, token: process.env.LIBSQL_STAND_IN_TOKEN || undefined })
process.stdout.write(`${standIn.url('x').replace(/\/x\/$/, '')}\n`)
const stop = () => void standIn.close().then(() => process.exit(0))
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
