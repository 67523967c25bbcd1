import type { MiddlewareHandler } from 'hono'
import { Problem } from '../../lib/problem'

export interface SameOriginOptions {
  /** Name of the cookie whose presence makes a request credentialed. */
  cookieName: string
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF protection: a state-changing request that carries the session cookie is refused (403) unless
 * the browser says it is same-origin — `Sec-Fetch-Site: same-origin`, or, from browsers that do not
 * send it, an `Origin` equal to this origin. Requests without the cookie cannot act as anyone.
 */
export function sameOriginOnly(options: SameOriginOptions): MiddlewareHandler {
  const cookiePattern = new RegExp(`(?:^|;\\s*)${options.cookieName}=`)
  return async function sameOriginOnly(c, next) {
    if (!safeMethods.has(c.req.method) && cookiePattern.test(c.req.header('cookie') ?? '')) {
      const site = c.req.header('sec-fetch-site')
      const origin = c.req.header('origin')
      const sameOrigin = site ? site === 'same-origin' : origin === new URL(c.req.url).origin
      if (!sameOrigin) {
        throw new Problem('cross-site', { detail: 'Cross-site requests may not change anything.' })
      }
    }
    await next()
  }
}
