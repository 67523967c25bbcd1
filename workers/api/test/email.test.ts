import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { type Database, d1Database, devMailbox, newId, outbox } from '@tandem/db'
import { eq } from 'drizzle-orm'
import { describe, expect, inject, it, vi } from 'vitest'
import { dispatchDueEmails, scheduleEmail } from '../src/features/email/outbox.service'
import worker from '../src/index'

const db: Database = d1Database(env.DB)

async function schedule(to: string, dueAt = new Date(Date.now() - 1000)) {
  const id = newId()
  const insert = scheduleEmail(db, {
    kind: 'test',
    toAddress: to,
    subject: `Welcome ${id}`,
    text: `Open https://tandem.test/sign-in/verify?token=${id}`,
    html: `<p><a href="https://tandem.test/sign-in/verify?token=${id}&amp;x=1">Sign in</a></p>`,
    dueAt,
  })
  await insert
  const row = await db.select().from(outbox).where(eq(outbox.toAddress, to)).get()
  if (!row) throw new Error('not scheduled')
  return row
}

const statusOf = async (id: string) => (await db.select().from(outbox).where(eq(outbox.id, id)).get())?.status

/** Claims due rows into batches (messages kept here, not queued) and returns the batch of `rowId`. */
async function claim(rowId: string) {
  const sent: unknown[] = []
  const queue = { sendBatch: async (msgs: unknown[]) => void sent.push(...msgs) } as unknown as Queue<never>
  await dispatchDueEmails(db, queue, new Date())
  const row = await db.select().from(outbox).where(eq(outbox.id, rowId)).get()
  if (!row?.batchId) throw new Error('not claimed')
  return { type: 'email.batch', batchId: row.batchId, placement: 'shared' }
}

describe('email outbox → cron → queue → consumer', () => {
  it('delivers a due email to the dev mailbox through the real queue', async () => {
    const row = await schedule('amal@example.org')
    const later = await schedule('later@example.org', new Date(Date.now() + 3_600_000))

    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now() }), env, ctx)
    await waitOnExecutionContext(ctx)
    expect(await statusOf(row.id)).toMatch(/queued|sent/)

    await vi.waitUntil(async () => (await statusOf(row.id)) === 'sent', { timeout: 5000, interval: 50 })
    const mail = await db.select().from(devMailbox).where(eq(devMailbox.outboxId, row.id)).get()
    expect(mail).toMatchObject({ toAddress: 'amal@example.org', subject: row.subject })
    expect(await statusOf(later.id)).toBe('pending')

    // The dev mailbox API lists it, newest first, with its links.
    const res = await exports.default.fetch('http://tandem.test/api/dev/mailbox')
    const { items } = (await res.json()) as { items: { to: string; links: string[] }[] }
    expect(items[0]).toMatchObject({ to: 'amal@example.org' })
    const token = row.subject.replace('Welcome ', '')
    expect(items[0]?.links).toEqual([
      `https://tandem.test/sign-in/verify?token=${token}&x=1`,
      `https://tandem.test/sign-in/verify?token=${token}`,
    ])
  })

  it('sends once when the same message arrives twice (at-least-once delivery)', async () => {
    const row = await schedule('twice@example.org')
    const body = await claim(row.id)
    const batch = createMessageBatch('tandem-email', [
      { id: 'm1', timestamp: new Date(), attempts: 1, body },
      { id: 'm2', timestamp: new Date(), attempts: 1, body },
    ])
    const ctx = createExecutionContext()
    await worker.queue(batch, env, ctx)
    const result = await getQueueResult(batch, ctx)
    expect(result.explicitAcks.sort()).toEqual(['m1', 'm2'])
    const copies = await db.select().from(devMailbox).where(eq(devMailbox.outboxId, row.id))
    expect(copies).toHaveLength(1)
    expect(await statusOf(row.id)).toBe('sent')
  })

  it('drops a malformed message instead of retrying it forever', async () => {
    for (const queue of ['tandem-jobs', 'tandem-email']) {
      const batch = createMessageBatch(queue, [
        { id: 'bad', timestamp: new Date(), attempts: 1, body: { type: 'nope' } },
      ])
      const ctx = createExecutionContext()
      await worker.queue(batch, env, ctx)
      const result = await getQueueResult(batch, ctx)
      expect(result.explicitAcks).toEqual(['bad'])
      expect(result.retryMessages).toEqual([])
    }
  })

  it('re-queues a batch whose message was lost, and skips rows not yet due', async () => {
    const row = await schedule('lost@example.org')
    const sent: unknown[] = []
    const queue = { sendBatch: async (msgs: unknown[]) => void sent.push(...msgs) } as unknown as Queue<never>
    const t0 = new Date()
    expect(await dispatchDueEmails(db, queue, t0)).toBeGreaterThanOrEqual(1)
    const claimed = await db.select().from(outbox).where(eq(outbox.id, row.id)).get()
    expect(claimed).toMatchObject({ status: 'queued' })
    expect(claimed?.batchId).toBeTruthy()
    const message = { body: { type: 'email.batch', batchId: claimed?.batchId, placement: 'shared' } }
    expect(sent).toContainEqual(message)
    const before = sent.length
    // Nothing new is due a minute later; after 21 minutes untouched the batch goes out again, same rows.
    await dispatchDueEmails(db, queue, new Date(t0.getTime() + 60_000))
    expect(sent.length).toBe(before)
    await dispatchDueEmails(db, queue, new Date(t0.getTime() + 21 * 60_000))
    expect(sent.slice(before)).toContainEqual(message)
    expect((await db.select().from(outbox).where(eq(outbox.id, row.id)).get())?.batchId).toBe(
      claimed?.batchId,
    )
  })

  it('claims rows queued one by one before batches existed, and acknowledges their old messages', async () => {
    const row = await schedule('legacy@example.org', new Date(Date.now() + 3_600_000))
    await db.update(outbox).set({ status: 'queued', queuedAt: new Date() }).where(eq(outbox.id, row.id))
    const old = createMessageBatch('tandem-jobs', [
      { id: 'old', timestamp: new Date(), attempts: 1, body: { type: 'email.send', outboxId: row.id } },
    ])
    const ctx = createExecutionContext()
    await worker.queue(old, env, ctx)
    expect((await getQueueResult(old, ctx)).explicitAcks).toEqual(['old'])
    const body = await claim(row.id)
    expect(body.batchId).toBeTruthy()
  })
})

describe('sending through Resend (real SDK, stand-in API server)', () => {
  const resendEnv = () => ({
    ...env,
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: inject('resendBaseUrl'),
  })

  async function consume(outboxId: string) {
    const body = await claim(outboxId)
    const batch = createMessageBatch('tandem-email', [
      { id: `m-${outboxId}`, timestamp: new Date(), attempts: 1, body },
    ])
    const ctx = createExecutionContext()
    await worker.queue(batch, resendEnv(), ctx)
    return getQueueResult(batch, ctx)
  }

  it('sends through the batch endpoint with the batch as idempotency key and records the provider id', async () => {
    const row = await schedule('mentor@example.org')
    const result = await consume(row.id)
    expect(result.explicitAcks).toHaveLength(1)
    const after = await db.select().from(outbox).where(eq(outbox.id, row.id)).get()
    expect(after).toMatchObject({ status: 'sent', attempts: 1 })
    expect(after?.providerId).toMatch(/^re_\d+$/)
    const received = (await (await fetch(`${inject('resendBaseUrl')}/__received`)).json()) as {
      headers: Record<string, string>
      body: { to: string; from: string; subject: string; tags: { name: string; value: string }[] }[]
    }[]
    const request = received.find(
      (r) => Array.isArray(r.body) && r.body.some((e) => e.to === 'mentor@example.org'),
    )
    expect(request?.headers['idempotency-key']).toBe(`batch-${after?.batchId}`)
    expect(request?.body.find((e) => e.to === 'mentor@example.org')).toMatchObject({
      from: env.EMAIL_FROM,
      subject: row.subject,
      tags: [{ name: 'outbox_id', value: row.id }],
    })
  })

  it('retries when Resend fails and gives up on a refused address', async () => {
    const down = await schedule('someone@fail-5xx.test')
    const downResult = await consume(down.id)
    expect(downResult.retryMessages).toHaveLength(1)
    expect(await db.select().from(outbox).where(eq(outbox.id, down.id)).get()).toMatchObject({
      status: 'queued',
      attempts: 1,
    })

    const invalid = await schedule('someone@invalid.test')
    const invalidResult = await consume(invalid.id)
    expect(invalidResult.explicitAcks).toHaveLength(1)
    const row = await db.select().from(outbox).where(eq(outbox.id, invalid.id)).get()
    expect(row?.status).toBe('failed')
    expect(row?.reason).toMatch(/validation_error/)
  })

  it('hides the dev mailbox when a Resend key is configured', async () => {
    const ctx = createExecutionContext()
    const res = await worker.fetch(new Request('http://tandem.test/api/dev/mailbox'), resendEnv(), ctx)
    expect(res.status).toBe(404)
  })
})

describe('the dev mailbox is for local development only', () => {
  it('answers 404 in production and on a public host', async () => {
    const ctx = createExecutionContext()
    const production = await worker.fetch(
      new Request('http://localhost/api/dev/mailbox'),
      {
        ...env,
        APP_ENV: 'production',
        RESEND_API_KEY: 're_test_key',
        EMAIL_LINK_SECRET: 'a production secret of at least 32 characters',
      },
      ctx,
    )
    expect(production.status).toBe(404)
    const publicHost = await worker.fetch(
      new Request('https://tandem.example.org/api/dev/mailbox'),
      { ...env, APP_ENV: 'development' },
      createExecutionContext(),
    )
    expect(publicHost.status).toBe(404)
    const local = await worker.fetch(
      new Request('http://localhost:8787/api/dev/mailbox'),
      { ...env, APP_ENV: 'development' },
      createExecutionContext(),
    )
    expect(local.status).toBe(200)
  })

  it('refuses to run in production without a Resend key', async () => {
    const res = await worker.fetch(
      new Request('https://tandem.example.org/api/health'),
      { ...env, APP_ENV: 'production' },
      createExecutionContext(),
    )
    expect(res.status).toBe(500)
  })

  it('refuses to run in production without its own secret for unsubscribe links', async () => {
    const res = await worker.fetch(
      new Request('https://tandem.example.org/api/health'),
      { ...env, APP_ENV: 'production', RESEND_API_KEY: 're_test_key' },
      createExecutionContext(),
    )
    expect(res.status).toBe(500)
  })
})
