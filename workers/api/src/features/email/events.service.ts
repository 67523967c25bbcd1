import {
  type Database,
  type DbResolver,
  emailEvents,
  emailSuppressions,
  newId,
  type OutboxRow,
  outbox,
  tenants,
} from '@tandem/db'
import type { EmailStatus, SuppressionReason } from '@tandem/vocab'
import { and, eq, inArray } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import * as v from 'valibot'
import { log } from '../../lib/log'
import { reasonUpdate } from './reason'

/** The part of a Resend webhook event Tandem reads (the rest is ignored). */
export const ResendEvent = v.object({
  type: v.pipe(v.string(), v.maxLength(100)),
  created_at: v.optional(v.string()),
  data: v.object({
    email_id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    bounce: v.optional(
      v.object({
        type: v.optional(v.string()),
        subType: v.optional(v.string()),
        message: v.optional(v.string()),
      }),
    ),
    failed: v.optional(v.object({ reason: v.optional(v.string()) })),
  }),
})
export type ResendEvent = v.InferOutput<typeof ResendEvent>

/** Which status each event moves a row to, and from which statuses (statuses only move forward). */
const TRANSITIONS: Record<string, { to: EmailStatus; from: EmailStatus[] }> = {
  'email.delivered': { to: 'delivered', from: ['sent'] },
  'email.bounced': { to: 'bounced', from: ['sent', 'delivered'] },
  'email.complained': { to: 'complained', from: ['sent', 'delivered'] },
  'email.failed': { to: 'failed', from: ['sent'] },
}

/**
 * `applied`: the status moved; `recorded`: kept as an event only (delivery delayed, opened, …, or a status that
 * had already moved on); `duplicate`: this event id was handled before; `unknown-email`: not an email of ours.
 */
export type EventOutcome = 'applied' | 'recorded' | 'duplicate' | 'unknown-email'

/** Every database outbox rows can be in: the control database and each tenant placement. */
export async function outboxDatabases(resolver: DbResolver): Promise<Database[]> {
  const control = resolver.control()
  const dbs = new Set<Database>([control])
  const placements = await control.selectDistinct({ placement: tenants.placement }).from(tenants)
  for (const { placement } of placements) {
    try {
      dbs.add(await resolver.dbFor({ id: '', placement }))
    } catch (error) {
      log.error('email events: placement unavailable', { placement }, error)
    }
  }
  return [...dbs]
}

const clip = (text: string | undefined, max = 500) => (text ? text.slice(0, max) : null)

/** What the provider said, in a line: a bounce's type and message, a failure's reason. */
function detailOf(event: ResendEvent): string | null {
  const { bounce, failed } = event.data
  if (bounce) return clip([bounce.type, bounce.subType, bounce.message].filter(Boolean).join(' · '))
  if (failed?.reason) return clip(failed.reason)
  return null
}

/** A permanent bounce or a complaint puts the address on the organization's suppression list. */
function suppressionReason(event: ResendEvent): SuppressionReason | null {
  if (event.type === 'email.complained') return 'complaint'
  if (event.type === 'email.bounced' && event.data.bounce?.type?.toLowerCase() === 'permanent')
    return 'bounce'
  return null
}

function isUniqueViolation(error: unknown): boolean {
  const text = (e: unknown): string =>
    e instanceof Error ? `${e.message} ${e.cause ? text(e.cause) : ''}` : String(e)
  return /UNIQUE constraint failed|SQLITE_CONSTRAINT/i.test(text(error))
}

/**
 * Applies one verified delivery event: finds the email by the provider's id, records the event under its id,
 * moves the row's status forward and, for a permanent bounce or a complaint, puts the address on the
 * organization's suppression list — all in one batch, so a replayed event id (primary key) changes nothing.
 */
export async function applyDeliveryEvent(
  resolver: DbResolver,
  eventId: string,
  event: ResendEvent,
  now: Date,
): Promise<EventOutcome> {
  let found: { db: Database; row: OutboxRow } | undefined
  for (const db of await outboxDatabases(resolver)) {
    const row = await db.select().from(outbox).where(eq(outbox.providerId, event.data.email_id)).get()
    if (row) {
      found = { db, row }
      break
    }
  }
  if (!found) return 'unknown-email'
  const { db, row } = found
  const seen = await db
    .select({ id: emailEvents.id })
    .from(emailEvents)
    .where(eq(emailEvents.id, eventId))
    .get()
  if (seen) return 'duplicate'

  const detail = detailOf(event)
  const occurred = event.created_at ? new Date(event.created_at) : now
  const transition = TRANSITIONS[event.type]
  const reason = suppressionReason(event)
  const suppression =
    reason && row.tenantId
      ? {
          id: newId(),
          tenantId: row.tenantId,
          address: row.toAddress.trim().toLowerCase(),
          reason,
          detail,
          eventId,
          outboxId: row.id,
          createdAt: now,
        }
      : null
  // Suppressions live in the tenant's database, beside its outbox rows (an invitation's row is in control).
  const tenant = suppression
    ? await resolver
        .control()
        .select({ id: tenants.id, placement: tenants.placement })
        .from(tenants)
        .where(eq(tenants.id, suppression.tenantId))
        .get()
    : undefined
  const suppressionDb = tenant ? await resolver.dbFor(tenant) : undefined
  const insertSuppression = (target: Database) =>
    suppression ? target.insert(emailSuppressions).values(suppression).onConflictDoNothing() : undefined

  const statements: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [
    db.insert(emailEvents).values({
      id: eventId,
      tenantId: row.tenantId,
      outboxId: row.id,
      type: event.type,
      detail,
      occurredAt: Number.isNaN(occurred.getTime()) ? now : occurred,
      receivedAt: now,
    }),
  ]
  const moves = transition?.from.includes(row.status) ?? false
  if (transition) {
    statements.push(
      db
        .update(outbox)
        .set({
          status: transition.to,
          ...(transition.to === 'delivered' ? {} : reasonUpdate(detail ?? event.type)),
        })
        .where(and(eq(outbox.id, row.id), inArray(outbox.status, transition.from))),
    )
  }
  const sameDb = suppressionDb === db
  const inBatch = sameDb ? insertSuppression(db) : undefined
  if (inBatch) statements.push(inBatch)
  try {
    await db.batch(statements)
  } catch (error) {
    // Another delivery of the same event won the race: its batch made the change, this one rolled back.
    if (isUniqueViolation(error)) return 'duplicate'
    throw error
  }
  // A tenant placed apart from the row's database: the suppression follows the event (idempotent).
  if (suppressionDb && !sameDb) await insertSuppression(suppressionDb)
  return moves ? 'applied' : 'recorded'
}
