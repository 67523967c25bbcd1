import { type Database, emailSuppressions, type OutboxRow, outbox } from '@tandem/db'
import {
  EMAIL_FAILURE_STATUSES,
  type EmailStatus,
  SUPPRESSED_REASON,
  SUPPRESSION_EXEMPT_KINDS,
} from '@tandem/vocab'
import {
  and,
  type Column,
  count,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  notInArray,
  type SQL,
  sql,
} from 'drizzle-orm'
import type { Scope } from '../../factory'
import { audit } from '../../lib/audit'
import { bothDatabases, newestInBoth, newestRows, timeCursorOf } from '../../lib/paging'
import { notFound, Problem } from '../../lib/problem'
import { inTenant, pageOf, tenantRow } from '../../lib/sql'
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

/** `text` (lower-cased, with `%`, `_` and `\` taken literally) appears in `value`: an address search. */
const contains = (value: SQL | Column, text: string) =>
  sql`${value} like ${`%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`

/**
 * One page of the organization's email, newest first: to whom, kind, status and reason (never the body,
 * which may hold a sign-in link). Filter by status, search by address. Both databases are read and merged.
 */
export async function listEmails(
  scope: Scope,
  control: Database,
  query: {
    limit: number
    cursor?: string | undefined
    status?: EmailStatus | undefined
    q?: string | undefined
  },
) {
  const status = query.status ? eq(outbox.status, query.status) : undefined
  const address = query.q ? contains(sql`lower(${outbox.toAddress})`, query.q) : undefined
  const rows = await newestInBoth(scope, control, query.limit, (db) =>
    newestRows(db, scope.tenantId, outbox, query, status, address),
  )
  return pageOf(rows, query.limit, emailOut, timeCursorOf)
}

/**
 * Sends a failed or dead email again: back to `pending` with no attempts, no reason and out of its old batch (a
 * new batch gets a new Idempotency-Key, decision 022), so the next dispatch (cron or kick) takes it; an address
 * still suppressed holds it back again. Other statuses, and an email whose text housekeeping removed: 409.
 */
export async function retryEmail(scope: Scope, control: Database, emailId: string) {
  for (const db of bothDatabases(scope, control)) {
    const row = await db
      .select()
      .from(outbox)
      .where(tenantRow(outbox, scope.tenantId, emailId))
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
      .where(tenantRow(outbox, scope.tenantId, emailId, inArray(outbox.status, ['failed', 'dead'])))
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
  query: { limit: number; cursor?: string | undefined; q?: string | undefined },
) {
  const address = query.q ? contains(emailSuppressions.address, query.q) : undefined
  const rows = await newestRows(
    scope.db,
    scope.tenantId,
    emailSuppressions,
    query,
    isNull(emailSuppressions.liftedAt),
    address,
  )
  return pageOf(rows, query.limit, suppressionOut, timeCursorOf)
}

/** Takes an address off the suppression list (the row stays, with who lifted it and when); audited. */
export async function liftSuppression(scope: Scope, suppressionId: string) {
  const { db, tenantId, actorId, now } = scope
  const row = await db
    .select()
    .from(emailSuppressions)
    .where(tenantRow(emailSuppressions, tenantId, suppressionId, isNull(emailSuppressions.liftedAt)))
    .get()
  if (!row) throw notFound('No such address on this organization’s suppression list.')
  await db.batch([
    db
      .update(emailSuppressions)
      .set({ liftedAt: now, liftedByUserId: actorId })
      .where(tenantRow(emailSuppressions, tenantId, suppressionId)),
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
    bothDatabases(scope, control).map((db) =>
      db
        .select({ n: count() })
        .from(outbox)
        .where(
          inTenant(
            outbox,
            scope.tenantId,
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
    .where(inTenant(emailSuppressions, scope.tenantId, isNull(emailSuppressions.liftedAt)))
    .get()
  return {
    failures: failures.reduce((sum, r) => sum + (r?.n ?? 0), 0),
    suppressed: suppressed?.n ?? 0,
    since: since.toISOString(),
  }
}
