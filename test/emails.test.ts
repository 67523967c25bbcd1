import { createHmac, randomBytes } from 'node:crypto'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type AxeViolation, checkPage } from './support/axe'
import { launchBrowser } from './support/browser'
import { waitForMail } from './support/mailbox'
import { DEMO, demoProgramId, pageApi, signIn } from './support/session'

const baseUrl = inject('baseUrl')
const run = Date.now().toString(36)

/** Posts a delivery event the way Resend does: Svix-signed with the run's webhook secret. */
async function resendEvent(type: string, emailId: string, extra: Record<string, unknown> = {}) {
  const secret = Buffer.from(inject('webhookSecret').slice('whsec_'.length), 'base64')
  const id = `msg_${randomBytes(8).toString('hex')}`
  const timestamp = String(Math.floor(Date.now() / 1000))
  const body = JSON.stringify({
    type,
    created_at: new Date().toISOString(),
    data: { email_id: emailId, ...extra },
  })
  const signature = createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64')
  const res = await fetch(`${baseUrl}/api/v1/webhooks/resend`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'svix-id': id,
      'svix-timestamp': timestamp,
      'svix-signature': `v1,${signature}`,
    },
    body,
  })
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`)
}

describe('the email log (Chromium)', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const pageErrors: string[] = []
  const violations: AxeViolation[] = []
  const bounced = `bounced-${run}@example.org`
  const spam = `spam-${run}@example.org`

  beforeAll(async () => {
    browser = await launchBrowser()
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await signIn(page, baseUrl, DEMO.ownerEmail)

    // Two invitations go out; the provider reports a hard bounce for one and a spam complaint for the other.
    for (const email of [bounced, spam]) {
      const invited = await pageApi(page, 'POST', `/api/v1/orgs/${DEMO.slug}/invitations`, {
        email,
        role: 'mentee',
      })
      expect(invited.status).toBe(201)
    }
    const bounceMail = await waitForMail(baseUrl, bounced)
    const spamMail = await waitForMail(baseUrl, spam)
    await resendEvent('email.bounced', bounceMail.id, {
      bounce: { type: 'Permanent', subType: 'General', message: 'Mailbox does not exist' },
    })
    await resendEvent('email.delivered', spamMail.id)
    await resendEvent('email.complained', spamMail.id)

    // The bounced address applies through the program's form: the confirmation is not essential, so it is held back.
    const programId = await demoProgramId(page)
    const applied = await pageApi(page, 'POST', `/api/v1/public/programs/${DEMO.slug}/${programId}/intake`, {
      role: 'mentee',
      locale: 'en',
      consent: { version: '2026-11', accepted: true },
      website: '',
      displayName: `Bounced Applicant ${run}`,
      email: bounced,
      languages: [{ code: 'de', level: 'native' }],
    })
    expect(applied.status, JSON.stringify(applied.body)).toBe(202)
    // The intake's kick dispatches it; the dispatch holds it back (a hook cannot use expect.poll).
    const deadline = Date.now() + 20_000
    for (;;) {
      const log = await pageApi<{ items: { kind: string; status: string }[] }>(
        page,
        'GET',
        `/api/v1/orgs/${DEMO.slug}/emails?q=${encodeURIComponent(bounced)}`,
      )
      if (log.body.items.find((i) => i.kind === 'intake.confirmation')?.status === 'failed') break
      if (Date.now() > deadline)
        throw new Error(`the confirmation was not held back: ${JSON.stringify(log.body)}`)
      await new Promise((r) => setTimeout(r, 250))
    }
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
  })

  it('shows the organization home’s failures and suppressed addresses, linking to the log', async () => {
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}`)
    const failures = page.getByTestId('email-failures')
    await failures.waitFor()
    expect(Number(await failures.getAttribute('data-count'))).toBeGreaterThanOrEqual(3)
    expect(
      Number(await page.getByTestId('email-suppressed').getAttribute('data-count')),
    ).toBeGreaterThanOrEqual(2)
    await page.getByTestId('emails-link').click()
    await page.getByTestId('emails-table').waitFor()
    expect(new URL(page.url()).pathname).toBe(`/orgs/${DEMO.slug}/emails`)
  })

  it('lists email with status and reason, filters by status and searches by address', async () => {
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}/emails`)
    await page.getByTestId('emails-table').waitFor()
    violations.push(...(await checkPage(page, 'emails', 'log-en')))

    await page.getByTestId('emails-status').selectOption('complained')
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('complained')
    const complainedRow = page.getByTestId('email-row').filter({ hasText: spam })
    await complainedRow.waitFor()
    expect(await complainedRow.getByTestId('email-status').textContent()).toBe('Marked as spam')
    expect(await complainedRow.textContent()).toContain('Invitation')

    await page.getByTestId('emails-status').selectOption('')
    await page.getByTestId('emails-search').fill(bounced)
    await page.getByTestId('emails-search-submit').click()
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(bounced)
    await expect.poll(() => page.getByTestId('email-row').count()).toBe(2)
    const invitation = page.getByTestId('email-row').filter({ hasText: 'Invitation' })
    expect(await invitation.getByTestId('email-status').textContent()).toBe('Bounced')
    expect(await invitation.getByTestId('email-reason').textContent()).toContain('Mailbox does not exist')
    const held = page.getByTestId('email-row').filter({ hasText: 'Application received' })
    expect(await held.getByTestId('email-status').textContent()).toBe('Failed')
    expect(await held.getByTestId('email-reason').textContent()).toBe(
      'Held back: the address is on the suppression list.',
    )
    // Only a failed email has "Retry".
    expect(await invitation.getByTestId('email-retry').count()).toBe(0)
    expect(pageErrors).toEqual([])
  })

  it('lifts a suppression, and the held-back email goes out when retried', async () => {
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}/emails?q=${encodeURIComponent(bounced)}`)
    const entry = page.getByTestId('suppression-row').filter({ hasText: bounced })
    await entry.waitFor()
    expect(await entry.textContent()).toContain('Bounced for good')
    await entry.getByTestId('suppression-lift').click()
    expect(await page.getByTestId('suppression-notice').textContent()).toBe(`${bounced} gets email again.`)
    await expect.poll(() => page.getByTestId('suppression-row').filter({ hasText: bounced }).count()).toBe(0)

    const held = page.getByTestId('email-row').filter({ hasText: 'Application received' })
    await held.getByTestId('email-retry').click()
    await page.getByTestId('emails-notice').waitFor()
    await expect.poll(() => held.getAttribute('data-status')).toBe('pending')
    await waitForMail(baseUrl, bounced, { match: (m) => !m.subject.toLowerCase().includes('invit') })
    expect(pageErrors).toEqual([])
  })

  it('reads right to left in Arabic and fits a 360 px phone', async () => {
    const phone = await browser.newContext({ locale: 'ar', viewport: { width: 360, height: 780 } })
    const small = await phone.newPage()
    small.on('pageerror', (e) => pageErrors.push(e.message))
    await signIn(small, baseUrl, DEMO.ownerEmail)
    await small.goto(`${baseUrl}/orgs/${DEMO.slug}/emails`)
    await small.getByTestId('locale-switcher').selectOption('ar')
    await small.getByTestId('emails-table').waitFor()
    expect(await small.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(await small.getByRole('heading', { level: 1 }).textContent()).toBe('سجل الرسائل الإلكترونية')
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    violations.push(...(await checkPage(small, 'emails', 'log-ar-phone')))
    await phone.close()
    expect(pageErrors).toEqual([])
    expect(violations).toEqual([])
  })
})
