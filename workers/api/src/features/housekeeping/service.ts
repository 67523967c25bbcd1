import { type Database, outbox, rateLimits, sessions, signInTokens } from '@tandem/db'
import { and, inArray, lt, ne, or } from 'drizzle-orm'
import { INACTIVITY_TIMEOUT_MS } from '../auth/session'

const DAY = 86_400_000

/**
 * Cron: deletes what has no use any more — rate-limit windows older than a day, sign-in tokens a day
 * after they expired, sessions idle past the inactivity timeout. Keeps the control database small and
 * holds nothing longer than needed. Delivered email keeps its envelope (to, kind, status, provider id) but
 * loses its body a day later: bodies hold sign-in links, invitation tokens and names. Email that failed or
 * died keeps its body for a week, so a person can retry it.
 */
export async function housekeeping(db: Database, now: Date) {
  const [limits, tokens, idle, bodies] = await db.batch([
    db.delete(rateLimits).where(lt(rateLimits.windowStart, now.getTime() - DAY)),
    db.delete(signInTokens).where(lt(signInTokens.expiresAt, new Date(now.getTime() - DAY))),
    db.delete(sessions).where(lt(sessions.lastVerifiedAt, new Date(now.getTime() - INACTIVITY_TIMEOUT_MS))),
    db
      .update(outbox)
      .set({ subject: '(removed after delivery)', text: '', html: '' })
      .where(
        and(
          or(
            and(
              inArray(outbox.status, ['sent', 'delivered', 'bounced', 'complained']),
              lt(outbox.createdAt, new Date(now.getTime() - DAY)),
            ),
            and(
              inArray(outbox.status, ['failed', 'dead']),
              lt(outbox.createdAt, new Date(now.getTime() - 7 * DAY)),
            ),
          ),
          ne(outbox.text, ''),
        ),
      ),
  ])
  const count = (r: unknown) =>
    (r as { meta?: { changes?: number }; rowsAffected?: number }).meta?.changes ??
    (r as { rowsAffected?: number }).rowsAffected ??
    0
  return {
    rateLimits: count(limits),
    signInTokens: count(tokens),
    sessions: count(idle),
    outboxBodies: count(bodies),
  }
}
