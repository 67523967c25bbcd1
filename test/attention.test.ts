import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { checkPage } from './support/axe'
import { launchBrowser } from './support/browser'
import { listMailbox, waitForMail } from './support/mailbox'
import { DEMO, demoProgramId, pageApi, runId, signIn } from './support/session'
import { newTandem } from './support/tandem'

const baseUrl = inject('baseUrl')

/** Days from today in Berlin (the demo organization's time zone, which the attention list counts in). */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date())
const day = (offset: number) =>
  new Date(Date.parse(`${today}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10)

/**
 * The latest past half hour of the 09:00 hour in Berlin (the demo organization's time zone), when the scheduler
 * writes nudges. In the past on purpose: the cron's housekeeping runs at the same instant, and a future one would
 * expire the sessions the other browser tests use.
 */
function lastMorningTick(): number {
  const hour = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    hourCycle: 'h23',
  })
  let time = Math.floor(Date.now() / 1_800_000) * 1_800_000
  while (hour.format(new Date(time)) !== '09') time -= 1_800_000
  return time
}

describe('the coordinator’s attention list (Chromium)', () => {
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

  /** The demo owner on a 360-px phone in `locale`. */
  async function phone(locale: string): Promise<Page> {
    const context = await browser.newContext({
      locale,
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await signIn(page, baseUrl, DEMO.ownerEmail)
    return page
  }

  it('shows a quiet tandem and a never-contacted newcomer, oldest first, and leads to the match', {
    timeout: 30_000,
  }, async () => {
    const coordinator = await phone('en-US')
    const programId = await demoProgramId(coordinator)
    const api = (rest: string) => `/api/v1/orgs/${DEMO.slug}/programs/${programId}${rest}`
    const run = runId()

    /** A tandem of the demo program that began `startedOn` (recorded now, through the API's own field). */
    async function tandem(mentee: string, mentor: string, startedOn: string) {
      const mentorEmail = `attention-${mentor.toLowerCase()}-${run}@example.org`
      const { matchId } = await newTandem(
        coordinator,
        programId,
        {
          mentee: {
            displayName: `${mentee} Att${run}`,
            preferredLocale: 'de',
            languages: [{ code: 'de', level: 'native' }],
          },
          mentor: {
            displayName: `${mentor} Att${run}`,
            email: mentorEmail,
            preferredLocale: 'en',
            languages: [{ code: 'de', level: 'native' }],
          },
        },
        { startedOn, reason: 'Browser test: a tandem that began before it was recorded.' },
      )
      return { matchId, mentorEmail }
    }

    // Began 40 days ago, met 25 days ago: quiet past the 14-day cadence plus a week. Began 20 days ago, never met.
    const quiet = await tandem('Leyla', 'Tobias', day(-40))
    const met = await pageApi(coordinator, 'POST', api(`/matches/${quiet.matchId}/meetings`), {
      date: day(-25),
    })
    expect(met.status, JSON.stringify(met.body)).toBe(201)
    const never = await tandem('Omid', 'Greta', day(-20))

    // The morning's scheduler tick nudges the quiet tandem's mentor, with a link to the portal.
    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    const ticked = await fetch(
      `${baseUrl}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${lastMorningTick()}`,
    )
    expect(ticked.status).toBe(200)
    const nudge = await waitForMail(baseUrl, quiet.mentorEmail, {
      seen,
      match: (m) => m.subject === 'Time to meet Leyla again?',
    })
    expect(nudge.links.map((l) => new URL(l).pathname)).toContain(`/orgs/${DEMO.slug}/my`)

    await coordinator.goto(`${baseUrl}/orgs/${DEMO.slug}`)
    const list = coordinator.getByTestId('attention-list')
    const item = (matchId: string) => list.locator(`[data-testid="attention-item"][data-match="${matchId}"]`)
    await item(never.matchId).waitFor()
    expect(await item(quiet.matchId).getAttribute('data-kind')).toBe('fading')
    expect(await item(never.matchId).getAttribute('data-kind')).toBe('never-contacted')
    expect(await item(quiet.matchId).textContent()).toContain('Going quiet')
    expect(await item(quiet.matchId).textContent()).toContain('No meeting for 25 days')
    expect(await item(never.matchId).textContent()).toContain('Matched 20 days ago, no meeting yet')
    expect(await item(never.matchId).getByTestId('attention-link').textContent()).toBe('Omid with Greta')
    // Oldest first: the quiet spell began before the newcomer's tandem did.
    const order = await list
      .getByTestId('attention-item')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-match')))
    expect(order.indexOf(quiet.matchId)).toBeLessThan(order.indexOf(never.matchId))
    expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    const violations = await checkPage(coordinator, 'attention', 'org-home-attention-en-360')

    // The link leads to the match.
    await item(quiet.matchId).getByTestId('attention-link').click()
    await coordinator.waitForURL(`**/programs/${programId}/matches/${quiet.matchId}`)
    await coordinator.getByTestId('meetings').waitFor()

    // In Arabic: right to left, and nothing sticks out sideways.
    const arabic = await phone('ar')
    await arabic.goto(`${baseUrl}/orgs/${DEMO.slug}`)
    await arabic.locator(`[data-testid="attention-item"][data-match="${never.matchId}"]`).waitFor()
    expect(await arabic.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(await arabic.getByTestId('attention').getByRole('heading', { level: 2 }).textContent()).toBe(
      'ما يحتاج إلى اهتمامك',
    )
    expect(await arabic.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    violations.push(...(await checkPage(arabic, 'attention', 'org-home-attention-ar-360')))

    expect(violations).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
