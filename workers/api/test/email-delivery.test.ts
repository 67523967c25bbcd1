import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { type Database, d1Database, emailSendRate, newId, outbox } from '@tandem/db'
import { inArray } from 'drizzle-orm'
import { describe, expect, inject, it } from 'vitest'
import { dispatchDueEmails, MAX_ATTEMPTS } from '../src/features/email/outbox.service'
import { LATE_MS, sendInterval } from '../src/features/email/send-rate'
import worker from '../src/index'
import type { Fault, Stats } from './resend-stand-in'

/**
 * Reliability of delivery (decision 022) against the stand-in Resend server: the real Resend SDK, the real
 * consumer and the real shared send rate, with faults injected at the network edge. Each test is its own
 * Resend team (API key), so its counts are its own.
 */

const db: Database = d1Database(env.DB)
const base = inject('resendBaseUrl')
const RATE = 2

type Body = { type: 'email.batch'; batchId: string; placement: string }

/** A Resend team of its own, the Worker's env pointed at it, and a queue that keeps what is sent to it. */
function team() {
  const key = `re_test_${newId()}`
  const requeued: { body: Body; delaySeconds: number }[] = []
  const queue = {
    send: async (body: Body, options?: { delaySeconds?: number }) =>
      void requeued.push({ body, delaySeconds: options?.delaySeconds ?? 0 }),
    sendBatch: async (msgs: { body: Body }[]) =>
      void requeued.push(...msgs.map((m) => ({ ...m, delaySeconds: 0 }))),
  }
  const workerEnv = {
    ...env,
    RESEND_API_KEY: key,
    RESEND_BASE_URL: base,
    RESEND_RATE_PER_SECOND: String(RATE),
    EMAIL_QUEUE: queue as unknown as Queue,
  }
  const call = (path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    })
  return {
    env: workerEnv,
    requeued,
    faults: (faults: Fault[]) => call('/__faults', { faults }),
    stats: async () => (await (await call('/__stats')).json()) as Stats,
  }
}

/** Outbox rows due now, addressed `<tag>-<n>@<domain>`. */
async function schedule(n: number, tag: string, domainOf: (i: number) => string = () => 'example.org') {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: newId(),
    kind: 'test',
    toAddress: `${tag}-${i}@${domainOf(i)}`,
    subject: `Hello ${tag} ${i}`,
    text: `Hello ${i}`,
    html: `<p>Hello ${i}</p>`,
    dueAt: new Date(Date.now() - 1000),
  }))
  for (let i = 0; i < rows.length; i += 50) {
    const [first, ...rest] = rows.slice(i, i + 50).map((r) => db.insert(outbox).values(r))
    if (first) await db.batch([first, ...rest])
  }
  return rows.map((r) => r.id)
}

/** Claims every due row into batches; returns the batch messages. */
async function dispatch(): Promise<Body[]> {
  const sent: { body: Body }[] = []
  const queue = {
    sendBatch: async (msgs: { body: Body }[]) => void sent.push(...msgs),
  } as unknown as Queue<never>
  await dispatchDueEmails(db, queue, new Date())
  return sent.map((m) => m.body)
}

let seq = 0
/** One delivery of the email queue to the real consumer; what it retried and what it put back. */
async function deliver(t: ReturnType<typeof team>, bodies: Body[]) {
  const messages = bodies.map((body) => ({ id: `m${seq++}`, timestamp: new Date(), attempts: 1, body }))
  const batch = createMessageBatch('tandem-email', messages)
  const ctx = createExecutionContext()
  const before = t.requeued.length
  await worker.queue(batch, t.env, ctx)
  const result = await getQueueResult(batch, ctx)
  const byId = new Map(messages.map((m) => [m.id, m.body]))
  return {
    acks: result.explicitAcks.length,
    retried: result.retryMessages.map((r) => ({
      body: byId.get(r.msgId) as Body,
      delaySeconds: r.delaySeconds,
    })),
    deferred: t.requeued.slice(before),
  }
}

/** Delivers until no message is left (delays are not waited for; the shared send rate is real). */
async function drain(t: ReturnType<typeof team>, bodies: Body[], rounds = 30) {
  let next = bodies
  for (let i = 0; i < rounds && next.length > 0; i++) {
    const r = await deliver(t, next)
    next = [...r.retried, ...r.deferred].map((m) => m.body)
  }
  expect(next).toEqual([])
}

/** The rows, in id order (D1 binds at most 100 parameters per statement). */
async function rowsOf(ids: string[]) {
  const rows = []
  for (let i = 0; i < ids.length; i += 90) {
    rows.push(
      ...(await db
        .select()
        .from(outbox)
        .where(inArray(outbox.id, ids.slice(i, i + 90)))),
    )
  }
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1))
}

/** Every row sent, each accepted exactly once by the provider, no call above the rate. */
async function expectExactlyOnce(t: ReturnType<typeof team>, ids: string[]) {
  const stats = await t.stats()
  for (const r of await rowsOf(ids)) expect(r.status).toBe('sent')
  expect(Object.keys(stats.accepted).sort()).toEqual([...ids].sort())
  expect(stats.duplicates).toBe(0)
  expect(stats.peakCallsPerSecond).toBeLessThanOrEqual(RATE)
  return stats
}

describe('email delivery in batches (stand-in Resend)', () => {
  it('sends 250 emails in three calls of ≤ 100 with one key per batch, never above the rate', async () => {
    const t = team()
    const ids = await schedule(250, 'many')
    const bodies = await dispatch()
    expect(bodies).toHaveLength(3)
    // One delivery with all three: the consumer handles them side by side, each waits for its slot.
    const r = await deliver(t, bodies)
    expect(r.acks).toBe(3)
    const stats = await expectExactlyOnce(t, ids)
    expect(stats.callLog.map((c) => c.emails).sort()).toEqual([100, 100, 50])
    expect(new Set(stats.callLog.map((c) => c.key))).toEqual(new Set(bodies.map((b) => `batch-${b.batchId}`)))
    expect(stats.rateLimited).toBe(0)
    const gaps = stats.callLog
      .map((c) => c.at)
      .sort((a, b) => a - b)
      .slice(1)
      .map((at, i) => at - (stats.callLog.map((c) => c.at).sort((a, b) => a - b)[i] as number))
    // A call may start up to LATE_MS after its slot, so consecutive calls are at least interval − LATE_MS apart.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(sendInterval(RATE) - LATE_MS - 10)
    const rows = await rowsOf(ids)
    expect(new Set(rows.map((row) => row.providerId)).size).toBe(250)
    expect(rows.every((row) => row.attempts === 1 && row.reason === null)).toBe(true)
  })

  it('retries a batch after 500s with the same key, and sends it once', async () => {
    const t = team()
    const ids = await schedule(30, 'down')
    const bodies = await dispatch()
    await t.faults([{ status: 500 }, { status: 502 }])
    const first = await deliver(t, bodies)
    expect(first.retried).toHaveLength(1)
    const after1 = await rowsOf(ids)
    expect(
      after1.every(
        (r) => r.status === 'queued' && r.attempts === 1 && /application_error/.test(r.lastError ?? ''),
      ),
    ).toBe(true)
    await drain(
      t,
      first.retried.map((m) => m.body),
    )
    const stats = await expectExactlyOnce(t, ids)
    expect(new Set(stats.callLog.map((c) => c.key)).size).toBe(1)
    expect(stats.calls).toBe(3)
    expect((await rowsOf(ids)).every((r) => r.attempts === 3)).toBe(true)
  })

  it('honours a 429 with Retry-After for every consumer, without counting an attempt', async () => {
    const t = team()
    const ids = await schedule(10, 'limited')
    const bodies = await dispatch()
    await t.faults([{ status: 429, retryAfter: 2 }])
    const first = await deliver(t, bodies)
    expect(first.retried).toEqual([])
    expect(first.deferred).toHaveLength(1)
    expect(first.deferred[0]?.delaySeconds).toBeGreaterThanOrEqual(2)
    expect((await rowsOf(ids)).every((r) => r.status === 'queued' && r.attempts === 0)).toBe(true)
    // The shared rate row holds every consumer back until the Retry-After has passed.
    const limited = (await t.stats()).callLog[0]?.at as number
    const rate = await db.select().from(emailSendRate).get()
    expect(rate?.nextAt).toBeGreaterThanOrEqual(limited + 1900)
    await drain(
      t,
      first.deferred.map((m) => m.body),
    )
    const stats = await expectExactlyOnce(t, ids)
    expect(stats.rateLimited).toBe(1)
    expect((stats.callLog[1]?.at as number) - limited).toBeGreaterThanOrEqual(1900)
  })

  it('waits for ratelimit-reset when a success says the window is spent', async () => {
    const t = team()
    await schedule(1, 'spent-a')
    const a = await dispatch()
    await t.faults([{ headers: { 'ratelimit-remaining': '0', 'ratelimit-reset': '2' } }])
    await drain(t, a)
    const ids = await schedule(1, 'spent-b')
    await drain(t, await dispatch())
    const stats = await t.stats()
    expect(stats.calls).toBe(2)
    expect((stats.callLog[1]?.at as number) - (stats.callLog[0]?.at as number)).toBeGreaterThanOrEqual(1900)
    expect((await rowsOf(ids))[0]?.status).toBe('sent')
  })

  it('a batch the provider accepted before the answer was lost is replayed, not sent again', async () => {
    const t = team()
    const ids = await schedule(40, 'dropped')
    const bodies = await dispatch()
    await t.faults([{ drop: true }])
    const first = await deliver(t, bodies)
    // The provider accepted; the consumer saw a broken connection and counts a failed attempt.
    expect(first.retried).toHaveLength(1)
    expect((await rowsOf(ids)).every((r) => r.status === 'queued')).toBe(true)
    await drain(
      t,
      first.retried.map((m) => m.body),
    )
    const stats = await expectExactlyOnce(t, ids)
    expect(stats.replays).toBe(1)
  })

  it('a consumer that crashed after the provider accepted, before marking the rows: sent once', async () => {
    const t = team()
    const ids = await schedule(20, 'crash')
    const bodies = await dispatch()
    await drain(t, bodies)
    const sent = await rowsOf(ids)
    // The state a crash between the provider's answer and the UPDATE leaves behind: rows still queued.
    await db
      .update(outbox)
      .set({ status: 'queued', providerId: null, sentAt: null, attempts: 0 })
      .where(inArray(outbox.id, ids))
    await drain(t, bodies)
    const stats = await expectExactlyOnce(t, ids)
    expect(stats.replays).toBe(1)
    expect((await rowsOf(ids)).map((r) => r.providerId)).toEqual(sent.map((r) => r.providerId))
  })

  it('a message delivered twice, even at once, sends its emails once', async () => {
    const t = team()
    const ids = await schedule(60, 'twice')
    const [body] = await dispatch()
    if (!body) throw new Error('no batch')
    // Twice in one delivery (handled side by side), then once more later.
    const r = await deliver(t, [body, body])
    expect(r.acks).toBe(2)
    await deliver(t, [body])
    const stats = await expectExactlyOnce(t, ids)
    expect(stats.acceptedCalls).toBeLessThanOrEqual(2)
  })

  it('splits a batch refused as a whole, so one bad address does not hold up the others', {
    timeout: 30_000,
  }, async () => {
    const t = team()
    const ids = await schedule(10, 'split', (i) => (i === 6 ? 'invalid.test' : 'example.org'))
    const bad = (await rowsOf(ids)).find((r) => r.toAddress.endsWith('@invalid.test'))
    const bodies = await dispatch()
    await drain(t, bodies)
    const rows = await rowsOf(ids)
    const good = rows.filter((r) => r.id !== bad?.id)
    expect(good.every((r) => r.status === 'sent')).toBe(true)
    const failed = rows.find((r) => r.id === bad?.id)
    expect(failed).toMatchObject({ status: 'failed' })
    expect(failed?.reason).toMatch(/Refused by the provider: validation_error/)
    const stats = await t.stats()
    expect(Object.keys(stats.accepted).sort()).toEqual(good.map((r) => r.id).sort())
    expect(stats.duplicates).toBe(0)
    expect(stats.peakCallsPerSecond).toBeLessThanOrEqual(RATE)
    // Keys: the batch, then its halves, each deterministic.
    const keys = stats.callLog.map((c) => c.key)
    const root = `batch-${bodies[0]?.batchId}`
    expect(keys[0]).toBe(root)
    expect(keys.every((k) => k.startsWith(root))).toBe(true)
    expect(new Set(keys).size).toBe(keys.length)
    // Delivered again: nothing more is sent, nothing refused is tried again.
    const calls = stats.calls
    await drain(t, bodies)
    expect((await t.stats()).calls).toBe(calls)
  })

  it('marks rows dead with a reason after the retry limit', { timeout: 30_000 }, async () => {
    const t = team()
    const ids = await schedule(3, 'dying', () => 'fail-5xx.test')
    const bodies = await dispatch()
    let next = bodies
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const r = await deliver(t, next)
      next = r.retried.map((m) => m.body)
      if (i < MAX_ATTEMPTS - 1) expect(next).toHaveLength(1)
    }
    expect(next).toEqual([])
    const rows = await rowsOf(ids)
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS })
      expect(r.reason).toMatch(/Not accepted after 8 attempts; last: application_error/)
    }
    expect((await t.stats()).acceptedEmails).toBe(0)
  })

  it('marks the open rows of a dead-lettered batch dead', async () => {
    const ids = await schedule(2, 'dlq')
    const [body] = await dispatch()
    const batch = createMessageBatch('tandem-email-dlq', [
      { id: 'dl', timestamp: new Date(), attempts: 1, body },
    ])
    const ctx = createExecutionContext()
    await worker.queue(batch, env, ctx)
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['dl'])
    for (const r of await rowsOf(ids)) {
      expect(r.status).toBe('dead')
      expect(r.reason).toMatch(/dead-letter queue/)
    }
  })

  it('under mixed faults and two consumers at once: every email accepted exactly once, none lost', async () => {
    const t = team()
    const ids = await schedule(420, 'mixed', (i) => (i === 5 || i === 305 ? 'invalid.test' : 'example.org'))
    const refused = (await rowsOf(ids)).filter((r) => r.toAddress.endsWith('@invalid.test')).map((r) => r.id)
    const bodies = await dispatch()
    expect(bodies).toHaveLength(5)
    await t.faults([{ status: 500 }, { drop: true }, { status: 429, retryAfter: 1 }, { status: 503 }])
    // Two consumers at once (the queue scaled out), each with some batches, one batch in both.
    const [a, b] = await Promise.all([
      deliver(t, [bodies[0], bodies[1], bodies[2]] as Body[]),
      deliver(t, [bodies[2], bodies[3], bodies[4]] as Body[]),
    ])
    await drain(
      t,
      [...a.retried, ...a.deferred, ...b.retried, ...b.deferred].map((m) => m.body),
    )
    const rows = await rowsOf(ids)
    const good = ids.filter((id) => !refused.includes(id))
    expect(
      rows
        .filter((r) => r.status === 'sent')
        .map((r) => r.id)
        .sort(),
    ).toEqual([...good].sort())
    expect(
      rows
        .filter((r) => r.status === 'failed')
        .map((r) => r.id)
        .sort(),
    ).toEqual([...refused].sort())
    const stats = await t.stats()
    expect(Object.keys(stats.accepted).sort()).toEqual([...good].sort())
    expect(stats.duplicates).toBe(0)
    expect(stats.peakCallsPerSecond).toBeLessThanOrEqual(RATE)
    // The only 429 is the injected one: the shared rate kept every other call inside the limit.
    expect(stats.rateLimited).toBe(1)
  }, 60_000)

  it('keeps the send rate in one row claimed with conditional updates', async () => {
    const { claimSendSlot } = await import('../src/features/email/send-rate')
    await db.update(emailSendRate).set({ nextAt: 0 })
    const now = Date.now()
    const slots = await Promise.all(Array.from({ length: 6 }, () => claimSendSlot(db, now, RATE, 2000)))
    const starts = slots.flatMap((s) => ('at' in s ? [s.at] : [])).sort((x, y) => x - y)
    // Distinct slots one interval apart, none further than the wait allowed; the rest are told to wait.
    expect(starts).toEqual(starts.map((_, i) => now + i * sendInterval(RATE)))
    expect(starts.length).toBe(Math.floor(2000 / sendInterval(RATE)) + 1)
    for (const s of slots) if ('wait' in s) expect(s.wait).toBeGreaterThan(0)
  })
})
