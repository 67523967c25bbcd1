import { type Database, memberships, newId, signInTokens, tenants, type User, users } from '@tandem/db'
import { emailLocale, signInEmail } from '@tandem/email'
import type { AuditAction } from '@tandem/vocab'
import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import { audit } from '../../lib/audit'
import { digestsEqual, randomCode, randomSecret, sha256Hex } from '../../lib/crypto'
import { scheduleEmail } from '../email/outbox.service'

export const SIGN_IN_TTL_MS = 15 * 60 * 1000
export const MAX_CODE_ATTEMPTS = 5

const codeHash = (tokenId: string, code: string) => sha256Hex(`${tokenId}:${code}`)

/** Statements that issue a sign-in link and code to a user and schedule the email. Batch them. */
export function issueSignIn(
  db: Database,
  user: Pick<User, 'id' | 'email' | 'locale'>,
  origin: string,
  now: Date,
) {
  const id = newId()
  const token = randomSecret()
  const code = randomCode()
  const mail = signInEmail(emailLocale(user.locale), {
    link: `${origin}/sign-in/verify?token=${token}`,
    code,
    minutes: SIGN_IN_TTL_MS / 60_000,
  })
  return [
    db.insert(signInTokens).values({
      id,
      userId: user.id,
      tokenHash: sha256Hex(token),
      codeHash: codeHash(id, code),
      expiresAt: new Date(now.getTime() + SIGN_IN_TTL_MS),
      createdAt: now,
    }),
    scheduleEmail(db, { tenantId: null, kind: 'auth.sign-in', toAddress: user.email, ...mail, dueAt: now }),
  ] as const
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  return db.select().from(users).where(eq(users.email, email)).get()
}

/** Sends a sign-in email when the address belongs to a user; does nothing (silently) otherwise. */
export async function requestSignIn(
  db: Database,
  email: string,
  origin: string,
  now: Date,
): Promise<boolean> {
  const user = await findUserByEmail(db, email)
  if (!user) return false
  await db.batch([...issueSignIn(db, user, origin, now)])
  return true
}

export type VerifyInput = { token: string } | { email: string; code: string }

/** Redeems a link token or an email + code. Returns the user, or null when invalid, used, expired or locked. */
export async function verifySignIn(db: Database, input: VerifyInput, now: Date): Promise<User | null> {
  if ('token' in input) {
    // Claiming is one conditional UPDATE, so a token works exactly once even under concurrent use.
    const claimed = await db
      .update(signInTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(signInTokens.tokenHash, sha256Hex(input.token)),
          isNull(signInTokens.usedAt),
          gt(signInTokens.expiresAt, now),
        ),
      )
      .returning({ userId: signInTokens.userId })
      .get()
    if (!claimed) return null
    return (await db.select().from(users).where(eq(users.id, claimed.userId)).get()) ?? null
  }
  const user = await findUserByEmail(db, input.email)
  if (!user) return null
  const latest = await db
    .select({ id: signInTokens.id })
    .from(signInTokens)
    .where(
      and(eq(signInTokens.userId, user.id), isNull(signInTokens.usedAt), gt(signInTokens.expiresAt, now)),
    )
    .orderBy(desc(signInTokens.createdAt))
    .limit(1)
    .get()
  if (!latest) return null
  // Count the attempt first (atomically, bounded), then compare: at most MAX_CODE_ATTEMPTS guesses.
  const counted = await db
    .update(signInTokens)
    .set({ attempts: sql`${signInTokens.attempts} + 1` })
    .where(
      and(
        eq(signInTokens.id, latest.id),
        lt(signInTokens.attempts, MAX_CODE_ATTEMPTS),
        isNull(signInTokens.usedAt),
      ),
    )
    .returning({ codeHash: signInTokens.codeHash })
    .get()
  if (!counted || !digestsEqual(codeHash(latest.id, input.code), counted.codeHash)) return null
  const claimed = await db
    .update(signInTokens)
    .set({ usedAt: now })
    .where(and(eq(signInTokens.id, latest.id), isNull(signInTokens.usedAt)))
    .returning({ id: signInTokens.id })
    .get()
  return claimed ? user : null
}

export async function membershipsOf(db: Database, userId: string) {
  const rows = await db
    .select({ tenantId: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(tenants.name))
  return rows
}

export function meBody(user: User, rows: Awaited<ReturnType<typeof membershipsOf>>) {
  return {
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
    memberships: rows.map((r) => ({ organization: { slug: r.slug, name: r.name }, role: r.role })),
  }
}

/** Audit statements for an event about a user, one per organization the user belongs to. */
export function auditForUser(
  db: Database,
  rows: { tenantId: string }[],
  actorUserId: string | null,
  action: AuditAction,
  targetId: string,
  now: Date,
) {
  return rows.map((r) =>
    audit(db, { tenantId: r.tenantId, actorUserId, action, targetType: 'user', targetId }, now),
  )
}
