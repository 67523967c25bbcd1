import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { checkPage } from './support/axe'
import { launchBrowser } from './support/browser'
import { linkTo, listMailbox, waitForMail } from './support/mailbox'
import { DEMO, demoProgramId, pageApi, runId, signIn } from './support/session'
import { newTandem } from './support/tandem'

const baseUrl = inject('baseUrl')
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

describe('goals of a tandem (Chromium)', () => {
  let browser: Browser
  let coordinatorContext: BrowserContext
  let phoneContext: BrowserContext
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
    await phoneContext?.close()
    await coordinatorContext?.close()
    await browser?.close()
  })

  const api = (rest: string) => `/api/v1/orgs/${DEMO.slug}/programs/${programId}${rest}`

  /** A new tandem of the demo program (goal areas housing, school, … work): an Arabic-reading newcomer, matched by hand. */
  async function goalsTandem(run: string) {
    const menteeEmail = `goals-mentee-${run}@example.org`
    const { matchId, menteeId } = await newTandem(
      coordinator,
      programId,
      {
        mentee: {
          displayName: `Salma Goals${run}`,
          email: menteeEmail,
          preferredLocale: 'ar',
          languages: [{ code: 'ar', level: 'native' }],
        },
        mentor: {
          displayName: `Jonas Goals${run}`,
          email: `goals-mentor-${run}@example.org`,
          preferredLocale: 'de',
          languages: [{ code: 'de', level: 'native' }],
        },
      },
      { reason: 'Browser test: a tandem for goals.' },
    )
    return { matchId, menteeId, menteeEmail }
  }

  it('a coordinator adds a goal and moves it to a new area; the history shows both; the newcomer sees it in Arabic on a phone', {
    timeout: 30_000,
  }, async () => {
    const { matchId, menteeId, menteeEmail } = await goalsTandem(runId())

    // 1. On the match page: add a goal in "Housing".
    await coordinator.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/matches/${matchId}`)
    const panel = coordinator.getByTestId('goals')
    await panel.getByTestId('goals-empty').waitFor()
    await panel.getByTestId('goal-add').locator('summary').click()
    await panel.getByTestId('goal-area').selectOption('housing')
    await panel.getByTestId('goal-title').fill('Find a flat near the school')
    await panel.getByTestId('goal-target').fill(day(60))
    await panel.getByTestId('goal-submit').click()
    await expect.poll(() => panel.getByTestId('goals-notice').textContent()).toBe('The goal is saved.')
    const goal = panel.getByTestId('goal')
    expect(await goal.getByTestId('goal-area').textContent()).toBe('Housing')
    expect(await goal.getByTestId('goal-status').textContent()).toBe('Open')

    // 2. Record progress that moves it to "Work".
    await goal.getByTestId('goal-revisit-open').locator('summary').click()
    await goal.getByTestId('goal-revisit-note').fill('The flat is found; now the job search starts.')
    await goal.getByTestId('goal-revisit-status-in-progress').check()
    await goal.getByTestId('goal-revisit-area').selectOption('work')
    await goal.getByTestId('goal-revisit-submit').click()
    await expect.poll(() => panel.getByTestId('goals-notice').textContent()).toBe('Progress is saved.')
    await expect.poll(() => panel.getByTestId('goal').getAttribute('data-area')).toBe('work')

    // 3. The history keeps the old area and the new one.
    const moved = panel.getByTestId('goal')
    await moved.getByTestId('goal-history-open').locator('summary').click()
    const entry = moved.getByTestId('goal-revisit')
    await entry.waitFor()
    expect(await entry.getByTestId('goal-revisit-moved').textContent()).toBe('Moved from Housing to Work')
    expect(await entry.textContent()).toContain('The flat is found')
    await moved.getByTestId('goal-revisit-open').locator('summary').click()
    const violations = await checkPage(coordinator, 'goals', 'match-goals-en')

    // 4. The newcomer joins the portal on a 360 px phone in Arabic and sees the goal, right to left.
    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    const invited = await pageApi(coordinator, 'POST', api(`/participants/${menteeId}/portal-access`))
    expect(invited.status, JSON.stringify(invited.body)).toBe(201)
    const invitation = await waitForMail(baseUrl, menteeEmail, {
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
    await phone.goto(linkTo(invitation, '/invitations/accept'))
    await phone.getByTestId('accept-invitation').click()
    await phone.waitForURL(`${baseUrl}/orgs/${DEMO.slug}/my`)
    await expect.poll(() => phone.evaluate(() => document.documentElement.dir)).toBe('rtl')
    const card = phone.locator(`[data-testid="my-match"][data-match="${matchId}"]`)
    const mine = card.getByTestId('my-goals').getByTestId('goal')
    await mine.waitFor()
    expect(await mine.textContent()).toContain('Find a flat near the school')
    expect(await mine.getByTestId('goal-status').textContent()).toBe('قيد العمل')
    expect(await card.getByTestId('my-goals').textContent()).not.toMatch(/goals?\./)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await mine.getByTestId('goal-revisit-open').locator('summary').click()
    violations.push(...(await checkPage(phone, 'goals', 'portal-goals-ar-360')))
    expect(violations).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
