import {
  type Database,
  matchProposals,
  matchRuns,
  outbox,
  participantImportChunks,
  participantImports,
  rateLimits,
  sessions,
  signInTokens,
} from '@tandem/db'
import { and, eq, inArray, lt, ne, or } from 'drizzle-orm'
import { INACTIVITY_TIMEOUT_MS } from '../auth/session'
import { PREVIEW_TTL_MS } from '../participants/import.service'

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
  return {
    rateLimits: count(limits),
    signInTokens: count(tokens),
    sessions: count(idle),
    outboxBodies: count(bodies),
  }
}

const count = (r: unknown) =>
  (r as { meta?: { changes?: number }; rowsAffected?: number }).meta?.changes ??
  (r as { rowsAffected?: number }).rowsAffected ??
  0

/** Superseded proposals stay this long after their run finished (its page still shows them), then go. */
export const SUPERSEDED_KEPT_MS = 7 * DAY

/**
 * Cron, once per tenant database, for every organization on it (decision 033): the stored rows of import
 * previews that can no longer be applied (older than 24 hours and not being applied) and proposals a later run
 * superseded, a week after their own run finished. Previews otherwise go only when the same organization starts
 * another import, and superseded proposals never would.
 */
export async function sweepTenantDatabase(db: Database, now: Date) {
  const [previews, proposals] = await db.batch([
    db.delete(participantImportChunks).where(
      inArray(
        participantImportChunks.importId,
        db
          .select({ id: participantImports.id })
          .from(participantImports)
          .where(
            and(
              ne(participantImports.status, 'applying'),
              lt(participantImports.createdAt, new Date(now.getTime() - PREVIEW_TTL_MS)),
            ),
          ),
      ),
    ),
    db.delete(matchProposals).where(
      and(
        eq(matchProposals.status, 'superseded'),
        inArray(
          matchProposals.runId,
          db
            .select({ id: matchRuns.id })
            .from(matchRuns)
            .where(lt(matchRuns.finishedAt, new Date(now.getTime() - SUPERSEDED_KEPT_MS))),
        ),
      ),
    ),
  ])
  return { importPreviewChunks: count(previews), supersededProposals: count(proposals) }
}
