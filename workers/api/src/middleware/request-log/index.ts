import type { MiddlewareHandler } from 'hono'

export interface RequestLogOptions {
  /** Where a line goes; defaults to console.log (Workers Logs collects it). */
  write?: (line: string) => void
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number
}

/**
 * One structured JSON line per request: method, path (without the query string), status,
 * duration and request id. Never bodies, query strings, cookies or addresses: no personal data.
 */
export function requestLog(options: RequestLogOptions = {}): MiddlewareHandler {
  const write = options.write ?? ((line: string) => console.log(line))
  const now = options.now ?? (() => Date.now())
  return async function requestLog(c, next) {
    const start = now()
    await next()
    write(
      JSON.stringify({
        level: c.res.status >= 500 ? 'error' : 'info',
        msg: 'request',
        method: c.req.method,
        path:
          c.req.routePath && !c.req.routePath.endsWith('*') ? c.req.routePath : new URL(c.req.url).pathname,
        status: c.res.status,
        ms: now() - start,
        requestId: c.get('requestId'),
      }),
    )
  }
}
