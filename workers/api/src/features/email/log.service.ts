import { type Database, emailSuppressions, type OutboxRow, outbox } from '@tandem/db'
import {
  EMAIL_FAILURE_STATUSES,
  type EmailStatus,
  SUPPRESSED_REASON,
  SUPPRESSION_EXEMPT_KINDS,
} from '@tandem/vocab'
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, notInArray, type SQL, sql } from 'drizzle-orm'
import type { Scope } from '../../factory'
import { audit } from '../../lib/audit'
import { notFound, Problem } from '../../lib/problem'
import { olderThan, pageOf } from '../../lib/sql'
import { reasonCleared, reasonOf, reasonUpdate } from './reason'

/** How far back the organization home counts failures. */
export const FAILURE_WINDOW_MS = 30 * 86_400_000

/**
 * Holds back email to suppressed addresses: pending rows of a non-essential kind whose address is on their
 * organization's active suppression list are marked `failed` with reason `suppressed` instead of being queued.
 * One statement in the database of the rows (suppressions live beside them); run before every dispatch.
 */
export function holdSuppressedEmails(db: Database) {
  return db
    .update(outbox)
    .set({ status: 'failed', ...reasonUpdate(SUPPRESSED_REASON) })
    .where(
      and(
        eq(outbox.status, 'pending'),
        isNotNull(outbox.tenantId),
        notInArray(outbox.kind, [...SUPPRESSION_EXEMPT_KINDS]),
        // Written out: the subquery must name the outer table's columns (`outbox.`), not its own.
        sql`exists (select 1 from email_suppressions s where s.tenant_id = outbox.tenant_id and s.address = lower(trim(outbox.to_address)) and s.lifted_at is null)`,
      ),
    )
}

/** The databases an organization's outbox rows can be in: control (invitations) and its own. */
const sourcesOf = (scope: Scope, control: Database) => [...new Set([control, scope.db])]

const emailOut = (row: OutboxRow) => ({
  id: row.id,
  to: row.toAddress,
  kind: row.kind,
  status: row.status,
  reason: reasonOf(row),
  attempts: row.attempts,
  createdAt: row.createdAt.toISOString(),
  sentAt: row.sentAt?.toISOString() ?? null,
})

const cursorOf = (row: { createdAt: Date; id: string }) => `${row.createdAt.getTime()}.${row.id}`
const parseCursor = (cursor: string) => {
  const [ms, id] = cursor.split('.') as [string, string]
  return { createdAt: new Date(Number(ms)), id }
}
/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * One page of the organization's email, newest first: to whom, kind, status and reason (never the body,
 * which may hold a sign-in link). Filter by status, search by address. Both databases are read and merged.
 */
export async function listEmails(
  scope: Scope,
  control: Database,
  options: { limit: number; cursor?: string; status?: EmailStatus; q?: string },
) {
  const conditions: (SQL | undefined)[] = [eq(outbox.tenantId, scope.tenantId)]
  if (options.status) conditions.push(eq(outbox.status, options.status))
  if (options.q) {
    conditions.push(
      sql`lower(${outbox.toAddress}) like ${`%${likeLiteral(options.q.toLowerCase())}%`} escape '\\'`,
    )
  }
  if (options.cursor) conditions.push(olderThan(outbox.createdAt, outbox.id, parseCursor(options.cursor)))
  const rows = (
    await Promise.all(
      sourcesOf(scope, control).map((db) =>
        db
          .select()
          .from(outbox)
          .where(and(...conditions))
          .orderBy(desc(outbox.createdAt), desc(outbox.id))
          .limit(options.limit + 1),
      ),
    )
  )
    .flat()
    .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0))
  return pageOf(rows, options.limit, emailOut, cursorOf)
}

/**
 * Sends a failed or dead email again: back to `pending` with no attempts, no reason and out of its old batch (a
 * new batch gets a new Idempotency-Key, decision 022), so the next dispatch (cron or kick) takes it; an address
 * still suppressed holds it back again. Other statuses, and an email whose text housekeeping removed: 409.
 */
export async function retryEmail(scope: Scope, control: Database, emailId: string) {
  for (const db of sourcesOf(scope, control)) {
    const row = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.tenantId, scope.tenantId), eq(outbox.id, emailId)))
      .get()
    if (!row) continue
    if ((row.status !== 'failed' && row.status !== 'dead') || row.text === '') {
      throw new Problem('email-not-retryable', {
        detail:
          row.text === ''
            ? 'The text of this email was removed after 7 days; it cannot be sent again.'
            : `Only a failed or dead email can be sent again; this one is ${row.status}.`,
      })
    }
    const [after] = await db
      .update(outbox)
      .set({
        status: 'pending',
        attempts: 0,
        dueAt: scope.now,
        queuedAt: null,
        batchId: null,
        lastError: null,
        ...reasonCleared,
      })
      .where(
        and(
          eq(outbox.tenantId, scope.tenantId),
          eq(outbox.id, emailId),
          inArray(outbox.status, ['failed', 'dead']),
        ),
      )
      .returning()
    if (!after) throw new Problem('email-not-retryable', { detail: 'This email changed meanwhile.' })
    return emailOut(after)
  }
  throw notFound('No such email in this organization.')
}

const suppressionOut = (row: typeof emailSuppressions.$inferSelect) => ({
  id: row.id,
  address: row.address,
  reason: row.reason,
  detail: row.detail,
  createdAt: row.createdAt.toISOString(),
})

/** The organization's active suppression list, newest first (search by address). */
export async function listSuppressions(
  scope: Scope,
  options: { limit: number; cursor?: string; q?: string },
) {
  const conditions: (SQL | undefined)[] = [
    eq(emailSuppressions.tenantId, scope.tenantId),
    isNull(emailSuppressions.liftedAt),
  ]
  if (options.q) {
    conditions.push(
      sql`${emailSuppressions.address} like ${`%${likeLiteral(options.q.toLowerCase())}%`} escape '\\'`,
    )
  }
  if (options.cursor) {
    conditions.push(olderThan(emailSuppressions.createdAt, emailSuppressions.id, parseCursor(options.cursor)))
  }
  const rows = await scope.db
    .select()
    .from(emailSuppressions)
    .where(and(...conditions))
    .orderBy(desc(emailSuppressions.createdAt), desc(emailSuppressions.id))
    .limit(options.limit + 1)
  return pageOf(rows, options.limit, suppressionOut, cursorOf)
}

/** Takes an address off the suppression list (the row stays, with who lifted it and when); audited. */
export async function liftSuppression(scope: Scope, suppressionId: string) {
  const { db, tenantId, actorId, now } = scope
  const row = await db
    .select()
    .from(emailSuppressions)
    .where(
      and(
        eq(emailSuppressions.tenantId, tenantId),
        eq(emailSuppressions.id, suppressionId),
        isNull(emailSuppressions.liftedAt),
      ),
    )
    .get()
  if (!row) throw notFound('No such address on this organization’s suppression list.')
  await db.batch([
    db
      .update(emailSuppressions)
      .set({ liftedAt: now, liftedByUserId: actorId })
      .where(and(eq(emailSuppressions.tenantId, tenantId), eq(emailSuppressions.id, suppressionId))),
    audit(
      db,
      {
        tenantId,
        actorUserId: actorId,
        action: 'email.suppression_lifted',
        targetType: 'email_suppression',
        targetId: row.id,
        meta: { address: row.address, reason: row.reason },
      },
      now,
    ),
  ])
}

/** What the organization home shows: failures in the last 30 days and addresses on the suppression list. */
export async function emailSummary(scope: Scope, control: Database) {
  const since = new Date(scope.now.getTime() - FAILURE_WINDOW_MS)
  const failures = await Promise.all(
    sourcesOf(scope, control).map((db) =>
      db
        .select({ n: count() })
        .from(outbox)
        .where(
          and(
            eq(outbox.tenantId, scope.tenantId),
            inArray(outbox.status, [...EMAIL_FAILURE_STATUSES]),
            gte(outbox.createdAt, since),
          ),
        )
        .get(),
    ),
  )
  const suppressed = await scope.db
    .select({ n: count() })
    .from(emailSuppressions)
    .where(and(eq(emailSuppressions.tenantId, scope.tenantId), isNull(emailSuppressions.liftedAt)))
    .get()
  return {
    failures: failures.reduce((sum, r) => sum + (r?.n ?? 0), 0),
    suppressed: suppressed?.n ?? 0,
    since: since.toISOString(),
  }
}
