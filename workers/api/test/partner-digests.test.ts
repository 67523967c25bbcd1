import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import {
  auditLog,
  emailPreferences,
  matches,
  newId,
  outbox,
  participants,
  type Tenant,
  tenants,
} from '@tandem/db'
import { and, count, eq, like } from 'drizzle-orm'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { DEV_EMAIL_LINK_SECRET } from '../src/env'
import { dispatchDueEmails } from '../src/features/email/outbox.service'
import { runScheduler } from '../src/features/email/scheduler'
import { partnerDigestRule } from '../src/features/partners/digest.rule'
import { signDigestLink } from '../src/features/partners/digest-link'
import worker from '../src/index'
import { Client, db, memberWithRole, ORIGIN, orgWithOwner, unique } from './support/client'

/**
 * Partner digests (decision 037): the scheduler rule in the organization's time zone, the partner's language,
 * suppressed figures from the indicators service, the signed view-online page, one-click unsubscribe, previews,
 * and delivery through the real Resend client against the stand-in server.
 */

const config = { APP_ORIGIN: 'http://localhost:8787', EMAIL_LINK_SECRET: DEV_EMAIL_LINK_SECRET }
const digestsAt = (iso: string) =>
  runScheduler([partnerDigestRule], { control: db, db, placement: 'shared', now: new Date(iso), config })

let org: { slug: string; owner: Client }
let tenant: Tenant
let programId: string
let weekly: Partner
let monthly: Partner

type PartnerBody = Parameters<Client['org']['partners']['$post']>[0]['json']
async function addPartner(json: PartnerBody) {
  return await (await org.owner.org.partners.$post({ param: { org: org.slug }, json })).json()
}
type Partner = Awaited<ReturnType<typeof addPartner>>
type Contact = Partner['contacts'][number]
const partner = () => org.owner.org.partners[':partner']
/** A digest's view-online page, as anyone opens it. */
const digestPage = (client: Client, token: string) =>
  client.api.v1['partner-digests'][':token'].$get({ param: { token } })

const at = (day: string) => new Date(`${day}T12:00:00Z`)

async function person(role: 'mentee' | 'mentor') {
  const id = newId()
  await db.insert(participants).values({
    id,
    tenantId: tenant.id,
    programId,
    role,
    displayName: unique('Person'),
    preferredLocale: 'ar',
    languages: [{ code: 'ar', level: 'native' }],
    interests: [],
    status: 'ready',
    createdAt: at('2026-09-01'),
  })
  return id
}

async function tandem(started: string) {
  await db.insert(matches).values({
    id: newId(),
    tenantId: tenant.id,
    programId,
    menteeId: await person('mentee'),
    mentorId: await person('mentor'),
    status: 'active',
    startedAt: at(started),
  })
}

/** Digest emails written for a partner's contacts, by address. */
async function digestsTo(address: string) {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, address), eq(outbox.kind, 'partner-digest')))
}

const tokenIn = (text: string) => /\/digest\?token=([A-Za-z0-9_.-]+)/.exec(text)?.[1] as string

/**
 * An organization in New York: 8 tandems since 5 October, 2 more from 10 November (too few new ones to show), a
 * weekly partner in Arabic with two contacts and a monthly one in English with one.
 */
beforeAll(async () => {
  org = await orgWithOwner('digests')
  await db.update(tenants).set({ timezone: 'America/New_York' }).where(eq(tenants.slug, org.slug))
  tenant = (await db.select().from(tenants).where(eq(tenants.slug, org.slug)).get()) as Tenant
  const program = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: { name: 'Welcome', languages: ['ar'] },
  })
  programId = (await program.json()).id
  for (let i = 0; i < 8; i++) await tandem('2026-10-05')
  for (let i = 0; i < 2; i++) await tandem('2026-11-10')
  weekly = await addPartner({
    name: 'City Library',
    kind: 'library',
    locale: 'ar',
    cadence: 'weekly',
    programIds: [programId],
    contacts: [
      { name: 'Ruth Weber', email: `${unique('ruth')}@library.example` },
      { name: 'Karim Aziz', email: `${unique('karim')}@library.example` },
    ],
  })
  monthly = await addPartner({
    name: 'Welcome Fund',
    kind: 'funder',
    locale: 'en',
    cadence: 'monthly',
    programIds: [programId],
    contacts: [{ name: 'Olivia Grant', email: `${unique('olivia')}@fund.example` }],
  })
})

describe('the digest rule', () => {
  it('sends weekly digests on Monday from 08:00 in the organization’s time zone, once per contact and week', async () => {
    const [ruth, karim] = weekly.contacts as [Contact, Contact]
    // Monday 7 December 2026, 07:00 in New York: not yet.
    await digestsAt('2026-12-07T12:00:00Z')
    expect(await digestsTo(ruth.email)).toHaveLength(0)
    // 08:30 in New York: one each; twice the rule, still one each. The monthly partner gets none on a 7th.
    await digestsAt('2026-12-07T13:30:00Z')
    await digestsAt('2026-12-07T14:30:00Z')
    const [mail] = await digestsTo(ruth.email)
    expect(await digestsTo(ruth.email)).toHaveLength(1)
    expect(await digestsTo(karim.email)).toHaveLength(1)
    expect(await digestsTo(monthly.contacts[0]?.email as string)).toHaveLength(0)
    expect(mail?.dedupKey).toBe(`partner-digest:${tenant.id}.${ruth.id}:2026-W50`)
    // In the partner's language, right to left, with one-click unsubscribe and a view-online link.
    expect(mail?.html).toContain('<html lang="ar" dir="rtl">')
    expect(mail?.subject).toContain('الملخص الأسبوعي')
    expect(mail?.text).toContain('Ruth Weber')
    expect(mail?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    expect(mail?.text).toContain('http://localhost:8787/digest?token=')
  })

  it('sends monthly digests on the 1st from 08:00 local time, keyed by the month they show', async () => {
    const olivia = monthly.contacts[0]?.email as string
    // 1 December 04:00 UTC is still 30 November in New York.
    await digestsAt('2026-12-01T04:00:00Z')
    expect(await digestsTo(olivia)).toHaveLength(0)
    await digestsAt('2026-12-01T13:30:00Z')
    await digestsAt('2026-12-01T23:00:00Z')
    const rows = await digestsTo(olivia)
    expect(rows).toHaveLength(1)
    expect(rows[0]?.dedupKey).toBe(`partner-digest:${tenant.id}.${monthly.contacts[0]?.id}:2026-11`)
    expect(rows[0]?.html).toContain('<html lang="en" dir="ltr">')
    expect(rows[0]?.subject).toBe(`Org ${org.slug}: monthly digest for Welcome Fund`)
  })

  it('shows the indicators API’s numbers for the same scope and months, and a suppressed one never as a number', async () => {
    const [mail] = await digestsTo(monthly.contacts[0]?.email as string)
    const page = await digestPage(new Client(), tokenIn(mail?.text ?? ''))
    expect(page.status).toBe(200)
    const digest = await page.json()
    expect(digest).toMatchObject({ partner: 'Welcome Fund', month: '2026-11', previousMonth: '2026-10' })
    const api = await org.owner.org.indicators.$get({
      param: { org: org.slug },
      query: { program: programId, from: '2026-10', to: '2026-11', by: 'all' },
    })
    const { cells } = await api.json()
    const measureOf: Record<string, string> = {
      activeMatches: 'matches-active',
      newMatches: 'matches-new',
      meetingsPerMatch: 'meetings-per-match',
      goalsMoved: 'goals-moved',
      eventAttendance: 'event-attendance',
    }
    const fromApi = (measure: string, period: string) => {
      const c = cells.find((x) => x.measure === measure && x.period === period && x.group.by === 'all')
      return !c || c.suppressed ? { value: null, suppressed: true } : { value: c.value, suppressed: false }
    }
    for (const f of digest.figures) {
      expect(f.previous, f.line).toEqual(fromApi(measureOf[f.line] as string, '2026-10'))
      expect(f.latest, f.line).toEqual(fromApi(measureOf[f.line] as string, '2026-11'))
    }
    // The crafted data: 10 active tandems in November, 2 new ones (fewer than 5: suppressed).
    const line = (name: string) => digest.figures.find((f) => f.line === name)
    expect(line('activeMatches')?.latest).toEqual({ value: 10, suppressed: false })
    expect(line('newMatches')?.latest).toEqual({ value: null, suppressed: true })
    expect(mail?.text).toContain('- Active tandems: October 2026 8; November 2026 10')
    expect(mail?.text).toContain('- New tandems: October 2026 8; November 2026 not shown')
    expect(mail?.html).toMatch(/New tandems<\/th><td[^>]*>8<\/td><td[^>]*>not shown<\/td>/)
    expect(mail?.text).toContain('Figures that count fewer than 5 people are not shown')
  })
})

describe('the view-online page', () => {
  it('shows the digest and changes nothing; a forged or another contact’s link is 404', async () => {
    const [mail] = await digestsTo(weekly.contacts[0]?.email as string)
    const token = tokenIn(mail?.text ?? '')
    const counted = async () => [
      (await db.select({ n: count() }).from(outbox).get())?.n,
      (await db.select({ n: count() }).from(emailPreferences).get())?.n,
      (await db.select({ n: count() }).from(auditLog).get())?.n,
    ]
    const before = await counted()
    const anonymous = new Client()
    const res = await digestPage(anonymous, token)
    expect(res.status).toBe(200)
    expect((await res.json()).locale).toBe('ar')
    expect(await counted()).toEqual(before)

    const [claim, signature] = token.split('.') as [string, string]
    const flipped = `${claim}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`
    expect((await digestPage(anonymous, flipped)).status).toBe(404)
    // Correctly signed, but the monthly partner's contact under the weekly partner: not that partner's contact.
    const crossed = signDigestLink(DEV_EMAIL_LINK_SECRET, {
      tenantId: tenant.id,
      partnerId: weekly.id,
      recipientType: 'contact',
      recipientId: monthly.contacts[0]?.id as string,
      month: '2026-11',
    })
    expect((await digestPage(anonymous, crossed)).status).toBe(404)
    // Signed with another key: 404.
    const foreign = signDigestLink('another-secret-that-is-long-enough-000', {
      tenantId: tenant.id,
      partnerId: weekly.id,
      recipientType: 'contact',
      recipientId: weekly.contacts[0]?.id as string,
      month: '2026-11',
    })
    expect((await digestPage(anonymous, foreign)).status).toBe(404)
  })
})

describe('unsubscribing', () => {
  it('one click stops the next digest to that contact only', async () => {
    const [ruth, karim] = weekly.contacts as [Contact, Contact]
    const [mail] = await digestsTo(ruth.email)
    const before = {
      ruth: (await digestsTo(ruth.email)).length,
      karim: (await digestsTo(karim.email)).length,
    }
    const url = /<([^>]+)>/.exec(mail?.headers?.['List-Unsubscribe'] ?? '')?.[1] as string
    const path = url.replace('http://localhost:8787', '')
    // GET shows what it would stop and changes nothing (the link exactly as the header gives it).
    const shown = await new Client().get(path)
    expect(await shown.json()).toMatchObject({ kind: 'partner-digest', subscribed: true })
    const res = await new Client().fetch(
      new Request(`${ORIGIN}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      }),
    )
    expect(res.status).toBe(200)
    await digestsAt('2026-12-14T13:30:00Z')
    expect(await digestsTo(ruth.email)).toHaveLength(before.ruth)
    expect(await digestsTo(karim.email)).toHaveLength(before.karim + 1)
  })

  it('a paused partner gets no digest', async () => {
    const karim = weekly.contacts[1]?.email as string
    const before = (await digestsTo(karim)).length
    await partner().$patch({ param: { org: org.slug, partner: weekly.id }, json: { status: 'paused' } })
    await digestsAt('2026-12-21T13:30:00Z')
    expect(await digestsTo(karim)).toHaveLength(before)
    await partner().$patch({ param: { org: org.slug, partner: weekly.id }, json: { status: 'active' } })
  })
})

describe('previews', () => {
  it('a coordinator sends themselves a preview, without an unsubscribe of the partner’s, and it opens online', async () => {
    const coordinator = await memberWithRole(org, 'coordinator')
    const res = await coordinator.client.org.partners[':partner'].preview.$post({
      param: { org: org.slug, partner: monthly.id },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ sentTo: coordinator.email })
    const [mail] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, coordinator.email), eq(outbox.kind, 'partner-digest.preview')))
    expect(mail?.subject).toMatch(/^Preview: /)
    expect(mail?.headers ?? null).toBeNull()
    expect(mail?.text).not.toContain('/unsubscribe')
    const page = await digestPage(new Client(), tokenIn(mail?.text ?? ''))
    expect(page.status).toBe(200)
    // A mentor may not preview.
    const mentor = await memberWithRole(org, 'mentor')
    expect(
      (
        await mentor.client.org.partners[':partner'].preview.$post({
          param: { org: org.slug, partner: monthly.id },
        })
      ).status,
    ).toBe(403)
  })
})

describe('delivery', () => {
  it('a partner’s contact receives the digest through the real Resend client (stand-in server)', async () => {
    const key = `re_test_${newId()}`
    const base = inject('resendBaseUrl')
    const sent: { body: { type: 'email.batch'; batchId: string; placement: string } }[] = []
    const queue = {
      sendBatch: async (msgs: typeof sent) => void sent.push(...msgs),
    } as unknown as Queue<never>
    // A request's kick may have queued the rows already (to the test's own queue): 21 minutes on, the
    // dispatcher puts such batches on the queue again, as after a lost message.
    await dispatchDueEmails(db, queue, new Date(Date.now() + 21 * 60_000))
    // Messages the consumer puts back (the shared send rate) are delivered again, as the queue would.
    const requeued: typeof sent = []
    const emailQueue = {
      send: async (body: (typeof sent)[number]['body']) => void requeued.push({ body }),
      sendBatch: async (msgs: typeof sent) => void requeued.push(...msgs),
    }
    const workerEnv = {
      ...env,
      RESEND_API_KEY: key,
      RESEND_BASE_URL: base,
      RESEND_RATE_PER_SECOND: '50',
      EMAIL_QUEUE: emailQueue as unknown as Queue,
    }
    let next = sent
    for (let round = 0; round < 20 && next.length > 0; round++) {
      const messages = next.map((m, i) => ({
        id: `m${round}.${i}`,
        timestamp: new Date(),
        attempts: 1,
        body: m.body,
      }))
      requeued.length = 0
      const batch = createMessageBatch('tandem-email', messages)
      const ctx = createExecutionContext()
      await worker.queue(batch, workerEnv, ctx)
      const result = await getQueueResult(batch, ctx)
      const byId = new Map(messages.map((m) => [m.id, m.body]))
      next = [
        ...result.retryMessages.map((r) => ({ body: byId.get(r.msgId) as (typeof sent)[number]['body'] })),
        ...requeued,
      ]
    }
    const olivia = monthly.contacts[0]?.email as string
    const [row] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, olivia), like(outbox.kind, 'partner-digest')))
    expect(row?.status).toBe('sent')
    expect(row?.providerId).toBeTruthy()
    const stats = (await (
      await fetch(`${base}/__stats`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as { acceptedEmails: number; accepted: Record<string, number> }
    expect(stats.acceptedEmails).toBeGreaterThanOrEqual(1)
  })
})
