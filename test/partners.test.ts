import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { checkPage } from './support/axe'
import { launchBrowser } from './support/browser'
import { linkTo, listMailbox, waitForMail } from './support/mailbox'
import { DEMO, runId, signIn } from './support/session'

const baseUrl = inject('baseUrl')

describe('partners and their digests (Chromium)', () => {
  let browser: Browser
  let desk: BrowserContext
  let phoneContext: BrowserContext
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    desk = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    page = await desk.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await signIn(page, baseUrl, DEMO.ownerEmail)
  })
  afterAll(async () => {
    await phoneContext?.close()
    await desk?.close()
    await browser?.close()
  })

  it('the coordinator adds a partner, sends a preview, and opens its view-online page on an Arabic phone', {
    timeout: 120_000,
  }, async () => {
    const name = `City Library ${runId()}`
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}`)
    await page.getByTestId('partners-link').click()
    await page.getByTestId('partner-new').locator('summary').click()
    await page.getByTestId('partner-new-form-name').fill(name)
    await page.getByTestId('partner-new-form-kind').selectOption('library')
    await page.getByTestId('partner-new-form-locale').selectOption('ar')
    await page.getByTestId('partner-new-form-cadence').selectOption('monthly')
    await page.getByTestId('partner-new-form-contact-0-name').fill('Ruth Weber')
    await page.getByTestId('partner-new-form-contact-0-email').fill(`ruth-${runId()}@library.example`)
    await page.getByTestId('partner-new-form-submit').click()
    const card = page.getByTestId('partner-card').filter({ hasText: name })
    await card.waitFor()
    const violations = await checkPage(page, 'partners', 'partners-en')

    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    await card.getByTestId('partner-preview').click()
    await expect.poll(() => page.getByTestId('partners-notice').textContent()).toContain(DEMO.ownerEmail)
    const mail = await waitForMail(baseUrl, DEMO.ownerEmail, { seen, match: (m) => m.text.includes(name) })
    expect(mail.html).toContain('dir="rtl"')
    const link = linkTo(mail, '/digest')

    phoneContext = await browser.newContext({ locale: 'ar', viewport: { width: 360, height: 740 } })
    const phone = await phoneContext.newPage()
    phone.on('pageerror', (e) => pageErrors.push(e.message))
    await phone.goto(link)
    await phone.getByTestId('digest-table').waitFor()
    expect(await phone.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(await phone.getByRole('heading', { level: 1 }).textContent()).toBe(name)
    expect(await phone.getByTestId('digest-table').locator('th[scope="row"]').count()).toBeGreaterThanOrEqual(
      5,
    )
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    violations.push(...(await checkPage(phone, 'partners', 'digest-ar-360')))
    expect(violations).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
