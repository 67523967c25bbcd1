import { type Database, emailSendRate } from '@tandem/db'
import { and, eq, sql } from 'drizzle-orm'

/** A slot whose call would start later than this after its time is given up (the timer woke late). */
export const LATE_MS = 50
/** Slots further ahead than this are not claimed: the batch goes back to the queue with that delay. */
export const MAX_WAIT_MS = 20_000

/**
 * Milliseconds between calls: any `rate` consecutive calls must span a second even when each may start up
 * to LATE_MS after its slot (`rate × interval − LATE_MS ≥ 1000`), with as much again for the way to the
 * provider: `(1000 + 2 × LATE_MS) / rate` — 550 ms at 2 per second.
 */
export const sendInterval = (ratePerSecond: number) => Math.ceil((1000 + 2 * LATE_MS) / ratePerSecond)

const PROVIDER = 'resend'

/**
 * Claims the next call slot of the provider's rate limit, shared by every consumer and cron tick (GCRA: the
 * row holds the earliest start of the next call). One conditional UPDATE, so concurrent claims get distinct
 * slots. Returns the slot's start, or — when the next free slot is more than `maxWaitMs` away — `wait` ms.
 */
export async function claimSendSlot(
  db: Database,
  now: number,
  ratePerSecond: number,
  maxWaitMs = MAX_WAIT_MS,
  leadMs = 0,
): Promise<{ at: number } | { wait: number }> {
  const interval = sendInterval(ratePerSecond)
  const start = sql`max(${emailSendRate.nextAt}, ${now + leadMs})`
  const claimed = await db
    .update(emailSendRate)
    .set({ nextAt: sql`${start} + ${interval}` })
    .where(and(eq(emailSendRate.provider, PROVIDER), sql`${start} <= ${now + maxWaitMs}`))
    .returning({ nextAt: emailSendRate.nextAt })
  const row = claimed[0]
  if (row) return { at: row.nextAt - interval }
  const current = await db
    .select({ nextAt: emailSendRate.nextAt })
    .from(emailSendRate)
    .where(eq(emailSendRate.provider, PROVIDER))
    .get()
  if (!current) {
    // The row is made by migration 0011; recreate it if someone removed it, then claim again.
    await db.insert(emailSendRate).values({ provider: PROVIDER, nextAt: 0 }).onConflictDoNothing()
    return claimSendSlot(db, now, ratePerSecond, maxWaitMs, leadMs)
  }
  return { wait: Math.max(1, current.nextAt - now - maxWaitMs) }
}

/** No call before `until` (epoch ms), for every consumer: after a 429's Retry-After or a spent window. */
export async function holdSendsUntil(db: Database, until: number): Promise<void> {
  await db
    .update(emailSendRate)
    .set({ nextAt: sql`max(${emailSendRate.nextAt}, ${Math.ceil(until)})` })
    .where(eq(emailSendRate.provider, PROVIDER))
}

/**
 * Waits for a slot and returns when the call may start, or `{ wait }` when none is near. A slot is never
 * earlier than the claim's round trip allows (`lead`); one woken more than LATE_MS after its time is given up
 * (it would bring the call too close to later ones) and another claimed with a lead of the round trip seen.
 * After five late slots the call goes ahead: the provider's 429 remains the backstop.
 */
export async function awaitSendSlot(
  db: Database,
  ratePerSecond: number,
  maxWaitMs = MAX_WAIT_MS,
): Promise<{ ok: true } | { wait: number }> {
  let lead = 25
  for (let tries = 0; ; tries++) {
    const asked = Date.now()
    const slot = await claimSendSlot(db, asked, ratePerSecond, maxWaitMs, lead)
    if ('wait' in slot) return slot
    const roundTrip = Date.now() - asked
    const delay = slot.at - Date.now()
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
    if (Date.now() - slot.at <= LATE_MS || tries >= 4) return { ok: true }
    lead = Math.min(1000, roundTrip + 25)
  }
}
