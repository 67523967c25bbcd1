import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './support/browser'
import { listMailbox, waitForMail } from './support/mailbox'
import { DEMO, demoProgramId, pageApi, signIn } from './support/session'

const baseUrl = inject('baseUrl')

interface Proposal {
  id: string
  status: string
  mentee: { id: string; displayName: string }
  mentor: { id: string; displayName: string }
  rejectReason: string | null
}

describe('match board (Chromium)', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let programId: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await signIn(page, baseUrl, DEMO.ownerEmail)
    programId = await demoProgramId(page)
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
  })

  const api = (rest: string) => `/api/v1/orgs/${DEMO.slug}/programs/${programId}${rest}`
  const emailOf = async (participant: string) =>
    (await pageApi<{ email: string | null }>(page, 'GET', api(`/participants/${participant}`))).body.email

  it('runs matching, explains proposals, accepts and rejects them, and ends a match', {
    timeout: 180_000,
  }, async () => {
    // 1. From the program page to the board; run matching and wait for the progress to finish.
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}`)
    await page.getByTestId('matching-link').click()
    await page.waitForURL(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/matching`)
    await page.getByTestId('run-form').waitFor()
    // An earlier run of the program (another test's) may be on the board already: wait for this one.
    const earlier =
      (await page.getByTestId('run').count()) > 0
        ? await page.getByTestId('run').getAttribute('data-run')
        : null
    const thisRun = earlier ? `[data-testid="run"]:not([data-run="${earlier}"])` : '[data-testid="run"]'
    await page.getByTestId('run-mode-participation').check()
    await page.getByTestId('run-start').click()
    await page.locator(thisRun).waitFor()
    await page.locator(`${thisRun}[data-status="done"]`).waitFor({ timeout: 90_000 })
    expect(await page.getByTestId('run-progress').getAttribute('value')).toBe('100')

    // 2. Statistics, with the comparison against a first-come approach.
    await page.getByTestId('run-stats').waitFor()
    const matched = Number(await page.getByTestId('stat-matched').textContent())
    const greedy = Number(await page.getByTestId('stat-greedy').textContent())
    expect(matched).toBeGreaterThan(0)
    expect(matched).toBeGreaterThanOrEqual(greedy)
    const vsGreedy = (await page.getByTestId('run-vs-greedy').textContent()) ?? ''
    expect(vsGreedy).toMatch(matched > greedy ? /more newcomers? matched than a first-come/ : /first-come/)

    // 3. Proposals with their explanation in words.
    const rows = page.getByTestId('proposal')
    await rows.first().waitFor()
    const count = await rows.count()
    expect(count).toBe(matched)
    expect(count).toBeGreaterThanOrEqual(2)
    const first = rows.nth(0)
    await first.getByTestId('proposal-why').locator('summary').click()
    const items = first.getByTestId('explanation-item')
    expect(await items.count()).toBe(6)
    const explanation = (await first.getByTestId('proposal-explanation').textContent()) ?? ''
    expect(explanation).toContain('Shared language')
    expect(explanation).toMatch(/Both speak \w+|No shared language/)
    expect(explanation).not.toContain('match.') // every key was translated
    expect(explanation).not.toMatch(/\{\w+\}/) // and every param filled in

    // 4. Reject one with a reason (the reason is required).
    const rejectedId = (await rows.nth(1).getAttribute('data-proposal')) ?? ''
    await rows.nth(1).getByTestId('proposal-reject').click()
    const rejectForm = page.getByTestId('reject-form')
    await rejectForm.getByTestId('reject-reason').fill('x')
    await rejectForm.getByTestId('reject-confirm').click()
    await page.getByTestId('reject-reason-error').waitFor()
    await rejectForm.getByTestId('reject-reason').fill('They live on opposite ends of the city.')
    await rejectForm.getByTestId('reject-confirm').click()
    await expect.poll(() => page.getByTestId('board-notice').textContent()).toContain('rejected')
    await page.locator(`[data-proposal="${rejectedId}"]`).waitFor({ state: 'detached' })
    const runId = (await page.getByTestId('run').getAttribute('data-run')) ?? ''
    const all = await pageApi<{ items: Proposal[] }>(page, 'GET', api(`/match-runs/${runId}/proposals`))
    const rejected = all.body.items.find((p) => p.id === rejectedId)
    expect(rejected).toMatchObject({
      status: 'rejected',
      rejectReason: 'They live on opposite ends of the city.',
    })

    // 5. Accept one: both people get an introduction email.
    const acceptedId = (await rows.nth(0).getAttribute('data-proposal')) ?? ''
    const accepted = all.body.items.find((p) => p.id === acceptedId)
    if (!accepted) throw new Error('the accepted proposal is not listed')
    const menteeEmail = await emailOf(accepted.mentee.id)
    const mentorEmail = await emailOf(accepted.mentor.id)
    expect(menteeEmail).toBeTruthy()
    expect(mentorEmail).toBeTruthy()
    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    await page.locator(`[data-proposal="${acceptedId}"]`).getByTestId('proposal-select').check()
    await expect
      .poll(() => page.getByTestId('accept-selected').textContent())
      .toContain('Accept 1 selected pair')
    await page.getByTestId('accept-selected').click()
    await expect.poll(() => page.getByTestId('board-notice').textContent()).toContain('1 pair accepted')
    await page.locator(`[data-proposal="${acceptedId}"]`).waitFor({ state: 'detached' })
    const toMentee = await waitForMail(baseUrl, menteeEmail ?? '', { seen })
    const toMentor = await waitForMail(baseUrl, mentorEmail ?? '', { seen })
    expect(toMentee.text).toContain(accepted.mentor.displayName.split(' ')[0] ?? '')
    expect(toMentor.text).toContain(accepted.mentee.displayName.split(' ')[0] ?? '')

    // 6. The match is listed; its page pauses, resumes and ends it.
    const matchRow = page.getByTestId('match-row').first()
    await matchRow.waitFor()
    expect(await matchRow.getAttribute('data-status')).toBe('active')
    await matchRow.getByTestId('match-link').click()
    await page.waitForURL(/\/matches\/[a-z2-7]{24}$/)
    await expect.poll(() => page.getByTestId('match-status').getAttribute('data-status')).toBe('active')
    await page.getByTestId('match-pause').click()
    await expect.poll(() => page.getByTestId('match-status').getAttribute('data-status')).toBe('paused')
    await page.getByTestId('match-resume').click()
    await expect.poll(() => page.getByTestId('match-status').getAttribute('data-status')).toBe('active')
    await page.getByTestId('end-reason').selectOption('moved_away')
    await page.getByTestId('end-requested-by').selectOption('mentee')
    await page.getByTestId('end-note').fill('Moved to another city for work.')
    // The reason says where each person goes: the newcomer who moved leaves, the mentor's place is free again.
    expect(await page.getByTestId('end-mentee-next').inputValue()).toBe('exited')
    expect(await page.getByTestId('end-mentor-next').inputValue()).toBe('ready')
    await page.getByTestId('end-submit').click()
    // Ending asks once more, naming both people.
    await page.getByTestId('end-confirm').waitFor()
    expect(await page.getByTestId('end-confirm').textContent()).toContain(accepted.mentee.displayName)
    await page.getByTestId('end-confirm-submit').click()
    await expect.poll(() => page.getByTestId('match-status').getAttribute('data-status')).toBe('ended')
    expect(await page.getByTestId('match-end-reason').textContent()).toBe('Moved away')
    expect(await page.getByTestId('end-form').count()).toBe(0)

    // 7. In Arabic the board reads right to left, with the explanation translated.
    await page.getByTestId('back-to-board').click()
    await page.getByTestId('locale-switcher').selectOption('ar')
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl')
    const arRow = page.getByTestId('proposal').first()
    await arRow.waitFor()
    await arRow.getByTestId('proposal-why').locator('summary').click()
    const arText = (await arRow.getByTestId('proposal-explanation').textContent()) ?? ''
    expect(arText).toContain('لغة مشتركة')
    expect(arText).not.toContain('match.')

    expect(pageErrors).toEqual([])
  })
})
