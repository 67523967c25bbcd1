import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './support/browser'
import { DEMO, pageApi, runId, signIn } from './support/session'

const baseUrl = inject('baseUrl')
const run = runId()
const programName = `E2E Welcome Tandems ${run}`
const mentor = { name: `Mina Mentor ${run}`, email: `mentor-${run}@example.com` }

/** YYYY-MM-DD in the browser's (and this machine's) time zone, `days` from today. */
function day(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

describe('programs, participants and mentor screening (Chromium)', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await signIn(page, baseUrl, DEMO.ownerEmail)
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
  })

  it('creates a program, enrolls a mentor, walks screening to approval and shows the expiring check', {
    timeout: 180_000,
  }, async () => {
    // 1. From the organization home to the programs page; create a program.
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}`)
    await page.getByTestId('expiring-checks').waitFor()
    await page.getByTestId('programs-link').click()
    await page.waitForURL(`${baseUrl}/orgs/${DEMO.slug}/programs`)
    await page.getByTestId('new-program-name').fill(programName)
    await page.getByTestId('new-program-description').fill('Newcomers and neighbours meet every two weeks.')
    await page.getByTestId('new-program-languages').fill('de, ar')
    expect(await page.getByTestId('language-names').textContent()).toContain('Arabic')
    await page.getByTestId('new-program-status').selectOption('active')
    await page.getByTestId('new-program-submit').click()

    // 2. Its settings: a training module, a protected field (with the warning), saved.
    await page.waitForURL(/\/programs\/[a-z2-7]{24}\/settings\?created=1$/)
    const programId = /\/programs\/([a-z2-7]{24})\//.exec(page.url())?.[1] ?? ''
    await expect.poll(() => page.getByTestId('settings-notice').textContent()).toContain('created')
    expect(await page.getByTestId('settings-name').inputValue()).toBe(programName)
    await page.getByTestId('intake-link').waitFor() // active: the public form's link is shown
    await page.getByTestId('module-add').click()
    await page.getByTestId('module-title').fill('Safeguarding basics')
    expect(await page.getByTestId('module-id').inputValue()).toBe('safeguarding-basics')
    await page.getByTestId('protected-warning').waitFor()
    await page.getByTestId('protected-field-residenceStatus').check()
    await page.getByTestId('intake-field-phone').check()
    await page.getByTestId('settings-save').click()
    await expect.poll(() => page.getByTestId('settings-notice').textContent()).toBe('Settings saved.')
    const saved = await pageApi<{
      trainingModules: unknown[]
      protectedFields: string[]
      intakeFields: object
    }>(page, 'GET', `/api/v1/orgs/${DEMO.slug}/programs/${programId}`)
    expect(saved.body.trainingModules).toEqual([{ id: 'safeguarding-basics', title: 'Safeguarding basics' }])
    expect(saved.body.protectedFields).toEqual(['residenceStatus'])
    expect(saved.body.intakeFields).toMatchObject({ phone: true, sector: false })

    // A bad setting is shown on its field, not as a crash.
    await page.getByTestId('settings-languages').fill('')
    await page.getByTestId('settings-languages').evaluate((input) => input.removeAttribute('required'))
    await page.getByTestId('settings-save').click()
    await page.getByTestId('settings-languages-error').waitFor()
    await page.getByTestId('settings-languages').fill('de, ar')

    // 3. The program's participants: enroll a mentor.
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}`)
    await page.getByTestId('participants-empty').waitFor()
    expect(await page.getByTestId('export-link').getAttribute('href')).toBe(
      `/api/v1/orgs/${DEMO.slug}/programs/${programId}/participants/export`,
    )
    await page.getByTestId('enroll-open').click()
    await page.getByTestId('enroll-role-mentor').check()
    await page.getByTestId('enroll-name').fill(mentor.name)
    await page.getByTestId('enroll-email').fill(mentor.email)
    // Nothing is chosen in advance: the language for messages is the coordinator's choice too.
    await page.getByTestId('enroll-locale').selectOption('de')
    await page.getByTestId('language-code').selectOption('de')
    await page.getByTestId('language-level').selectOption('native')
    await page.getByTestId('enroll-capacity').selectOption('2')
    await page.getByTestId('enroll-submit').click()
    await expect.poll(() => page.getByTestId('participants-notice').textContent()).toContain(mentor.name)
    const row = page.locator('[data-testid="participant-row"][data-role="mentor"]')
    await row.waitFor()
    expect(await row.getAttribute('data-status')).toBe('applied')

    // Filters go into the address (and the export link); a filter that excludes the mentor empties the list.
    await page.getByTestId('filter-role').selectOption('mentee')
    await page.getByTestId('participants-empty').waitFor()
    expect(new URL(page.url()).searchParams.get('role')).toBe('mentee')
    expect(await page.getByTestId('export-link').getAttribute('href')).toContain('role=mentee')
    await page.getByTestId('filter-role').selectOption('mentor')
    // The export link downloads the same selection as CSV.
    const exportHref = (await page.getByTestId('export-link').getAttribute('href')) ?? ''
    expect(exportHref).toContain('role=mentor')
    const file = await pageApi<string>(page, 'GET', exportHref)
    expect(file.status).toBe(200)
    expect(file.body).toContain(mentor.email)
    await page.getByTestId('filter-q').fill('mina')
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('mina') // debounced
    await row.waitFor()

    // 4. The mentor's profile: nothing done yet, approval disabled with what is missing.
    await row.getByTestId('participant-link').click()
    await page.waitForURL(/\/participants\/[a-z2-7]{24}$/)
    const participantId = /\/participants\/([a-z2-7]{24})$/.exec(page.url())?.[1] ?? ''
    await expect.poll(() => page.getByTestId('participant-name').textContent()).toBe(mentor.name)
    expect(await page.getByTestId('approve').isDisabled()).toBe(true)
    const missing = () =>
      page
        .getByTestId('approval-missing')
        .locator('li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-code')))
    expect(await missing()).toEqual([
      'references',
      'background_check',
      'training:safeguarding-basics',
      'safety_guidelines',
    ])
    // Only statuses the pipeline allows, and not "ready" before screening is complete.
    const options = await page
      .getByTestId('status-select')
      .locator('option')
      .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value).filter(Boolean))
    expect(options).toEqual(['screening', 'exited'])

    // 5. References: two received.
    for (const name of ['Rosa Reference', 'Karl Reference']) {
      await page.getByTestId('reference-add').click()
      const ref = page.getByTestId('reference-row').last()
      await ref.getByTestId('reference-name').fill(name)
      await ref.getByTestId('reference-relation').fill('Neighbour')
      await ref.getByTestId('reference-status').selectOption('received')
    }
    await page.getByTestId('references-save').click()
    await page.locator('[data-testid="check-references"][data-done="true"]').waitFor()
    // Screening has started: the status moved on by itself.
    await page.locator('[data-testid="participant-status"][data-status="screening"]').waitFor()

    // 6. Background check: clear, expiring in 20 days.
    await page.getByTestId('check-status').selectOption('clear')
    await page.getByTestId('check-date').fill(day(0))
    await page.getByTestId('check-expires').fill(day(20))
    await page.getByTestId('check-save').click()
    await page.locator('[data-testid="check-background"][data-done="true"]').waitFor()
    await page.getByTestId('screening-expiring').waitFor() // within the 60-day renewal window

    // 7. Training and safety guidelines.
    await page.getByTestId('training-complete').click()
    await page.locator('[data-testid="check-training"][data-done="true"]').waitFor()
    expect(await missing()).toEqual(['safety_guidelines'])
    expect(await page.getByTestId('approve').isDisabled()).toBe(true)
    await page.getByTestId('safety-ack').click()
    await page.locator('[data-testid="check-safety"][data-done="true"]').waitFor()

    // 8. Approve: the mentor is cleared and ready.
    await page.getByTestId('approval-missing').waitFor({ state: 'detached' })
    expect(await page.getByTestId('approve').isDisabled()).toBe(false)
    await page.getByTestId('approve').click()
    await page.getByTestId('approval-done').waitFor()
    await page.locator('[data-testid="screening-state"][data-state="matchable"]').waitFor()
    await page.locator('[data-testid="participant-status"][data-status="ready"]').waitFor()
    const kinds = await page
      .getByTestId('history-item')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')))
    expect(kinds).toContain('enrolled')
    expect(kinds).toContain('status')

    // Protected fields ask for a purpose first (and say that reading is logged).
    await page.getByTestId('protected-panel').waitFor()
    await page.getByTestId('protected-purpose').fill('abc')
    await page.getByTestId('protected-purpose').evaluate((input) => input.removeAttribute('minlength'))
    await page.getByTestId('protected-show').click()
    await page.getByTestId('protected-purpose-error').waitFor()
    await page.getByTestId('protected-purpose').fill('Preparing the appointment at the foreigners office')
    await page.getByTestId('protected-show').click()
    await page.getByTestId('protected-residence').selectOption('refugee')
    await page.getByTestId('protected-save').click()
    await expect.poll(() => page.getByTestId('participant-notice').textContent()).toContain('Protected')
    await page.getByTestId('protected-hide').click()
    await page.getByTestId('protected-purpose').fill('Checking the saved residence status')
    await page.getByTestId('protected-show').click()
    expect(await page.getByTestId('protected-residence').inputValue()).toBe('refugee')

    // 9. The organization home lists the check that expires in 20 days, with a link to the mentor.
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}`)
    const item = page.locator(`[data-testid="expiring-item"][data-participant="${participantId}"]`)
    await item.waitFor()
    expect(await item.getAttribute('data-expired')).toBe('false')
    expect(Math.abs(Number(await item.getAttribute('data-days-left')) - 20)).toBeLessThanOrEqual(1)
    expect(await item.textContent()).toContain(mentor.name)
    // Soonest first.
    const days = await page
      .getByTestId('expiring-item')
      .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-days-left'))))
    expect(days).toEqual([...days].sort((a, b) => a - b))
    await item.getByTestId('expiring-link').click()
    await page.waitForURL(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/participants/${participantId}`)
    await expect.poll(() => page.getByTestId('participant-name').textContent()).toBe(mentor.name)

    // 10. Status change with a reason: the mentor leaves the program.
    await page.getByTestId('status-select').selectOption('exited')
    await page.getByTestId('exit-reason').selectOption('moved_away')
    await page.getByTestId('status-submit').click()
    await page.locator('[data-testid="participant-status"][data-status="exited"]').waitFor()
    expect(await page.getByTestId('participant-notice').textContent()).toContain('Left')

    expect(pageErrors).toEqual([])
  })
})
