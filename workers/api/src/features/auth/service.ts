import {
  type Database,
  type DbResolver,
  memberships,
  newId,
  participants,
  rateLimits,
  signInTokens,
  tenants,
  type User,
  users,
} from '@tandem/db'
import { type EmailLocale, signInEmail } from '@tandem/email'
import { LOCALES, type Locale, matchLocale, SOURCE_LOCALE } from '@tandem/i18n'
import type { AuditAction } from '@tandem/vocab'
import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import { audit } from '../../lib/audit'
import { digestsEqual, randomCode, randomSecret, sha256Hex } from '../../lib/crypto'
import { countInWindow } from '../../lib/rate-limit'
import { inTenant } from '../../lib/sql'
import { scheduleEmail } from '../email/outbox.service'

export const SIGN_IN_TTL_MS = 15 * 60 * 1000
export const MAX_CODE_ATTEMPTS = 5

const codeHash = (tokenId: string, code: string) => sha256Hex(`${tokenId}:${code}`)

const supported = (tag: string | null | undefined): Locale | undefined =>
  tag ? matchLocale(tag, LOCALES) : undefined

/**
 * The language to write to a person in (decision 019): their own — the account's language, else the preferred
 * language of a participant record linked to the account — else the language of the page they asked from, else
 * their organization's default (`orgDefault`, or the default of the first organization they belong to), else
 * English. `person` is null for someone without an account yet.
 */
export async function personLocale(
  dbs: DbResolver,
  person: Pick<User, 'id' | 'locale'> | null,
  page: string | undefined,
  orgDefault?: string,
): Promise<EmailLocale> {
  const own = supported(person?.locale)
  if (own) return own
  const orgs = person ? await organizationsOf(dbs.control(), person.id) : []
  for (const org of orgs) {
    if (org.role !== 'mentor' && org.role !== 'mentee') continue
    const linked = await (await dbs.dbFor(org))
      .select({ locale: participants.preferredLocale })
      .from(participants)
      .where(inTenant(participants, org.id, eq(participants.userId, person?.id ?? '')))
      .limit(1)
      .get()
    const theirs = supported(linked?.locale)
    if (theirs) return theirs
  }
  return (
    supported(page) ??
    supported(orgDefault) ??
    orgs.map((org) => supported(org.defaultLocale)).find(Boolean) ??
    SOURCE_LOCALE
  )
}

/** The organizations a user belongs to, with where their data lives and their default language. */
async function organizationsOf(control: Database, userId: string) {
  return control
    .select({
      id: tenants.id,
      placement: tenants.placement,
      defaultLocale: tenants.defaultLocale,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(tenants.name))
}

/** Statements that issue a sign-in link and code to a user and schedule the email (in `locale`). Batch them. */
export function issueSignIn(
  db: Database,
  user: Pick<User, 'id' | 'email'>,
  locale: EmailLocale,
  origin: string,
  now: Date,
) {
  const id = newId()
  const token = randomSecret()
  const code = randomCode()
  const mail = signInEmail(locale, {
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

/**
 * Sends a sign-in email when the address belongs to a user; does nothing (silently) otherwise. Either way a new
 * code is on its way, so the count of wrong codes for the address starts again.
 */
export async function requestSignIn(
  dbs: DbResolver,
  email: string,
  page: string | undefined,
  origin: string,
  now: Date,
): Promise<boolean> {
  const db = dbs.control()
  await clearCodeFailures(db, email)
  const user = await findUserByEmail(db, email)
  if (!user) return false
  const locale = await personLocale(dbs, user, page)
  await db.batch([...issueSignIn(db, user, locale, origin, now)])
  return true
}

export type VerifyInput = { token: string } | { email: string; code: string }

/** A sign-in link or code that checked out, not used yet: whose it is, and `claim()` to use it (once). */
export interface CheckedSignIn {
  user: User
  /** Marks the link or code used; false when someone else used it meanwhile. */
  claim: () => Promise<boolean>
}

/**
 * Checks a link token, or an email + code, without using it up (a code attempt is counted, though). Null when
 * invalid, used, expired or locked. Split from the claim so the caller can refuse (e.g. another account is signed
 * in in this browser) and leave the link or code working.
 */
export async function checkSignIn(
  db: Database,
  input: VerifyInput,
  now: Date,
): Promise<CheckedSignIn | null> {
  if ('token' in input) {
    const tokenHash = sha256Hex(input.token)
    const user = await signInLinkUser(db, input.token, now)
    if (!user) return null
    // Claiming is one conditional UPDATE, so a token works exactly once even under concurrent use.
    const claim = async () =>
      (await db
        .update(signInTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(signInTokens.tokenHash, tokenHash),
            isNull(signInTokens.usedAt),
            gt(signInTokens.expiresAt, now),
          ),
        )
        .returning({ id: signInTokens.id })
        .get()) !== undefined
    return { user, claim }
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
  const claim = async () =>
    (await db
      .update(signInTokens)
      .set({ usedAt: now })
      .where(and(eq(signInTokens.id, latest.id), isNull(signInTokens.usedAt)))
      .returning({ id: signInTokens.id })
      .get()) !== undefined
  return { user, claim }
}

/** Redeems a link token or an email + code. Returns the user, or null when invalid, used, expired or locked. */
export async function verifySignIn(db: Database, input: VerifyInput, now: Date): Promise<User | null> {
  const checked = await checkSignIn(db, input, now)
  return checked && (await checked.claim()) ? checked.user : null
}

/** Whose a sign-in link is, without using it: null when it is unknown, used or expired. */
export async function signInLinkUser(db: Database, token: string, now: Date): Promise<User | null> {
  const row = await db
    .select({ user: users })
    .from(signInTokens)
    .innerJoin(users, eq(users.id, signInTokens.userId))
    .where(
      and(
        eq(signInTokens.tokenHash, sha256Hex(token)),
        isNull(signInTokens.usedAt),
        gt(signInTokens.expiresAt, now),
      ),
    )
    .get()
  return row?.user ?? null
}

/**
 * Wrong codes per address since the last code was asked for — for known and unknown addresses alike, so the
 * answer ("locked after 5") tells nothing about whether an account exists. The bound itself is the code's own
 * attempt counter; this count only decides what to say.
 */
const failuresKey = (email: string) => `auth-code-failures:${sha256Hex(email)}`

/** Counts one wrong code for the address (within a code's lifetime) and returns how many there were. */
export const countCodeFailure = (db: Database, email: string, now: Date) =>
  countInWindow(db, failuresKey(email), SIGN_IN_TTL_MS, now)

export async function clearCodeFailures(db: Database, email: string) {
  await db.delete(rateLimits).where(eq(rateLimits.key, failuresKey(email)))
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
