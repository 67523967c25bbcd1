import type { Database, Session, User } from '@tandem/db'
import type { MiddlewareHandler } from 'hono'
import {
  type OrgAccess,
  readSessionCookie,
  setSessionCookie,
  validateSessionToken,
} from '../../features/auth/session'
import { Problem } from '../../lib/problem'

export type SessionVariables = {
  user: User | null
  session: Session | null
  /** The membership of the organization the path names, read with the session (`tenantScope` uses it). */
  orgAccess: OrgAccess | null
}

/** `/api/v1/orgs/{slug}/…`: the organization a request is about, if any. */
const orgPath = /^\/api\/v1\/orgs\/([^/]+)(?:\/programs\/([a-z2-7]{24})(?=\/|$))?(?:\/|$)/

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
    c.set('orgAccess', null)
    const token = readSessionCookie(c)
    if (token) {
      // Slugs are plain (a–z, 0–9, -); anything encoded is left to `tenantScope`'s own query.
      const [, slug, programId] = orgPath.exec(c.req.path) ?? []
      const plain = slug !== undefined && !slug.includes('%')
      const result = await validateSessionToken(
        options.db(c),
        token,
        new Date(),
        plain ? slug : undefined,
        plain ? programId : undefined,
      )
      if (result) {
        c.set('user', result.user)
        c.set('session', result.session)
        c.set('orgAccess', result.org ?? null)
        if (result.refreshed) setSessionCookie(c, token)
      }
    }
    await next()
  }
}

export const unauthenticated = () =>
  new Problem('unauthenticated', { detail: 'Sign in first: this needs a session.' })
