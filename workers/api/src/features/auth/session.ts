import {
  type Database,
  type Membership,
  memberships,
  type Program,
  programs,
  type Session,
  sessions,
  type Tenant,
  tenants,
  type User,
  users,
} from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { digestsEqual, randomSecret, sha256Hex } from '../../lib/crypto'

/**
 * Sessions as DESIGN decision 3 and Lucia's guide describe them: token `id.secret`, only SHA-256 of
 * the secret stored, constant-time comparison, inactivity expiry pushed forward at most once an hour.
 */
/**
 * The session cookie, HttpOnly, Secure and SameSite=Lax (design decision 3). Its `__Host-` name makes browsers take
 * it only with Secure, Path=/ and no Domain, so no other host under the same site (a subdomain) can set or shadow it.
 */
export const SESSION_COOKIE = '__Host-tandem_session'
export const INACTIVITY_TIMEOUT_MS = 10 * 24 * 60 * 60 * 1000
export const ACTIVITY_CHECK_INTERVAL_MS = 60 * 60 * 1000

/** The insert for a new session, to put in a batch with whatever grants it. */
export function newSession(db: Database, userId: string, now: Date) {
  const id = randomSecret()
  const secret = randomSecret()
  const session: Session = { id, userId, secretHash: sha256Hex(secret), lastVerifiedAt: now, createdAt: now }
  return { token: `${id}.${secret}`, session, insert: db.insert(sessions).values(session) }
}

/**
 * The caller's membership of the organization the request names, read with the session (null: not a member),
 * and the program the path names in that organization (null: none such), when it names one.
 */
export type OrgAccess = {
  slug: string
  found: { tenant: Tenant; membership: Membership } | null
  program?: { id: string; row: Program | null }
}

export type SessionResult = {
  session: Session
  user: User
  refreshed: boolean
  /** Only when `orgSlug` was given. */
  org?: OrgAccess
} | null

/**
 * Checks a session token. With `orgSlug` (a request under `/orgs/{slug}`), the same query also reads the user's
 * membership of that organization, so a tenant request pays one round trip to the database for both instead of
 * two; the membership is only handed out when the session checks out.
 */
export async function validateSessionToken(
  db: Database,
  token: string,
  now: Date,
  orgSlug?: string,
  programId?: string,
): Promise<SessionResult> {
  const parts = token.split('.')
  if (parts.length !== 2) return null
  const [id, secret] = parts as [string, string]
  if (!/^[a-z2-9]{24}$/.test(id) || !/^[a-z2-9]{24}$/.test(secret)) return null
  let row: { session: Session; user: User; org?: OrgAccess } | undefined
  const sessionAlone = () =>
    db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, id))
      .get()
  if (orgSlug === undefined) {
    row = await sessionAlone()
  } else {
    const joined = await db
      .select({ session: sessions, user: users, tenant: tenants, membership: memberships, program: programs })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(memberships, eq(memberships.userId, sessions.userId))
      .leftJoin(tenants, eq(tenants.id, memberships.tenantId))
      // The program only with its tenant's id (no program of another organization can come along).
      .leftJoin(programs, and(eq(programs.tenantId, tenants.id), eq(programs.id, programId ?? '')))
      .where(and(eq(sessions.id, id), eq(tenants.slug, orgSlug)))
      .get()
    // No row: no such session, or the user is no member of that organization; ask for the session alone.
    if (!joined) {
      row = await sessionAlone()
      if (row) row.org = { slug: orgSlug, found: null }
    } else {
      const { tenant, membership } = joined
      row = {
        session: joined.session,
        user: joined.user,
        org: {
          slug: orgSlug,
          found: tenant && membership ? { tenant, membership } : null,
          ...(programId ? { program: { id: programId, row: joined.program } } : {}),
        },
      }
    }
  }
  if (!row) return null
  if (!digestsEqual(sha256Hex(secret), row.session.secretHash)) return null
  const idle = now.getTime() - row.session.lastVerifiedAt.getTime()
  if (idle >= INACTIVITY_TIMEOUT_MS) {
    await db.delete(sessions).where(eq(sessions.id, id))
    return null
  }
  let refreshed = false
  if (idle >= ACTIVITY_CHECK_INTERVAL_MS) {
    row.session.lastVerifiedAt = now
    await db.update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, id))
    refreshed = true
  }
  return { session: row.session, user: row.user, refreshed, ...(row.org ? { org: row.org } : {}) }
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE)
}

export function setSessionCookie(c: Context, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: INACTIVITY_TIMEOUT_MS / 1000,
  })
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' })
}
