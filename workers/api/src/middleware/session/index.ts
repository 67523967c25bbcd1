import type { Database, Session, User } from '@tandem/db'
import type { MiddlewareHandler } from 'hono'
import { readSessionCookie, setSessionCookie, validateSessionToken } from '../../features/auth/session'
import { Problem } from '../../lib/problem'

export type SessionVariables = {
  user: User | null
  session: Session | null
}

export interface SessionOptions {
  /** The control database holding users and sessions. */
  db: (c: Parameters<MiddlewareHandler>[0]) => Database
}

/**
 * Resolves the session cookie to a user (or null) for every request; renews the cookie when the
 * session's inactivity expiry was pushed forward.
 */
export function session(options: SessionOptions): MiddlewareHandler<{ Variables: SessionVariables }> {
  return async function session(c, next) {
    c.set('user', null)
    c.set('session', null)
    const token = readSessionCookie(c)
    if (token) {
      const result = await validateSessionToken(options.db(c), token, new Date())
      if (result) {
        c.set('user', result.user)
        c.set('session', result.session)
        if (result.refreshed) setSessionCookie(c, token)
      }
    }
    await next()
  }
}

export const unauthenticated = () =>
  new Problem('unauthenticated', { detail: 'Sign in first: this needs a session.' })
