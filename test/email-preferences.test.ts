import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { checkPage } from './support/axe'
import { launchBrowser } from './support/browser'
import { linkTo, listMailbox, waitForMail } from './support/mailbox'
import { DEMO, demoProgramId, pageApi, runId, signIn } from './support/session'

const baseUrl = inject('baseUrl')

/**
 * The last Monday 08:30 in Berlin (the demo organization's time zone), when its weekly summary was due. In the
 * past on purpose: the cron's housekeeping runs at the same instant, and a future one would expire the sessions
 * the other browser tests use.
 */
function lastMondayMorning(): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  let t = Math.floor(Date.now() / 1_800_000) * 1_800_000
  for (;;) {
    const p = Object.fromEntries(parts.formatToParts(new Date(t)).map((x) => [x.type, x.value]))
    if (p.weekday === 'Mon' && p.hour === '08' && p.minute === '30') return t
    t -= 1_800_000
  }
}

interface Preference {
  kind: string
  essential: boolean
  enabled: boolean
}

describe('weekly summary, unsubscribe and email preferences (Chromium)', () => {
  let browser: Browser
  let ownerContext: BrowserContext
  let phoneContext: BrowserContext
  let owner: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    ownerContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    owner = await ownerContext.newPage()
    owner.on('pageerror', (e) => pageErrors.push(e.message))
    await signIn(owner, baseUrl, DEMO.ownerEmail)
  })
  afterAll(async () => {
    await phoneContext?.close()
    await ownerContext?.close()
    await browser?.close()
  })

  const prefsApi = `/api/v1/orgs/${DEMO.slug}/my/email-preferences`

  it('the summary’s unsubscribe link opens a page in Arabic on a 360 px phone that changes nothing until pressed', {
    timeout: 120_000,
  }, async () => {
    // Something waiting for the summary to report: a mentor who just applied.
    const programId = await demoProgramId(owner)
    const mentor = await pageApi(
      owner,
      'POST',
      `/api/v1/orgs/${DEMO.slug}/programs/${programId}/participants`,
      {
        role: 'mentor',
        displayName: `Waiting Mentor ${runId()}`,
        preferredLocale: 'de',
        languages: [{ code: 'de', level: 'native' }],
      },
    )
    expect(mentor.status).toBe(201)
    // The summary starts switched on.
    await pageApi(owner, 'PUT', prefsApi, { kind: 'summary.weekly', enabled: true })

    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    const tick = await fetch(
      `${baseUrl}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${lastMondayMorning()}`,
    )
    expect(tick.status).toBe(200)
    const summary = await waitForMail(baseUrl, DEMO.ownerEmail, {
      seen,
      match: (m) => m.text.includes('/unsubscribe?token='),
    })
    const link = linkTo(summary, '/unsubscribe')

    phoneContext = await browser.newContext({ locale: 'ar', viewport: { width: 360, height: 740 } })
    const phone = await phoneContext.newPage()
    phone.on('pageerror', (e) => pageErrors.push(e.message))
    await phone.goto(link)
    await phone.getByTestId('unsubscribe-confirm').waitFor()
    expect(await phone.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(await phone.getByRole('heading', { level: 1 }).textContent()).toBe('إلغاء الاشتراك في الرسائل')
    expect(await phone.getByTestId('unsubscribe-kind').textContent()).toContain('خلاصة أسبوعية')
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    const violations = await checkPage(phone, 'email-preferences', 'unsubscribe-ar-360')

    // Opening the page changed nothing.
    const before = await pageApi<{ items: Preference[] }>(owner, 'GET', prefsApi)
    expect(before.body.items.find((p) => p.kind === 'summary.weekly')?.enabled).toBe(true)

    await phone.getByTestId('unsubscribe-confirm').click()
    await expect.poll(() => phone.getByTestId('unsubscribe-done').textContent()).toContain('تم.')
    violations.push(...(await checkPage(phone, 'email-preferences', 'unsubscribe-ar-360-done')))
    const after = await pageApi<{ items: Preference[] }>(owner, 'GET', prefsApi)
    expect(after.body.items.find((p) => p.kind === 'summary.weekly')?.enabled).toBe(false)
    expect(violations).toEqual([])
    expect(pageErrors).toEqual([])
  })

  it('the preferences page turns the summary back on and shows essential email as always sent', {
    timeout: 60_000,
  }, async () => {
    await owner.goto(`${baseUrl}/orgs/${DEMO.slug}`)
    await owner.getByTestId('email-preferences-link').click()
    const box = owner.getByTestId('email-pref-summary.weekly')
    await box.waitFor()
    expect(await box.isChecked()).toBe(false)
    expect(await owner.getByTestId('email-essential').textContent()).toContain('Sign-in links and codes')
    await box.check()
    await expect.poll(() => owner.getByTestId('email-preferences-notice').textContent()).toBe('Saved.')
    const now = await pageApi<{ items: Preference[] }>(owner, 'GET', prefsApi)
    expect(now.body.items.find((p) => p.kind === 'summary.weekly')?.enabled).toBe(true)
    expect(await checkPage(owner, 'email-preferences', 'preferences-en')).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
