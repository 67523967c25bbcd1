import { type Database, rateLimits, sessions, signInTokens } from '@tandem/db'
import { lt } from 'drizzle-orm'
import { INACTIVITY_TIMEOUT_MS } from '../auth/session'

const DAY = 86_400_000

/**
 * Cron: deletes what has no use any more — rate-limit windows older than a day, sign-in tokens a day
 * after they expired, sessions idle past the inactivity timeout. Keeps the control database small and
 * holds nothing longer than needed.
 */
export async function housekeeping(db: Database, now: Date) {
  const [limits, tokens, idle] = await db.batch([
    db.delete(rateLimits).where(lt(rateLimits.windowStart, now.getTime() - DAY)),
    db.delete(signInTokens).where(lt(signInTokens.expiresAt, new Date(now.getTime() - DAY))),
    db.delete(sessions).where(lt(sessions.lastVerifiedAt, new Date(now.getTime() - INACTIVITY_TIMEOUT_MS))),
  ])
  const count = (r: unknown) =>
    (r as { meta?: { changes?: number }; rowsAffected?: number }).meta?.changes ??
    (r as { rowsAffected?: number }).rowsAffected ??
    0
  return { rateLimits: count(limits), signInTokens: count(tokens), sessions: count(idle) }
}
