import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './support/browser'
import { createProgram, DEMO, pageApi, runId, signIn } from './support/session'

const baseUrl = inject('baseUrl')
const run = runId()

describe('a coordinator’s participant screens (Chromium)', () => {
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

  it('adds a person without guessed answers, sorts the table, edits the profile and keeps a note', {
    timeout: 180_000,
  }, async () => {
    const programId = await createProgram(page, DEMO.slug, {
      name: `E2E People ${run}`,
      languages: ['de', 'ar'],
      interests: ['cooking', 'football'],
      status: 'active',
    })
    const participantsUrl = `/api/v1/orgs/${DEMO.slug}/programs/${programId}/participants`
    // Two people already waiting, enrolled before the one added through the form.
    for (const name of [`Bilal ${run}`, `Zora ${run}`]) {
      const res = await pageApi(page, 'POST', participantsUrl, {
        role: 'mentee',
        displayName: name,
        preferredLocale: 'ar',
        languages: [{ code: 'ar', level: 'native' }],
      })
      expect(res.status).toBe(201)
    }

    // 1. "Add a participant": nothing is chosen in advance; required answers say so.
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}`)
    await page.locator('[data-testid="participant-row"]').nth(1).waitFor()
    await page.getByTestId('enroll-open').click()
    expect(await page.getByTestId('enroll-role-mentee').isChecked()).toBe(false)
    expect(await page.getByTestId('enroll-role-mentor').isChecked()).toBe(false)
    expect(await page.getByTestId('enroll-locale').inputValue()).toBe('')
    expect(await page.getByTestId('language-code').inputValue()).toBe('')
    expect(await page.getByTestId('language-level').inputValue()).toBe('')
    expect(await page.locator('#enroll-name-hint').textContent()).toBe('Required.')
    const name = `Amal ${run}`
    await page.getByTestId('enroll-role-mentee').check()
    await page.getByTestId('enroll-name').fill(name)
    await page.getByTestId('enroll-locale').selectOption('ar')
    await page.getByTestId('language-code').selectOption('ar')
    await page.getByTestId('language-level').selectOption('native')
    await page.getByTestId('enroll-submit').click()
    await expect.poll(() => page.getByTestId('participants-notice').textContent()).toContain(name)
    const created = await pageApi<{ items: { displayName: string; languages: unknown[] }[] }>(
      page,
      'GET',
      `${participantsUrl}?q=${encodeURIComponent(name)}`,
    )
    expect(created.body.items[0]?.languages).toEqual([{ code: 'ar', level: 'native' }])

    // 2. The table sorts by name, status and waiting time; the header says which way.
    const names = () =>
      page
        .locator('[data-testid="participant-row"] [data-testid="participant-link"]')
        .evaluateAll((links) => links.map((a) => a.textContent?.split(' ')[0]))
    const header = (column: string) => page.locator('th').filter({ has: page.getByTestId(`sort-${column}`) })
    await page.getByTestId('sort-name').click()
    await expect.poll(names).toEqual(['Amal', 'Bilal', 'Zora'])
    expect(new URL(page.url()).searchParams.get('sort')).toBe('name')
    expect(await header('name').getAttribute('aria-sort')).toBe('ascending')
    expect(await header('status').getAttribute('aria-sort')).toBeNull()
    await page.getByTestId('sort-name').click()
    await expect.poll(names).toEqual(['Zora', 'Bilal', 'Amal'])
    expect(await header('name').getAttribute('aria-sort')).toBe('descending')
    await page.getByTestId('sort-waiting').click()
    await expect.poll(names).toEqual(['Bilal', 'Zora', 'Amal'])
    expect(await header('waiting').getAttribute('aria-sort')).toBe('ascending')
    expect(await page.getByTestId('waiting-since').count()).toBe(3)
    // A filter keeps the order.
    await page.getByTestId('filter-role').selectOption('mentee')
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('waiting')

    // On a phone the sort buttons stay visible above the cards.
    await page.setViewportSize({ width: 360, height: 800 })
    expect(await page.getByTestId('sort-status').isVisible()).toBe(true)
    await page.setViewportSize({ width: 1280, height: 900 })

    // 3. The participant's page: a readable profile, no tandems yet.
    await page
      .locator('[data-testid="participant-row"]')
      .filter({ hasText: name })
      .getByTestId('participant-link')
      .click()
    await page.waitForURL(/\/participants\/[a-z2-7]{24}$/)
    await expect.poll(() => page.getByTestId('participant-name').textContent()).toBe(name)
    expect(await page.getByTestId('fact-languages').textContent()).toBe('Arabic (First language)')
    await page.getByTestId('tandems-empty').waitFor()

    // 4. Edit the profile: neighborhood, an interest and an access need.
    await page.getByTestId('profile-edit').click()
    await page.getByTestId('profile-form').waitFor()
    await page.getByTestId('profile-neighborhood').fill('Nordviertel')
    await page.getByTestId('profile-interest-cooking').check()
    await page.getByTestId('profile-need-child_care').check()
    await page.getByTestId('profile-slot-sat-pm').check()
    await page.getByTestId('profile-save').click()
    await expect.poll(() => page.getByTestId('participant-notice').textContent()).toBe('Profile saved.')
    await expect.poll(() => page.getByTestId('fact-neighborhood').textContent()).toBe('Nordviertel')
    expect(await page.getByTestId('fact-needs').textContent()).toBe('Child care')
    // Codes read as words: the shipped name of a common interest, the weekday and part of the day.
    expect(await page.getByTestId('fact-interests').textContent()).toBe('Cooking')
    expect(await page.getByTestId('fact-availability').textContent()).toBe('Saturday: afternoon')
    // Only what changed was sent: the history names those fields.
    await expect
      .poll(() => page.locator('[data-testid="history-item"][data-kind="profile.updated"]').count())
      .toBe(1)
    // Focus returns to the Edit button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'profile-edit',
    )

    // 5. A coordinator note: added, listed, then deleted after a question.
    await page.getByTestId('notes-empty').waitFor()
    await page.getByTestId('note-text').fill('Prefers meetings on Saturday afternoons.')
    await page.getByTestId('note-add').click()
    await expect.poll(() => page.getByTestId('participant-notice').textContent()).toBe('Note added.')
    const note = page.getByTestId('note')
    await expect
      .poll(() => note.getByTestId('note-body').textContent())
      .toBe('Prefers meetings on Saturday afternoons.')
    await note.getByTestId('note-delete').click()
    await note.getByTestId('note-confirm').waitFor()
    await note.getByTestId('note-delete-cancel').click()
    expect(await note.count()).toBe(1)
    await note.getByTestId('note-delete').click()
    await note.getByTestId('note-delete-confirm').click()
    await page.getByTestId('notes-empty').waitFor()

    expect(pageErrors).toEqual([])
  })
})
