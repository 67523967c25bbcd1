/**
 * The Worker's one way to log: a JSON line per event (`{"level","msg",…fields}`), which Workers Logs
 * indexes. Fields are ids, counts and codes, never personal data (names, addresses, bodies, query strings).
 */
export type LogLevel = 'info' | 'warn' | 'error'
export type LogFields = Readonly<Record<string, unknown>>

/** Where a finished line goes. */
export type LogSink = (level: LogLevel, line: string) => void

export interface Logger {
  info(msg: string, fields?: LogFields): void
  warn(msg: string, fields?: LogFields): void
  /** `error`, when given, is logged as `describeError(error)`: never the raw message of a failed query. */
  error(msg: string, fields?: LogFields, error?: unknown): void
}

/** Looked up on each call, so a test that spies on `console.warn` sees the line. */
const toConsole: LogSink = (level, line) => {
  if (level === 'error') console.error(line)
  else if (level === 'warn') console.warn(line)
  else console.log(line)
}

export const logLine = (level: LogLevel, msg: string, fields?: LogFields): string =>
  JSON.stringify({ level, msg, ...fields })

export function createLogger(sink: LogSink = toConsole): Logger {
  return {
    info: (msg, fields) => sink('info', logLine('info', msg, fields)),
    warn: (msg, fields) => sink('warn', logLine('warn', msg, fields)),
    error: (msg, fields, error) =>
      sink(
        'error',
        logLine('error', msg, error === undefined ? fields : { ...fields, error: describeError(error) }),
      ),
  }
}

/** Logs to the console: `info` to console.log, `warn` to console.warn, `error` to console.error. */
export const log: Logger = createLogger()

/**
 * What may be logged about an error: its name and the first line of the underlying message. Database
 * errors from drizzle carry the failed SQL and its bound parameters (names, email addresses) in their
 * message; those never reach the logs.
 */
export function describeError(error: unknown): string {
  const root = error instanceof Error && error.cause instanceof Error ? error.cause : error
  if (!(root instanceof Error))
    return typeof root === 'string' ? (root.split('\n')[0]?.slice(0, 200) ?? '') : 'unknown error'
  const first = (root.message.split('\n')[0] ?? '').replace(/params:.*$/i, '').slice(0, 200)
  return `${root.name}: ${first}`
}
