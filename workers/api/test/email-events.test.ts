import { env, exports } from 'cloudflare:workers'
import { auditLog, emailEvents, emailSuppressions, newId, outbox, tenants } from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { dispatchDueEmails } from '../src/features/email/outbox.service'
import { signSvix } from '../src/features/email/svix'
import { Client, db, memberWithRole, orgWithOwner, problemOf, unique } from './support/client'
import { checkAgainstContract } from './support/contract'

const SECRET = env.RESEND_WEBHOOK_SECRET as string
const seconds = (date = new Date()) => String(Math.floor(date.getTime() / 1000))

/**
 * Posts a webhook as Resend would, signed unless `signature` is given; answers are checked against the contract.
 * Raw, as the provider sends it: signed over the exact bytes, no browser headers, and the route types no body.
 */
async function webhook(
  event: unknown,
  options: { id?: string; timestamp?: string; signature?: string; headers?: Record<string, string> } = {},
) {
  const body = JSON.stringify(event)
  const id = options.id ?? `msg_${newId()}`
  const timestamp = options.timestamp ?? seconds()
  const signature = options.signature ?? (await signSvix(SECRET, id, timestamp, body))
  const req = new Request('https://tandem.test/api/v1/webhooks/resend', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'svix-id': id,
      'svix-timestamp': timestamp,
      'svix-signature': signature,
      ...options.headers,
    },
    body,
  })
  const res = await exports.default.fetch(req)
  await checkAgainstContract('POST', req.url, res)
  return res
}

const delivered = (emailId: string) => ({
  type: 'email.delivered',
  created_at: new Date().toISOString(),
  data: { email_id: emailId, to: ['someone@example.org'], subject: 'Hello' },
})
const bounced = (emailId: string, type = 'Permanent') => ({
  type: 'email.bounced',
  created_at: new Date().toISOString(),
  data: {
    email_id: emailId,
    bounce: { type, subType: 'General', message: 'The mailbox does not exist.' },
  },
})
const complained = (emailId: string) => ({
  type: 'email.complained',
  created_at: new Date().toISOString(),
  data: { email_id: emailId },
})

async function tenantIdOf(slug: string) {
  const row = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).get()
  if (!row) throw new Error('no tenant')
  return row.id
}

/** An email of the organization the provider has accepted (`sent`, with the provider's id). */
async function sentEmail(
  tenantId: string | null,
  to = `${unique('to')}@example.org`,
  kind = 'match.introduction',
) {
  const id = newId()
  const providerId = `re_${newId()}`
  await db.insert(outbox).values({
    id,
    tenantId,
    kind,
    toAddress: to,
    subject: 'Hello',
    text: 'Hello',
    html: '<p>Hello</p>',
    dueAt: new Date(),
    status: 'sent',
    attempts: 1,
    providerId,
    sentAt: new Date(),
  })
  return { id, providerId, to }
}

/** An email waiting in the outbox (due now). */
async function pendingEmail(tenantId: string | null, to: string, kind: string) {
  const id = newId()
  await db.insert(outbox).values({
    id,
    tenantId,
    kind,
    toAddress: to,
    subject: 'Hello',
    text: 'Hello',
    html: '<p>Hello</p>',
    dueAt: new Date(Date.now() - 1000),
  })
  return id
}

const rowOf = (id: string) => db.select().from(outbox).where(eq(outbox.id, id)).get()
const suppressionsOf = (tenantId: string) =>
  db.select().from(emailSuppressions).where(eq(emailSuppressions.tenantId, tenantId))
const noQueue = { sendBatch: async () => undefined } as unknown as Queue<never>

/** The email log and the suppression list of one organization, through the typed client. */
const emailsOf = (c: Client) => c.org.emails
const suppressionListOf = (c: Client) => c.org['email-suppressions']
type LogQuery = Parameters<ReturnType<typeof emailsOf>['$get']>[0]['query']

describe('delivery events from Resend (Svix-signed webhook)', () => {
  let tenantId: string
  beforeAll(async () => {
    const org = await orgWithOwner('events')
    tenantId = await tenantIdOf(org.slug)
  })

  it('marks an email delivered when the signature is good', async () => {
    const email = await sentEmail(tenantId)
    const res = await webhook(delivered(email.providerId))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ outcome: 'applied' })
    expect((await rowOf(email.id))?.status).toBe('delivered')
  })

  it('accepts any of several signatures (a secret being rotated)', async () => {
    const email = await sentEmail(tenantId)
    const event = delivered(email.providerId)
    const id = `msg_${newId()}`
    const timestamp = seconds()
    const good = await signSvix(SECRET, id, timestamp, JSON.stringify(event))
    const res = await webhook(event, { id, timestamp, signature: `v1,bm90LXRoaXMtb25l ${good}` })
    expect(res.status).toBe(200)
    expect((await rowOf(email.id))?.status).toBe('delivered')
  })

  it('changes nothing on a bad signature, a missing header, another secret or a tampered body', async () => {
    const email = await sentEmail(tenantId)
    const event = bounced(email.providerId)
    const id = `msg_${newId()}`
    const timestamp = seconds()
    const otherSecret = 'whsec_b3RoZXItc2VjcmV0LW9mLWFub3RoZXItYWNjb3VudA=='
    const attempts = [
      await webhook(event, { id, timestamp, signature: 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' }),
      await webhook(event, {
        id,
        timestamp,
        signature: await signSvix(otherSecret, id, timestamp, JSON.stringify(event)),
      }),
      await webhook(event, { id, timestamp, signature: '' }),
      await webhook(event, { id, timestamp, signature: 'v2,whatever' }),
      // Signed for a delivery, sent with a bounce.
      await webhook(event, {
        id,
        timestamp,
        signature: await signSvix(SECRET, id, timestamp, JSON.stringify(delivered(email.providerId))),
      }),
    ]
    for (const res of attempts) {
      expect(res.status).toBe(401)
      const body = (await res.json()) as { code: string }
      expect(body.code).toBe('webhook-signature-invalid')
    }
    expect(await rowOf(email.id)).toMatchObject({ status: 'sent' })
    expect(await db.select().from(emailEvents).where(eq(emailEvents.id, id))).toEqual([])
    expect((await suppressionsOf(tenantId)).filter((s) => s.address === email.to)).toEqual([])
  })

  it('changes nothing when the timestamp is more than 5 minutes old (or ahead)', async () => {
    const email = await sentEmail(tenantId)
    for (const offset of [-6 * 60_000, 6 * 60_000]) {
      const res = await webhook(bounced(email.providerId), {
        timestamp: seconds(new Date(Date.now() + offset)),
      })
      expect(res.status).toBe(401)
    }
    expect(await rowOf(email.id)).toMatchObject({ status: 'sent' })
    expect((await suppressionsOf(tenantId)).filter((s) => s.address === email.to)).toEqual([])
    // Four minutes old is still within the tolerance.
    const fresh = await webhook(delivered(email.providerId), {
      timestamp: seconds(new Date(Date.now() - 4 * 60_000)),
    })
    expect(fresh.status).toBe(200)
  })

  it('changes nothing when an event id is replayed, even with another (validly signed) body', async () => {
    const email = await sentEmail(tenantId)
    const id = `msg_${newId()}`
    expect(await (await webhook(delivered(email.providerId), { id })).json()).toEqual({ outcome: 'applied' })
    const again = await webhook(delivered(email.providerId), { id })
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ outcome: 'duplicate' })
    // Same id, now claiming a hard bounce: still nothing happens.
    const replay = await webhook(bounced(email.providerId), { id })
    expect(await replay.json()).toEqual({ outcome: 'duplicate' })
    expect(await rowOf(email.id)).toMatchObject({ status: 'delivered' })
    expect((await suppressionsOf(tenantId)).filter((s) => s.address === email.to)).toEqual([])
    expect(await db.select().from(emailEvents).where(eq(emailEvents.outboxId, email.id))).toHaveLength(1)
  })

  it('puts a hard bounce and a complaint on the suppression list, not a soft bounce', async () => {
    const hard = await sentEmail(tenantId, `${unique('Hard')}@Example.org`)
    const soft = await sentEmail(tenantId)
    const spam = await sentEmail(tenantId)
    await webhook(delivered(spam.providerId))
    expect((await webhook(bounced(hard.providerId))).status).toBe(200)
    expect((await webhook(bounced(soft.providerId, 'Transient'))).status).toBe(200)
    expect((await webhook(complained(spam.providerId))).status).toBe(200)

    expect(await rowOf(hard.id)).toMatchObject({ status: 'bounced' })
    expect((await rowOf(hard.id))?.reason).toMatch(/Permanent.*mailbox does not exist/)
    expect(await rowOf(soft.id)).toMatchObject({ status: 'bounced' })
    expect(await rowOf(spam.id)).toMatchObject({ status: 'complained' })
    const list = await suppressionsOf(tenantId)
    expect(list.find((s) => s.address === hard.to.toLowerCase())).toMatchObject({
      reason: 'bounce',
      outboxId: hard.id,
    })
    expect(list.find((s) => s.address === spam.to)).toMatchObject({ reason: 'complaint' })
    expect(list.find((s) => s.address === soft.to)).toBeUndefined()
    // A second hard bounce to the same address keeps one entry.
    const hardAgain = await sentEmail(tenantId, hard.to)
    await webhook(bounced(hardAgain.providerId))
    expect((await suppressionsOf(tenantId)).filter((s) => s.address === hard.to.toLowerCase())).toHaveLength(
      1,
    )
  })

  it('never moves a status back: a late "delivered" after a complaint stays a complaint', async () => {
    const email = await sentEmail(tenantId)
    await webhook(complained(email.providerId))
    const late = await webhook(delivered(email.providerId))
    expect(await late.json()).toEqual({ outcome: 'recorded' })
    expect(await rowOf(email.id)).toMatchObject({ status: 'complained' })
  })

  it('records a delayed delivery without changing the status, and ignores email it does not know', async () => {
    const email = await sentEmail(tenantId)
    const delayed = await webhook({ type: 'email.delivery_delayed', data: { email_id: email.providerId } })
    expect(await delayed.json()).toEqual({ outcome: 'recorded' })
    expect(await rowOf(email.id)).toMatchObject({ status: 'sent' })
    const unknown = await webhook(delivered('re_not_ours'))
    expect(await unknown.json()).toEqual({ outcome: 'unknown-email' })
  })

  it('answers 400 with field paths for a signed body that is not an event, and changes nothing', async () => {
    const res = await webhook({ type: 'email.delivered', data: {} })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { code: string; errors: { path: string }[] }
    expect(body.code).toBe('invalid-request')
    expect(body.errors.map((e) => e.path)).toContain('data.email_id')
  })

  it('bounces a sign-in email without a suppression (it belongs to no organization)', async () => {
    const email = await sentEmail(null, `${unique('signin')}@example.org`, 'auth.sign-in')
    await webhook(bounced(email.providerId))
    expect(await rowOf(email.id)).toMatchObject({ status: 'bounced' })
    expect(await db.select().from(emailSuppressions).where(eq(emailSuppressions.address, email.to))).toEqual(
      [],
    )
  })

  it('does not exist without a configured secret', async () => {
    const { default: worker } = await import('../src/index')
    const { createExecutionContext } = await import('cloudflare:test')
    const res = await worker.fetch(
      new Request('https://tandem.test/api/v1/webhooks/resend', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      { ...env, RESEND_WEBHOOK_SECRET: '' },
      createExecutionContext(),
    )
    expect(res.status).toBe(404)
  })
})

describe('the suppression list holds back non-essential email', () => {
  it('holds back an introduction to a suppressed address, not sign-in, invitations or safeguarding', async () => {
    const org = await orgWithOwner('suppress')
    const tenantId = await tenantIdOf(org.slug)
    const other = await orgWithOwner('unsuppressed')
    const otherTenant = await tenantIdOf(other.slug)
    const address = `${unique('gone')}@example.org`
    const email = await sentEmail(tenantId, address)
    await webhook(bounced(email.providerId))

    const intro = await pendingEmail(tenantId, address.toUpperCase(), 'match.introduction')
    const renewal = await pendingEmail(tenantId, address, 'screening.renewal')
    const invitation = await pendingEmail(tenantId, address, 'invitation')
    const alert = await pendingEmail(tenantId, address, 'safeguarding_alert')
    const signIn = await pendingEmail(null, address, 'auth.sign-in')
    // The list is the organization's own: another organization still writes to the address.
    const elsewhere = await pendingEmail(otherTenant, address, 'match.introduction')

    await dispatchDueEmails(db, noQueue, new Date())
    expect(await rowOf(intro)).toMatchObject({ status: 'failed', reason: 'suppressed' })
    expect(await rowOf(renewal)).toMatchObject({ status: 'failed', reason: 'suppressed' })
    for (const id of [invitation, alert, signIn, elsewhere]) expect((await rowOf(id))?.status).toBe('queued')

    // The email log says why; a coordinator sees the suppression and lifts it.
    const coordinator = await memberWithRole(org, 'coordinator')
    const log = await emailsOf(coordinator.client).$get({
      param: { org: org.slug },
      query: { status: 'failed' },
    })
    const { items } = await log.json()
    expect(items.find((i) => i.id === intro)).toMatchObject({ reason: 'suppressed' })

    const listed = await suppressionListOf(coordinator.client).$get({ param: { org: org.slug }, query: {} })
    const suppressions = await listed.json()
    const entry = suppressions.items.find((s) => s.address === address)
    expect(entry).toMatchObject({ reason: 'bounce', detail: expect.stringMatching(/Permanent/) })
    // `undefined` in the path when no entry was found (the expectation above has failed then).
    const entryParam = (slug: string) => ({ org: slug, suppression: String(entry?.id) })

    // Another organization cannot see or lift it.
    expect(
      (await suppressionListOf(other.owner)[':suppression'].$delete({ param: entryParam(other.slug) }))
        .status,
    ).toBe(404)
    const foreign = await suppressionListOf(other.owner).$get({ param: { org: other.slug }, query: {} })
    expect((await foreign.json()).items).toEqual([])
    const foreignLog = await emailsOf(other.owner).$get({ param: { org: other.slug }, query: { q: address } })
    const foreignItems = (await foreignLog.json()).items.map((i) => i.id)
    expect(foreignItems).toEqual([elsewhere])

    const lifted = await suppressionListOf(coordinator.client)[':suppression'].$delete({
      param: entryParam(org.slug),
    })
    expect(lifted.status).toBe(204)
    expect(
      (await suppressionListOf(coordinator.client)[':suppression'].$delete({ param: entryParam(org.slug) }))
        .status,
    ).toBe(404)
    const after = await suppressionListOf(coordinator.client).$get({ param: { org: org.slug }, query: {} })
    expect((await after.json()).items).toEqual([])
    const kept = await db
      .select()
      .from(emailSuppressions)
      .where(eq(emailSuppressions.id, entry?.id as string))
      .get()
    expect(kept?.liftedByUserId).toBe(coordinator.userId)
    const audited = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, 'email.suppression_lifted')))
    expect(audited).toHaveLength(1)

    // Retried after lifting, the held-back email goes out.
    const retried = await emailsOf(coordinator.client)[':email'].retry.$post({
      param: { org: org.slug, email: intro },
    })
    expect(retried.status).toBe(200)
    expect(await retried.json()).toMatchObject({ id: intro, status: 'pending', reason: null, attempts: 0 })
    await dispatchDueEmails(db, noQueue, new Date())
    expect((await rowOf(intro))?.status).toMatch(/queued|sent/)
  })

  it('holds a retried email back again while the address is still suppressed', async () => {
    const org = await orgWithOwner('still')
    const tenantId = await tenantIdOf(org.slug)
    const address = `${unique('spam')}@example.org`
    const email = await sentEmail(tenantId, address)
    await webhook(complained(email.providerId))
    const intro = await pendingEmail(tenantId, address, 'match.introduction')
    await dispatchDueEmails(db, noQueue, new Date())
    const retried = await emailsOf(org.owner)[':email'].retry.$post({
      param: { org: org.slug, email: intro },
    })
    expect(retried.status).toBe(200)
    await dispatchDueEmails(db, noQueue, new Date())
    expect(await rowOf(intro)).toMatchObject({ status: 'failed', reason: 'suppressed' })
  })
})

describe('the email log', () => {
  let org: Awaited<ReturnType<typeof orgWithOwner>>
  let tenantId: string
  beforeAll(async () => {
    org = await orgWithOwner('maillog')
    tenantId = await tenantIdOf(org.slug)
  })

  it('pages newest first, filters by status and searches by address', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++)
      ids.push((await sentEmail(tenantId, `page-${i}-${unique('p')}@example.org`)).id)
    const dead = newId()
    await db.insert(outbox).values({
      id: dead,
      tenantId,
      kind: 'invitation',
      toAddress: 'Dead.Letter@Example.org',
      subject: 'x',
      text: 'x',
      html: 'x',
      dueAt: new Date(),
      status: 'dead',
      attempts: 8,
      reason: 'provider refused 8 times',
    })
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const res = await emailsOf(org.owner).$get({
        param: { org: org.slug },
        query: { limit: '2', ...(cursor ? { cursor } : {}) },
      })
      expect(res.status).toBe(200)
      const page = await res.json()
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    for (const id of [...ids, dead]) expect(seen).toContain(id)
    expect(new Set(seen).size).toBe(seen.length)

    const list = async (query: LogQuery) =>
      (await emailsOf(org.owner).$get({ param: { org: org.slug }, query })).json()
    const deadOnly = await list({ status: 'dead' })
    expect(deadOnly.items).toEqual([
      expect.objectContaining({ id: dead, status: 'dead', reason: 'provider refused 8 times' }),
    ])
    const found = await list({ q: 'dead.letter' })
    expect(found.items.map((i) => i.id)).toEqual([dead])
    const literal = await list({ q: '%' })
    expect(literal.items).toEqual([])

    // Raw: a status the types do not allow.
    const bad = await org.owner.get(`/api/v1/orgs/${org.slug}/emails?status=lost&cursor=nope`)
    expect(bad.status).toBe(400)
    expect((await problemOf(bad)).errors?.map((e) => e.path).sort()).toEqual(['cursor', 'status'])
  })

  it('retries only a failed or dead email', async () => {
    const sent = await sentEmail(tenantId)
    const retry = emailsOf(org.owner)[':email'].retry
    const res = await retry.$post({ param: { org: org.slug, email: sent.id } })
    expect(res.status).toBe(409)
    expect((await problemOf(res)).code).toBe('email-not-retryable')
    expect(await rowOf(sent.id)).toMatchObject({ status: 'sent' })
    expect((await retry.$post({ param: { org: org.slug, email: newId() } })).status).toBe(404)
  })

  it('counts failures and suppressed addresses for the organization home', async () => {
    const fresh = await orgWithOwner('summary')
    const id = await tenantIdOf(fresh.slug)
    const summary = async () =>
      (await emailsOf(fresh.owner).summary.$get({ param: { org: fresh.slug } })).json()
    const empty = await summary()
    expect(empty).toMatchObject({ failures: 0, suppressed: 0 })
    const a = await sentEmail(id)
    const b = await sentEmail(id)
    await webhook(bounced(a.providerId))
    await webhook(complained(b.providerId))
    await sentEmail(id)
    const counts = await summary()
    expect(counts).toMatchObject({ failures: 2, suppressed: 2 })
  })

  it('is for owners, admins and coordinators', async () => {
    const mentor = await memberWithRole(org, 'mentor')
    expect((await emailsOf(mentor.client).$get({ param: { org: org.slug }, query: {} })).status).toBe(403)
    expect((await emailsOf(new Client()).$get({ param: { org: org.slug }, query: {} })).status).toBe(401)
  })
})
