import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './support/browser'
import { linkTo, listMailbox, waitForMail } from './support/mailbox'
import { DEMO, demoProgramId, pageApi, runId, signIn } from './support/session'
import { newTandem } from './support/tandem'

const baseUrl = inject('baseUrl')

describe('a safeguarding concern (Chromium)', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  it('a newcomer raises one in the portal on a 360 px phone in Arabic; only the coordinator reads it', {
    timeout: 45_000,
  }, async () => {
    const coordinatorContext = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
    })
    contexts.push(coordinatorContext)
    const coordinator = await coordinatorContext.newPage()
    coordinator.on('pageerror', (e) => pageErrors.push(e.message))
    await signIn(coordinator, baseUrl, DEMO.ownerEmail)
    const programId = await demoProgramId(coordinator)
    const run = runId()
    const menteeEmail = `concern-mentee-${run}@example.org`
    const { menteeId, matchId } = await newTandem(
      coordinator,
      programId,
      {
        mentee: {
          displayName: `Rana Con${run}`,
          email: menteeEmail,
          preferredLocale: 'ar',
          languages: [{ code: 'ar', level: 'native' }],
        },
        mentor: {
          displayName: `Paul Con${run}`,
          email: `concern-mentor-${run}@example.org`,
          preferredLocale: 'de',
          languages: [{ code: 'ar', level: 'C1' }],
        },
      },
      { reason: 'Browser test: a tandem for a concern.' },
    )

    // The newcomer gets portal access and accepts on a phone, in Arabic.
    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    const invited = await pageApi(
      coordinator,
      'POST',
      `/api/v1/orgs/${DEMO.slug}/programs/${programId}/participants/${menteeId}/portal-access`,
    )
    expect(invited.status, JSON.stringify(invited.body)).toBe(201)
    const invitation = await waitForMail(baseUrl, menteeEmail, {
      seen,
      match: (m) => m.links.some((l) => new URL(l).pathname === '/invitations/accept'),
    })
    const menteeContext = await browser.newContext({
      locale: 'ar',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    })
    contexts.push(menteeContext)
    const mentee = await menteeContext.newPage()
    mentee.on('pageerror', (e) => pageErrors.push(e.message))
    await mentee.goto(linkTo(invitation, '/invitations/accept'))
    await mentee.getByTestId('accept-invitation').click()
    await mentee.waitForURL(`${baseUrl}/orgs/${DEMO.slug}/my`)
    const card = mentee.locator(`[data-testid="my-match"][data-match="${matchId}"]`)
    await card.waitFor()
    await mentee.getByTestId('my-concerns-empty').waitFor()

    // Raises a high-severity concern, not to be named to the mentor (the default).
    const description = `يطلب مني المال باستمرار ${run}`
    await card.getByTestId('raise-concern').locator('summary').click()
    await card.getByTestId('concern-category').selectOption('exploitation')
    await card.getByTestId('concern-severity-high').check()
    await card.getByTestId('concern-description').fill(description)
    const named = card.locator(`[data-testid="my-concern-${matchId}-named"]`)
    expect(await named.isChecked()).toBe(false)
    await card.getByTestId('concern-submit').click()
    await card.getByTestId('concern-sent').waitFor()
    const row = mentee.locator('[data-testid="my-concern"][data-status="open"]')
    await row.waitFor()
    expect(await row.textContent()).toContain('مفتوح')
    expect(await mentee.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(await mentee.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    expect(await mentee.locator('main').textContent()).not.toMatch(/concern\./) // every key translated

    // The coordinator is alerted without details and reads it, with "do not name" shown first.
    const alert = await waitForMail(baseUrl, DEMO.ownerEmail, {
      seen,
      match: (m) => m.links.some((l) => new URL(l).pathname.includes('/concerns/')),
    })
    expect(`${alert.subject}\n${alert.text}`).not.toContain(description)
    expect(`${alert.subject}\n${alert.text}`).not.toContain('Rana')
    await coordinator.goto(alert.links.find((l) => new URL(l).pathname.includes('/concerns/')) ?? '')
    await coordinator.getByTestId('concern-description').waitFor()
    expect(await coordinator.getByTestId('concern-description').textContent()).toContain(description)
    await coordinator.getByTestId('concern-do-not-name').waitFor()
    await coordinator.getByTestId('concern-action-status').selectOption('in-progress')
    await coordinator.getByTestId('concern-action-note').fill('Called Rana; meeting her tomorrow.')
    await coordinator.getByTestId('concern-action-submit').click()
    await expect
      .poll(() => coordinator.getByTestId('concern-status').getAttribute('data-status'))
      .toBe('in-progress')

    // The newcomer sees the new status, never the note.
    await mentee.reload()
    await mentee.locator('[data-testid="my-concern"][data-status="in-progress"]').waitFor()
    expect(await mentee.locator('main').textContent()).not.toContain('Called Rana')
    expect(pageErrors).toEqual([])
  })
})
