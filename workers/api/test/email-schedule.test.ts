import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import {
  emailPreferences,
  memberships,
  newId,
  outbox,
  participants,
  screenings,
  tenants,
  users,
} from '@tandem/db'
import { and, eq, like } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { DEV_EMAIL_LINK_SECRET } from '../src/env'
import { localTime } from '../src/features/email/local-time'
import { runScheduler } from '../src/features/email/scheduler'
import { signUnsubscribe } from '../src/features/email/unsubscribe'
import { weeklySummaryRule } from '../src/features/email/weekly-summary.rule'
import worker from '../src/index'
import { Client, db, memberWithRole, ORIGIN, orgWithOwner, problemOf, unique } from './support/client'

const config = { APP_ORIGIN: 'http://localhost:8787', EMAIL_LINK_SECRET: DEV_EMAIL_LINK_SECRET }

/** Runs the weekly summary rule at a fixed instant, as the cron would. */
const summaryAt = (iso: string) =>
  runScheduler([weeklySummaryRule], { control: db, db, placement: 'shared', now: new Date(iso), config })

async function tenantOf(slug: string) {
  const t = await db.select().from(tenants).where(eq(tenants.slug, slug)).get()
  if (!t) throw new Error('no tenant')
  return t
}

/** An organization in a time zone with an owner (German) and a coordinator (Arabic), and a mentor waiting. */
async function summaryOrg(timezone: string) {
  const org = await orgWithOwner('summary')
  const tenant = await tenantOf(org.slug)
  await db.update(tenants).set({ timezone }).where(eq(tenants.id, tenant.id))
  const coordinator = await memberWithRole(org, 'coordinator')
  await db.update(users).set({ locale: 'ar' }).where(eq(users.id, coordinator.userId))
  await db.update(users).set({ locale: 'de' }).where(eq(users.email, org.email))
  const program = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: { name: 'Summer', languages: ['de'] },
  })
  const programId = (await program.json()).id
  await db.insert(participants).values({
    id: newId(),
    tenantId: tenant.id,
    programId,
    role: 'mentor',
    displayName: 'Waiting Mentor',
    preferredLocale: 'de',
    languages: [{ code: 'de', level: 'native' }],
    interests: [],
    status: 'applied',
  })
  return { ...org, tenant, coordinator, programId }
}

const summariesTo = (address: string) =>
  db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, address), eq(outbox.kind, 'summary.weekly')))

describe('local time in a time zone', () => {
  it('finds Monday 08:00 in Berlin and New York across daylight saving changes', () => {
    // Berlin: CET (UTC+1) until 29 March 2026, CEST (UTC+2) after.
    expect(localTime(new Date('2026-03-23T07:00:00Z'), 'Europe/Berlin')).toMatchObject({
      date: '2026-03-23',
      weekday: 1,
      hour: 8,
      isoWeek: '2026-W13',
    })
    expect(localTime(new Date('2026-03-30T06:00:00Z'), 'Europe/Berlin')).toMatchObject({
      weekday: 1,
      hour: 8,
    })
    // New York: EST (UTC−5) until 8 March 2026, EDT (UTC−4) after.
    expect(localTime(new Date('2026-03-02T13:00:00Z'), 'America/New_York')).toMatchObject({
      weekday: 1,
      hour: 8,
    })
    expect(localTime(new Date('2026-03-09T12:00:00Z'), 'America/New_York')).toMatchObject({
      date: '2026-03-09',
      weekday: 1,
      hour: 8,
      isoWeek: '2026-W11',
    })
    // The ISO week of early January belongs to the year of its Thursday.
    expect(localTime(new Date('2027-01-01T12:00:00Z'), 'UTC').isoWeek).toBe('2026-W53')
  })
})

describe('weekly coordinator summary', () => {
  it('is due Monday 08:00 in Berlin (summer time), once, in each person’s language', async () => {
    const org = await summaryOrg('Europe/Berlin')
    await summaryAt('2026-03-30T05:59:00Z') // 07:59 CEST
    expect(await summariesTo(org.email)).toHaveLength(0)
    // Two overlapping ticks at 08:00 CEST both find the summary due: the unique key keeps one.
    await Promise.all([summaryAt('2026-03-30T06:00:00Z'), summaryAt('2026-03-30T06:00:00Z')])
    await summaryAt('2026-03-30T06:01:00Z')
    await summaryAt('2026-03-30T14:00:00Z')
    const [owner, ...moreOwner] = await summariesTo(org.email)
    const [coordinator, ...moreCoordinator] = await summariesTo(org.coordinator.email)
    expect(moreOwner).toHaveLength(0)
    expect(moreCoordinator).toHaveLength(0)
    expect(owner?.dedupKey).toBe(
      `summary.weekly:${org.tenant.id}.${owner && (await userId(org.email))}:2026-W14`,
    )
    expect(owner?.subject).toContain('Ihre Woche bei')
    expect(owner?.text).toContain('Mentorinnen und Mentoren, die auf die Prüfung warten: 1')
    expect(owner?.text).toContain(`http://localhost:8787/orgs/${org.slug}`)
    expect(coordinator?.subject).toMatch(/[\u0600-\u06FF]/)
    expect(coordinator?.html).toContain('dir="rtl"')
    // Optional email: RFC 8058 headers and a visible link to the page.
    expect(owner?.headers?.['List-Unsubscribe']).toMatch(
      /^<http:\/\/localhost:8787\/api\/v1\/unsubscribe\?token=[\w-]+\.[\w-]+>$/,
    )
    expect(owner?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    expect(owner?.text).toMatch(/http:\/\/localhost:8787\/unsubscribe\?token=/)
    // The next Monday is a new week: one more each.
    await summaryAt('2026-04-06T06:00:00Z')
    expect(await summariesTo(org.email)).toHaveLength(2)
  })

  it('is due Monday 08:00 in New York before and after the switch to daylight saving time', async () => {
    const org = await summaryOrg('America/New_York')
    await summaryAt('2026-03-02T12:59:00Z') // 07:59 EST
    expect(await summariesTo(org.email)).toHaveLength(0)
    await summaryAt('2026-03-02T13:00:00Z') // 08:00 EST
    expect(await summariesTo(org.email)).toHaveLength(1)
    await summaryAt('2026-03-09T11:59:00Z') // 07:59 EDT, the first Monday of daylight saving time
    expect(await summariesTo(org.email)).toHaveLength(1)
    await summaryAt('2026-03-09T12:00:00Z') // 08:00 EDT
    const rows = await summariesTo(org.email)
    expect(rows.map((r) => r.dedupKey?.split(':')[2]).sort()).toEqual(['2026-W10', '2026-W11'])
    // Tuesday, and a Monday morning elsewhere that is still Sunday night in New York: nothing.
    await summaryAt('2026-03-10T13:00:00Z')
    await summaryAt('2026-03-16T06:00:00Z')
    expect(await summariesTo(org.email)).toHaveLength(2)
  })

  it('skips people who turned it off, and organizations with nothing waiting; essential email stays on', async () => {
    const org = await summaryOrg('Europe/Berlin')
    const preferences = org.coordinator.client.org.my['email-preferences']
    const off = await preferences.$put({
      param: { org: org.slug },
      json: { kind: 'summary.weekly', enabled: false },
    })
    expect(off.status).toBe(200)
    expect(await off.json()).toMatchObject({
      items: expect.arrayContaining([
        { kind: 'summary.weekly', essential: false, enabled: false },
        { kind: 'auth.sign-in', essential: true, enabled: true },
      ]),
    })
    const essential = await preferences.$put({
      param: { org: org.slug },
      json: { kind: 'auth.sign-in', enabled: false },
    })
    expect(essential.status).toBe(400)
    expect(await problemOf(essential)).toMatchObject({ code: 'email-essential' })
    await summaryAt('2026-05-04T06:00:00Z')
    expect(await summariesTo(org.email)).toHaveLength(1)
    expect(await summariesTo(org.coordinator.email)).toHaveLength(0)

    const quiet = await orgWithOwner('quiet')
    await summaryAt('2026-05-04T06:05:00Z')
    expect(await summariesTo(quiet.email)).toHaveLength(0)
  })

  it('runs from the cron through the scheduler', async () => {
    const org = await summaryOrg('Europe/Berlin')
    const ctx = createExecutionContext()
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.parse('2026-06-01T06:00:00Z') }),
      env,
      ctx,
    )
    await waitOnExecutionContext(ctx)
    expect(await summariesTo(org.email)).toHaveLength(1)
  })
})

async function userId(email: string) {
  return (await db.select({ id: users.id }).from(users).where(eq(users.email, email)).get())?.id
}

/** A mentor whose clear check expires in `days`, with an email address. */
async function expiringMentor(org: Awaited<ReturnType<typeof summaryOrg>>, days: number) {
  const id = newId()
  const email = `${unique('renew')}@example.org`
  await db.batch([
    db.insert(participants).values({
      id,
      tenantId: org.tenant.id,
      programId: org.programId,
      role: 'mentor',
      displayName: 'Renewing Mentor',
      email,
      preferredLocale: 'uk',
      languages: [{ code: 'uk', level: 'native' }],
      interests: [],
      status: 'ready',
    }),
    db.insert(screenings).values({
      participantId: id,
      tenantId: org.tenant.id,
      checkStatus: 'clear',
      checkExpiresOn: new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10),
      updatedAt: new Date(),
    }),
  ])
  return { id, email }
}

const renewalsTo = (address: string) =>
  db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, address), eq(outbox.kind, 'screening.renewal')))

async function cron(at = Date.now()) {
  const ctx = createExecutionContext()
  await worker.scheduled(createScheduledController({ scheduledTime: at }), env, ctx)
  await waitOnExecutionContext(ctx)
}

const post = (url: string, init: RequestInit = {}) =>
  exports.default.fetch(new Request(url, { method: 'POST', ...init }))
const preferenceRows = () => db.select().from(emailPreferences)

describe('renewal reminders on the scheduler, and one-click unsubscribe', () => {
  it('writes one keyed reminder with unsubscribe headers; the one-click POST turns later ones off', async () => {
    const org = await summaryOrg('Europe/Berlin')
    const mentor = await expiringMentor(org, 10)
    await cron()
    await cron()
    const [reminder, ...more] = await renewalsTo(mentor.email)
    expect(more).toHaveLength(0)
    expect(reminder?.dedupKey).toMatch(new RegExp(`^screening\\.renewal:${mentor.id}:\\d{4}-\\d{2}-\\d{2}$`))
    expect(reminder?.subject).toMatch(/[\u0400-\u04FF]/) // Ukrainian
    const header = reminder?.headers?.['List-Unsubscribe'] ?? ''
    const url = header.slice(1, -1).replace('http://localhost:8787', ORIGIN)
    const token = new URL(url).searchParams.get('token') ?? ''

    // Opening the link (a mail scanner, or the page) changes nothing.
    const before = JSON.stringify(await preferenceRows())
    const look = await exports.default.fetch(`${ORIGIN}/api/v1/unsubscribe?token=${token}`)
    expect(look.status).toBe(200)
    expect(await look.json()).toEqual({
      organization: `Org ${org.slug}`,
      kind: 'screening.renewal',
      subscribed: true,
    })
    expect(JSON.stringify(await preferenceRows())).toBe(before)

    // The mail client's one-click POST: a form body, no session, no JSON.
    const oneClick = await post(url, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(oneClick.status).toBe(200)
    expect(await oneClick.json()).toMatchObject({ kind: 'screening.renewal', subscribed: false })
    const pref = await db
      .select()
      .from(emailPreferences)
      .where(eq(emailPreferences.recipientId, mentor.id))
      .get()
    expect(pref).toMatchObject({
      tenantId: org.tenant.id,
      recipientType: 'participant',
      kind: 'screening.renewal',
      enabled: false,
    })
    // Twice is harmless.
    expect(
      (
        await post(url, {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        })
      ).status,
    ).toBe(200)

    // A new expiry date would be a new reminder, but the mentor turned them off.
    await db
      .update(screenings)
      .set({ checkExpiresOn: new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10) })
      .where(eq(screenings.participantId, mentor.id))
    await cron()
    expect(await renewalsTo(mentor.email)).toHaveLength(1)
  })

  it('the page’s POST takes the token as JSON; forged, foreign and essential tokens change nothing', async () => {
    const a = await summaryOrg('Europe/Berlin')
    const b = await summaryOrg('Europe/Berlin')
    const aCoordinator = a.coordinator.userId
    const claim = {
      tenantId: a.tenant.id,
      recipientType: 'member' as const,
      recipientId: aCoordinator,
      kind: 'summary.weekly' as const,
    }
    const good = signUnsubscribe(DEV_EMAIL_LINK_SECRET, claim)
    const [body = '', signature = ''] = good.split('.')
    const forged = [
      `${body}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`,
      signUnsubscribe('another secret of at least thirty-two characters', claim),
      // B's tenant with A's coordinator: signed correctly, but nobody of B.
      signUnsubscribe(DEV_EMAIL_LINK_SECRET, { ...claim, tenantId: b.tenant.id }),
      // A's claim re-encoded for B's tenant under A's signature.
      `${btoa(JSON.stringify({ v: 1, t: b.tenant.id, r: 'member', i: aCoordinator, k: 'summary.weekly' }))
        .replace(/=+$/, '')
        .replaceAll('+', '-')
        .replaceAll('/', '_')}.${signature}`,
      // Essential email has no unsubscribe, even with a valid signature.
      signUnsubscribe(DEV_EMAIL_LINK_SECRET, { ...claim, kind: 'auth.sign-in' as never }),
      'not-a-token',
    ]
    const before = JSON.stringify(await preferenceRows())
    const anonymous = new Client()
    for (const token of forged) {
      const viaQuery = await post(`${ORIGIN}/api/v1/unsubscribe?token=${encodeURIComponent(token)}`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      })
      expect(viaQuery.status, token).toBe(400)
      expect(await viaQuery.json()).toMatchObject({ code: 'unsubscribe-link-invalid' })
      // Raw: the route types no JSON body (the page's token is read by hand).
      const viaBody = await anonymous.post('/api/v1/unsubscribe', { token })
      expect(viaBody.status, token).toBe(400)
      const text = await (await anonymous.api.v1.unsubscribe.$get({ query: { token } })).text()
      expect(text).not.toContain(a.tenant.name)
    }
    expect((await anonymous.post('/api/v1/unsubscribe', {})).status).toBe(400)
    expect(JSON.stringify(await preferenceRows())).toBe(before)

    // The real token, from the page (JSON body, no session): A's coordinator is unsubscribed, in A only.
    // Raw: the route types no JSON body.
    const ok = await anonymous.post('/api/v1/unsubscribe', { token: good })
    expect(ok.status).toBe(200)
    const rows = await db.select().from(memberships).where(eq(memberships.userId, aCoordinator))
    expect(rows).toHaveLength(1)
    const prefs = await db
      .select()
      .from(emailPreferences)
      .where(eq(emailPreferences.recipientId, aCoordinator))
    expect(prefs).toMatchObject([{ tenantId: a.tenant.id, kind: 'summary.weekly', enabled: false }])
    const mine = await a.coordinator.client.org.my['email-preferences'].$get({ param: { org: a.slug } })
    expect(await mine.json()).toMatchObject({
      items: expect.arrayContaining([{ kind: 'summary.weekly', essential: false, enabled: false }]),
    })
  })
})

type PreviewQuery = Parameters<Client['org']['email-templates'][':name']['preview']['$get']>[0]['query']

describe('email template previews', () => {
  it('render every template in every language for admins only', async () => {
    const org = await orgWithOwner('preview')
    const preview = (client: Client, name: string, query: PreviewQuery = {}) =>
      client.org['email-templates'][':name'].preview.$get({ param: { org: org.slug, name }, query })
    const ar = await preview(org.owner, 'weekly-summary', { locale: 'ar' })
    expect(ar.status).toBe(200)
    const mail = await ar.json()
    expect(mail.locale).toBe('ar')
    expect(mail.html).toContain('dir="rtl"')
    expect(mail.subject).toContain(`Org ${org.slug}`)
    for (const name of ['sign-in', 'invitation', 'check-renewal', 'introduction', 'safeguarding-alert']) {
      for (const locale of ['en', 'de', 'es', 'fa', 'uk'] as const) {
        const res = await preview(org.owner, name, { locale })
        expect(res.status, `${name} ${locale}`).toBe(200)
      }
    }
    expect((await preview(org.owner, 'no-such-email')).status).toBe(404)
    // Raw: a language the types do not allow.
    expect(
      (await org.owner.get(`/api/v1/orgs/${org.slug}/email-templates/sign-in/preview?locale=xx`)).status,
    ).toBe(400)
    const coordinator = await memberWithRole(org, 'coordinator')
    expect((await preview(coordinator.client, 'sign-in')).status).toBe(403)
    // Previews write no email.
    expect(await db.select().from(outbox).where(like(outbox.text, '%token=preview%'))).toHaveLength(0)
  })
})
