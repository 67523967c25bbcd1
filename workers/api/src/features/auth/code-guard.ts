import { type Database, rateLimits, signInTokens } from '@tandem/db'
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { sha256Hex } from '../../lib/crypto'
import { Problem } from '../../lib/problem'
import { countInWindow } from '../../lib/rate-limit'
import { MAX_CODE_ATTEMPTS } from './service'

/**
 * Guessing a 6-digit code over time. Each code allows 5 attempts and each address 10 per 15 minutes, but a new
 * code brings fresh attempts; so wrong codes are also counted per address over a day, across codes. At
 * `DAILY_CODE_FAILURES` the address's open codes are voided and codes are not taken for a pause — a day, then
 * twice as long after each further pause (up to 30 days) — while the link in the email keeps working (its
 * secret cannot be guessed). A successful sign-in ends it all. Counted for unknown addresses alike, so the
 * answers tell nothing about whether an account exists. Kept in `rate_limits` (keys hold a hash of the address).
 */

export const DAILY_CODE_FAILURES = 20
const DAY_MS = 24 * 60 * 60 * 1000
const MAX_PAUSE_MS = 30 * DAY_MS

const dailyKey = (email: string) => `auth-code-daily:${sha256Hex(email)}`
const pauseKey = (email: string) => `auth-code-pause:${sha256Hex(email)}`

/** How long the `n`th pause lasts: a day, doubling, at most 30 days. */
export const pauseMs = (n: number) => Math.min(MAX_PAUSE_MS, DAY_MS * 2 ** Math.max(0, n - 1))

const paused = (retryAfterMs: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
  return new Problem('sign-in-codes-paused', {
    detail: `Too many wrong codes for this address. Use the link in the email, or try a code again in ${Math.ceil(seconds / 3600)} hours.`,
    headers: { 'Retry-After': String(seconds) },
  })
}

/** Refuses a code for an address in a pause (429 with Retry-After). */
export async function assertCodesTaken(db: Database, email: string, now: Date) {
  const pause = await db
    .select()
    .from(rateLimits)
    .where(eq(rateLimits.key, pauseKey(email)))
    .get()
  if (!pause) return
  const until = pause.windowStart + pauseMs(pause.count)
  if (until > now.getTime()) throw paused(until - now.getTime())
}

/**
 * Counts a wrong code for the address within the day. At the cap: voids the open codes of `userId` (if the
 * address has an account), starts the next pause, and throws it.
 */
export async function countDailyCodeFailure(db: Database, email: string, userId: string | null, now: Date) {
  const count = await countInWindow(db, dailyKey(email), DAY_MS, now)
  if (count < DAILY_CODE_FAILURES) return
  const [pause] = await db.batch([
    // The next pause: one more than the last (a pause long over still counts: an attacker keeps doubling).
    db
      .insert(rateLimits)
      .values({ key: pauseKey(email), windowStart: now.getTime(), count: 1 })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: { count: sql`${rateLimits.count} + 1`, windowStart: now.getTime() },
      })
      .returning({ count: rateLimits.count }),
    db.delete(rateLimits).where(eq(rateLimits.key, dailyKey(email))),
    // Every open code of the account is used up: the guesses so far were against them.
    db
      .update(signInTokens)
      .set({ attempts: MAX_CODE_ATTEMPTS })
      .where(and(eq(signInTokens.userId, userId ?? ''), isNull(signInTokens.usedAt))),
  ])
  throw paused(pauseMs(pause[0]?.count ?? 1))
}

/** A sign-in succeeded for the address: its day of wrong codes and its pauses are over. */
export async function clearCodeGuard(db: Database, email: string) {
  await db.delete(rateLimits).where(inArray(rateLimits.key, [dailyKey(email), pauseKey(email)]))
}
