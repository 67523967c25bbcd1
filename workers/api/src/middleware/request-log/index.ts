import type { MiddlewareHandler } from 'hono'
import { createLogger, log } from '../../lib/log'

export interface RequestLogOptions {
  /** Where a line goes; defaults to the Worker's log (`lib/log.ts`), which Workers Logs collects. */
  write?: (line: string) => void
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number
}

/**
 * One structured JSON line per request: method, path (without the query string), status,
 * duration and request id. Never bodies, query strings, cookies or addresses: no personal data.
 */
export function requestLog(options: RequestLogOptions = {}): MiddlewareHandler {
  const { write } = options
  const logger = write ? createLogger((_level, line) => write(line)) : log
  const now = options.now ?? (() => Date.now())
  return async function requestLog(c, next) {
    const start = now()
    await next()
    logger[c.res.status >= 500 ? 'error' : 'info']('request', {
      method: c.req.method,
      path: c.req.routePath && !c.req.routePath.endsWith('*') ? c.req.routePath : new URL(c.req.url).pathname,
      status: c.res.status,
      ms: now() - start,
      requestId: c.get('requestId'),
    })
  }
}
