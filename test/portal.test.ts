import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './support/browser'
import { linkTo, listMailbox, waitForMail } from './support/mailbox'
import { DEMO, demoProgramId, pageApi, signIn } from './support/session'

const baseUrl = inject('baseUrl')

interface Proposal {
  id: string
  mentee: { id: string; displayName: string }
  mentor: { id: string; displayName: string }
}

describe('participant portal (Chromium)', () => {
  let browser: Browser
  let coordinatorContext: BrowserContext
  let menteeContext: BrowserContext
  let coordinator: Page
  let programId: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    coordinatorContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    coordinator = await coordinatorContext.newPage()
    coordinator.on('pageerror', (e) => pageErrors.push(e.message))
    await signIn(coordinator, baseUrl, DEMO.ownerEmail)
    programId = await demoProgramId(coordinator)
  })
  afterAll(async () => {
    await menteeContext?.close()
    await coordinatorContext?.close()
    await browser?.close()
  })

  const api = (rest: string) => `/api/v1/orgs/${DEMO.slug}/programs/${programId}${rest}`

  /** A fresh match in the demo program: a match run, and its first proposal accepted. */
  async function freshMatch(): Promise<{ matchId: string; proposal: Proposal }> {
    const started = await pageApi<{ id: string }>(coordinator, 'POST', api('/match-runs'), {
      mode: 'participation',
    })
    expect(started.status).toBe(202)
    await expect
      .poll(
        async () =>
          (await pageApi<{ status: string }>(coordinator, 'GET', api(`/match-runs/${started.body.id}`))).body
            .status,
        { timeout: 90_000, interval: 500 },
      )
      .toBe('done')
    const proposals = await pageApi<{ items: Proposal[] }>(
      coordinator,
      'GET',
      api(`/match-runs/${started.body.id}/proposals`),
    )
    const proposal = proposals.body.items[0]
    if (!proposal) throw new Error('the demo run proposed nobody')
    const decided = await pageApi<{ accepted: { matchId: string }[] }>(
      coordinator,
      'POST',
      api(`/match-runs/${started.body.id}/proposals/decisions`),
      { accept: [proposal.id] },
    )
    expect(decided.status).toBe(200)
    return { matchId: decided.body.accepted[0]?.matchId ?? '', proposal }
  }

  it('a newcomer joins the portal, asks in Arabic on a small phone to end the tandem, and the coordinator confirms', {
    timeout: 180_000,
  }, async () => {
    const { matchId, proposal } = await freshMatch()
    const menteeEmail = (
      await pageApi<{ email: string | null }>(coordinator, 'GET', api(`/participants/${proposal.mentee.id}`))
    ).body.email
    if (!menteeEmail) throw new Error('the demo mentee has no email address')

    // 1. The coordinator invites the newcomer to the portal from their page.
    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    await coordinator.goto(
      `${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/participants/${proposal.mentee.id}`,
    )
    await coordinator.getByTestId('portal-invite').click()
    await expect
      .poll(() => coordinator.getByTestId('participant-notice').textContent())
      .toContain(menteeEmail)
    // The page now shows the open invitation and offers to send it again.
    await expect.poll(() => coordinator.getByTestId('portal-state').textContent()).toContain(menteeEmail)
    expect(await coordinator.getByTestId('portal-invite').textContent()).toBe('Send the invitation again')
    // The invitation, not the introduction email from the match (delivered through the queue meanwhile).
    const invitation = await waitForMail(baseUrl, menteeEmail, {
      seen,
      match: (m) => m.links.some((l) => new URL(l).pathname === '/invitations/accept'),
    })

    // 2. The newcomer accepts on a 360 px phone in Arabic and lands in their portal, right to left.
    menteeContext = await browser.newContext({
      locale: 'ar',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    })
    const mentee = await menteeContext.newPage()
    mentee.on('pageerror', (e) => pageErrors.push(e.message))
    await mentee.goto(linkTo(invitation, '/invitations/accept'))
    // Named by their name (prefilled from their record), never by their email address.
    await mentee.getByTestId('accept-name').waitFor()
    expect(await mentee.getByTestId('accept-name').inputValue()).toBe(proposal.mentee.displayName)
    await mentee.getByTestId('accept-invitation').click()
    await mentee.waitForURL(`${baseUrl}/orgs/${DEMO.slug}/my`)
    await expect.poll(() => mentee.evaluate(() => document.documentElement.dir)).toBe('rtl')
    const card = mentee.locator(`[data-testid="my-match"][data-match="${matchId}"]`)
    await card.waitFor()
    const cardText = (await card.textContent()) ?? ''
    const mentorFirstName = proposal.mentor.displayName.split(' ')[0] ?? ''
    // The Latin name is isolated inside the Arabic sentence (U+2068 … U+2069), as <bdi> would.
    expect(cardText).toContain(`مرشدك: \u2068${mentorFirstName}\u2069`)
    // Only the first name of the partner, as in the introduction email.
    const mentorSurname = proposal.mentor.displayName.split(' ').slice(1).join(' ')
    if (mentorSurname) expect(cardText).not.toContain(mentorSurname)
    expect(cardText).not.toMatch(/portal\./) // every key translated
    // Nothing wider than the phone.
    expect(await mentee.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

    // The home's "next up" names the tandem by first name; the calendar link is made on the phone and works.
    const nextUp = mentee.getByTestId('next-up')
    await nextUp.locator(`[data-testid="next-up-tandem"][data-match="${matchId}"]`).waitFor()
    expect(await nextUp.textContent()).not.toMatch(/nextUp\./)
    if (mentorSurname) expect(await nextUp.textContent()).not.toContain(mentorSurname)
    await mentee.getByTestId('calendar-make').click()
    const subscribe = mentee.getByTestId('calendar-subscribe')
    await subscribe.waitFor()
    expect(await subscribe.getAttribute('href')).toMatch(
      /^webcal:\/\/.+\/api\/v1\/calendars\/[a-z2-7]{24}\.[a-z2-9]{24}\.ics$/,
    )
    const feed = await mentee.request.get(await mentee.getByTestId('calendar-url').inputValue())
    expect(feed.status()).toBe(200)
    expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(await mentee.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

    // 3. Asks to end (reason required), takes it back, asks again.
    await card.getByTestId('end-request').locator('summary').click()
    await card.getByTestId('end-request-submit').click()
    expect(
      await card.getByTestId('end-request-reason').evaluate((el) => (el as HTMLSelectElement).validity.valid),
    ).toBe(false)
    await card.getByTestId('end-request-reason').selectOption('no_contact')
    await card.getByTestId('end-request-submit').click()
    await card.getByTestId('my-end-request').waitFor()
    expect(await mentee.getByTestId('portal-notice').textContent()).toContain('تم الإرسال')
    await card.getByTestId('withdraw-end-request').click()
    await card.getByTestId('end-request').waitFor()
    await card.getByTestId('end-request').locator('summary').click()
    await card.getByTestId('end-request-reason').selectOption('safeguarding')
    await card.getByTestId('end-request-note').fill('لا أشعر بالراحة في اللقاءات.')
    await card.getByTestId('end-request-submit').click()
    await card.getByTestId('my-end-request').waitFor()
    expect(await card.getByTestId('my-end-request').textContent()).toContain('لا أشعر بالأمان')
    // Their own note is shown back to them.
    expect(await card.getByTestId('my-end-request-note').textContent()).toContain(
      'لا أشعر بالراحة في اللقاءات.',
    )

    // 4. The coordinator sees it on the organization's home, on the board and on the match page, where the end
    //    form is prefilled.
    await coordinator.goto(`${baseUrl}/orgs/${DEMO.slug}`)
    const waiting = coordinator.locator(`[data-testid="open-end-request"][data-match="${matchId}"]`)
    await waiting.waitFor()
    expect(await waiting.textContent()).toContain('Safeguarding concern')
    await coordinator.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/matching`)
    const row = coordinator.locator(`[data-testid="match-row"][data-match="${matchId}"]`)
    await row.getByTestId('match-end-requested').waitFor()
    await row.getByTestId('match-link').click()
    await coordinator.waitForURL(/\/matches\/[a-z2-7]{24}$/)
    const request = coordinator.locator('[data-testid="end-request-item"][data-side="mentee"]')
    await request.waitFor()
    expect(await request.textContent()).toContain('Safeguarding concern')
    expect(await request.textContent()).toContain('لا أشعر بالراحة في اللقاءات.')
    expect(await coordinator.getByTestId('end-reason').inputValue()).toBe('safeguarding')
    expect(await coordinator.getByTestId('end-requested-by').inputValue()).toBe('mentee')
    await coordinator.getByTestId('end-submit').click()
    await coordinator.getByTestId('end-confirm-submit').click()
    await expect.poll(() => coordinator.getByTestId('match-status').getAttribute('data-status')).toBe('ended')

    // The newcomer's page says they have access now.
    await coordinator.goto(
      `${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/participants/${proposal.mentee.id}`,
    )
    await coordinator.getByTestId('portal-linked').waitFor()

    // 5. The newcomer's portal shows the tandem as ended, with nothing left to ask.
    //    Their page was still open: taking the request back now finds the tandem ended, and says so in Arabic.
    await card.getByTestId('withdraw-end-request').click()
    await mentee.locator(`[data-testid="my-match"][data-match="${matchId}"][data-status="ended"]`).waitFor()
    expect(await mentee.getByTestId('portal-notice').textContent()).toContain('تغيّرت هذه الشراكة')
    await mentee.reload()
    await mentee.locator(`[data-testid="my-match"][data-match="${matchId}"][data-status="ended"]`).waitFor()
    expect(await card.getByTestId('end-request').count()).toBe(0)

    expect(pageErrors).toEqual([])
  })
})
