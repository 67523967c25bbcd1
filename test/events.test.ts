import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './support/browser'
import { linkTo, listMailbox, waitForMail } from './support/mailbox'
import { createProgram, DEMO, pageApi, runId, signIn } from './support/session'

const baseUrl = inject('baseUrl')

/** `YYYY-MM-DDTHH:mm` a number of days from now at a fixed hour (what a datetime-local input takes). */
const at = (days: number, hour: number) =>
  `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`

describe('an event fills up, waitlists and seats the next person when someone cancels (Chromium)', () => {
  let browser: Browser
  let coordinatorContext: BrowserContext
  let guestContext: BrowserContext
  let phoneContext: BrowserContext
  let coordinator: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    coordinatorContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    coordinator = await coordinatorContext.newPage()
    coordinator.on('pageerror', (e) => pageErrors.push(e.message))
    await signIn(coordinator, baseUrl, DEMO.ownerEmail)
  })
  afterAll(async () => {
    await phoneContext?.close()
    await guestContext?.close()
    await coordinatorContext?.close()
    await browser?.close()
  })

  it('two seats: two replies take them, the third waits, a cancellation in the portal seats the third', {
    timeout: 45_000,
  }, async () => {
    const run = runId()
    const programId = await createProgram(coordinator, DEMO.slug, {
      name: `Events ${run}`,
      languages: ['ar', 'de'],
    })
    const enroll = async (name: string, locale: string) => {
      const email = `event-${name.toLowerCase()}-${run}@example.org`
      const res = await pageApi<{ id: string }>(
        coordinator,
        'POST',
        `/api/v1/orgs/${DEMO.slug}/programs/${programId}/participants`,
        {
          role: 'mentee',
          displayName: `${name} Guest`,
          email,
          preferredLocale: locale,
          languages: [{ code: locale, level: 'native' }],
        },
      )
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      return { id: res.body.id, email }
    }
    const amal = await enroll('Amal', 'ar')
    const bruno = await enroll('Bruno', 'en')
    const chen = await enroll('Chen', 'en')
    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    // Amal gets access to the portal now: her welcome email travels while the event is made.
    const access = await pageApi(
      coordinator,
      'POST',
      `/api/v1/orgs/${DEMO.slug}/programs/${programId}/participants/${amal.id}/portal-access`,
    )
    expect(access.status, JSON.stringify(access.body)).toBeLessThan(300)

    // 1. The coordinator creates a potluck with two seats, on the program's events page.
    await coordinator.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/events`)
    await coordinator.getByTestId('event-new').locator('summary').click()
    await coordinator.getByTestId('event-new-form-title').fill(`Potluck ${run}`)
    await coordinator.getByTestId('event-new-form-kind').selectOption('potluck')
    await coordinator.getByTestId('event-new-form-starts').fill(at(5, 18))
    await coordinator.getByTestId('event-new-form-ends').fill(at(5, 20))
    await coordinator.getByTestId('event-new-form-place').fill('Community hall')
    await coordinator.getByTestId('event-new-form-capacity').fill('2')
    await coordinator.getByTestId('event-new-form-support-child-care').check()
    await coordinator.getByTestId('event-new-form-submit').click()
    await coordinator.getByTestId('event-totals').waitFor()
    const eventId = new URL(coordinator.url()).pathname.split('/').at(-1) as string
    expect(await coordinator.getByTestId('event-seats-taken').textContent()).toBe('0 of 2 seats taken')

    // 2. Invitations by email, one per person.
    await coordinator.getByTestId('event-invite').click()
    await expect
      .poll(() => coordinator.getByTestId('event-notice').textContent(), { timeout: 10_000 })
      .toBe('3 invitations sent.')

    // 3. Bruno replies from his invitation link: a seat.
    guestContext = await browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 740 } })
    const guest = await guestContext.newPage()
    guest.on('pageerror', (e) => pageErrors.push(e.message))
    const reply = async (email: string) => {
      const mail = await waitForMail(baseUrl, email, { seen, match: (m) => m.subject.includes(run) })
      await guest.goto(linkTo(mail, '/event-invitation'))
      await guest.getByTestId('invitation-reply-form-going').check()
      await guest.getByTestId('invitation-reply-form-submit').click()
      await guest.getByTestId('invitation-reply').waitFor()
      return guest.getByTestId('invitation-reply').getAttribute('data-status')
    }
    expect(await reply(bruno.email)).toBe('going')

    // 4. Amal, on a phone in Arabic, signs in to her portal and takes the last seat there.
    const welcome = await waitForMail(baseUrl, amal.email, {
      seen,
      match: (m) => m.links.some((l) => new URL(l).pathname === '/invitations/accept'),
    })
    phoneContext = await browser.newContext({
      locale: 'ar',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    })
    const phone = await phoneContext.newPage()
    phone.on('pageerror', (e) => pageErrors.push(e.message))
    await phone.goto(linkTo(welcome, '/invitations/accept'))
    await phone.getByTestId('accept-invitation').click()
    await phone.waitForURL(`${baseUrl}/orgs/${DEMO.slug}/my`)
    const card = phone.getByTestId('my-event').filter({ hasText: `Potluck ${run}` })
    await card.getByTestId('my-event-open').locator('summary').click()
    await card.getByTestId(`my-event-${eventId}-going`).check()
    await card.getByTestId(`my-event-${eventId}-support-child-care`).check()
    await card.getByTestId(`my-event-${eventId}-submit`).click()
    await expect
      .poll(() => card.getByTestId('my-event-reply').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('going')
    expect(await phone.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(await phone.getByTestId('my-events').textContent()).not.toMatch(/\b(event|reply|portal)\./)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

    // 5. Chen replies: the event is full, so he waits, first in line.
    expect(await reply(chen.email)).toBe('waitlisted')
    expect(await guest.getByTestId('invitation-reply').textContent()).toContain('place 1')

    // 6. Amal cancels in the portal: Chen gets her seat, and an email says so.
    await card.getByTestId('my-event-open').locator('summary').click()
    await card.getByTestId(`my-event-${eventId}-declined`).check()
    await card.getByTestId(`my-event-${eventId}-submit`).click()
    await expect
      .poll(() => card.getByTestId('my-event-reply').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('declined')
    const seat = await waitForMail(baseUrl, chen.email, {
      seen,
      match: (m) => m.subject.includes(run) && m.text.includes('guest list'),
    })
    expect(seat.subject).toContain('A seat for you')

    // 7. The coordinator's page: two seats taken, nobody waiting, the guest list in order.
    await coordinator.reload()
    await coordinator.getByTestId('event-totals').waitFor()
    expect(await coordinator.getByTestId('event-seats-taken').textContent()).toBe('2 of 2 seats taken')
    // The guest list loads on its own, after the totals: wait for its three rows before reading them.
    await expect.poll(() => coordinator.getByTestId('guest').count(), { timeout: 10_000 }).toBe(3)
    const statuses = await coordinator
      .getByTestId('guest')
      .evaluateAll((rows) =>
        rows.map((r) => `${r.textContent?.split(' Guest')[0]}:${r.getAttribute('data-status')}`),
      )
    expect(statuses).toEqual(['Bruno:going', 'Chen:going', 'Amal:declined'])
    expect(pageErrors).toEqual([])
  })
})
