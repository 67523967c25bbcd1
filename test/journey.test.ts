import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type AxeViolation, checkPage, seriousViolations } from './support/axe'
import { launchBrowser } from './support/browser'
import { linkTo, listMailbox, waitForMail } from './support/mailbox'
import { pageApi, runId } from './support/session'
import { fillSignup } from './support/signup'

const baseUrl = inject('baseUrl')
const run = runId()

/** A small NGO that starts with Tandem today: a new organization, its coordinator, one program. */
const orgName = `Neighbours Together ${run}`
const slug = `neighbours-${run}`
const coordinator = { name: 'Clara Koordinatorin', email: `clara-${run}@example.com` }
const programName = `Welcome Tandems ${run}`
/** The newcomer, who applies in Arabic on a cheap phone. */
const mentee = { name: 'أمل خليل', email: `amal-${run}@example.com`, phone: '+49 176 5550123' }
/** Two mentors from the coordinator's spreadsheet; Hamid speaks Dari and Arabic and reads Persian. */
const mentors = {
  juergen: { name: 'Jürgen Müller', email: `juergen-${run}@example.com` },
  hamid: { name: 'Hamid Rahimí', email: `hamid-${run}@example.com` },
}
const PHONE = { width: 360, height: 740 }

/** The spreadsheet as German Excel on Windows saves a CSV: Windows-1252, semicolons, CRLF, no byte-order mark. */
const spreadsheet = Buffer.from(
  [
    'Name;Rolle;E-Mail;Sprachen;Sprache;Stadtteil',
    `${mentors.juergen.name};Mentor;${mentors.juergen.email};de:native, en:B2;de;Südstadt`,
    `${mentors.hamid.name};Mentor;${mentors.hamid.email};prs:native, ar:C1, de:B2;fa;Weststraße`,
    '',
  ].join('\r\n'),
  'latin1', // the same bytes as Windows-1252 for these letters
)

/** YYYY-MM-DD in the browser's (and this machine's) time zone, `days` from today. */
function day(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

const idIn = (url: string, after: string) => new RegExp(`/${after}/([a-z2-7]{24})`).exec(url)?.[1] ?? ''

describe('one journey through Tandem, as new users do it (Chromium)', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []
  /** The coordinator's browser, signed in from the first step on. */
  let page: Page
  let programId = ''
  let menteeId = ''
  let mentorId = ''
  let matchId = ''
  const pageErrors: string[] = []
  /** Serious and critical axe findings on every page visited (screenshots under test-results/journey/). */
  const violations: AxeViolation[] = []
  const check = async (on: Page, name: string) => violations.push(...(await checkPage(on, 'journey', name)))

  async function newPage(options: Parameters<Browser['newContext']>[0]): Promise<Page> {
    const context = await browser.newContext(options)
    contexts.push(context)
    const opened = await context.newPage()
    opened.on('pageerror', (e) => pageErrors.push(`${opened.url()}: ${e.message}`))
    return opened
  }

  const programUrl = (rest = '') => `${baseUrl}/orgs/${slug}/programs/${programId}${rest}`
  const api = (rest: string) => `/api/v1/orgs/${slug}/programs/${programId}${rest}`
  const statusOf = async (participant: string) =>
    (await pageApi<{ status: string }>(page, 'GET', api(`/participants/${participant}`))).body.status

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  it('1. a coordinator signs up a new organization and signs in from the email’s link (a button, not on GET)', {
    timeout: 120_000,
  }, async () => {
    page = await newPage({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    await page.goto(`${baseUrl}/signup`)
    await page.getByTestId('sign-up-link').waitFor()
    await check(page, 'signup')
    await fillSignup(page, {
      name: orgName,
      slug,
      kind: 'city',
      country: 'DE',
      timezone: 'Europe/Berlin',
      language: 'en',
      adminName: coordinator.name,
      adminEmail: coordinator.email,
    })
    await page.getByTestId('signup-submit').click()
    await page.getByTestId('signup-done').waitFor()
    expect(await page.getByTestId('signup-done').textContent()).toContain(coordinator.email)
    await check(page, 'signup-done')

    // The email, in the dev mailbox page.
    await page.goto(`${baseUrl}/dev/mailbox`)
    const link = page
      .locator(`[data-testid="mailbox-item"][data-to="${coordinator.email}"]`)
      .first()
      .locator('a[data-testid="mailbox-link"][href*="/sign-in/verify"]')
      .first()
    await link.waitFor({ timeout: 20_000 })
    await check(page, 'dev-mailbox')
    await link.click()

    // Opening the link signs nobody in: it shows who signs in, and a button.
    await page.waitForURL((url) => url.pathname === '/sign-in/verify')
    await expect.poll(() => page.getByTestId('verify-email').textContent()).toContain(coordinator.email)
    expect(await page.getByTestId('sign-up-link').count()).toBe(1) // still signed out
    expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401)
    await check(page, 'sign-in-verify')
    await page.getByTestId('verify-sign-in').click()
    await page.waitForURL(`${baseUrl}/orgs/${slug}`)
    await expect.poll(() => page.getByTestId('org-name').textContent()).toBe(orgName)
    expect(await page.getByTestId('org-role').getAttribute('data-role')).toBe('owner')
    await check(page, 'org-home-new')
  })

  it('2. creates an active program in Arabic, Dari and German, with the phone question and two training modules', {
    timeout: 120_000,
  }, async () => {
    await page.getByTestId('programs-link').click()
    await page.waitForURL(`${baseUrl}/orgs/${slug}/programs`)
    await page.getByTestId('new-program-name').waitFor()
    await check(page, 'programs')
    await page.getByTestId('new-program-name').fill(programName)
    await page.getByTestId('new-program-description').fill('Newcomers and neighbours meet every two weeks.')
    await page.getByTestId('new-program-languages').fill('ar, prs, de')
    await expect.poll(() => page.getByTestId('language-names').textContent()).toContain('Dari')
    await page.getByTestId('new-program-status').selectOption('active')
    await page.getByTestId('new-program-submit').click()

    await page.waitForURL(/\/programs\/[a-z2-7]{24}\/settings\?created=1$/)
    programId = idIn(page.url(), 'programs')
    await expect.poll(() => page.getByTestId('settings-notice').textContent()).toContain('created')
    await page.getByTestId('intake-link').waitFor() // active: the public form is open
    await check(page, 'settings-created')
    for (const title of ['Safeguarding basics', 'Intercultural communication']) {
      await page.getByTestId('module-add').click()
      await page.getByTestId('module-title').last().fill(title)
    }
    await page.getByTestId('intake-field-phone').check()
    await page.getByTestId('settings-save').click()
    await expect.poll(() => page.getByTestId('settings-notice').textContent()).toBe('Settings saved.')
    await check(page, 'settings-saved')
    const saved = await pageApi<{
      status: string
      languages: string[]
      trainingModules: { id: string }[]
      intakeFields: object
    }>(page, 'GET', api(''))
    expect(saved.body).toMatchObject({
      status: 'active',
      languages: ['ar', 'prs', 'de'],
      intakeFields: { phone: true },
    })
    expect(saved.body.trainingModules.map((m) => m.id)).toEqual([
      'safeguarding-basics',
      'intercultural-communication',
    ])
  })

  it('3. an Arabic-speaking newcomer applies from the form’s Arabic link on a 360 px phone, through a reload', {
    timeout: 180_000,
  }, async () => {
    // The coordinator takes the Arabic link from the form-links page.
    await page.goto(programUrl())
    await page.getByTestId('participants-empty').waitFor()
    await check(page, 'program-empty')
    await page.getByTestId('form-links-link').click()
    await page.getByTestId('form-links').waitFor()
    for (const code of ['ar', 'fa', 'de'])
      await page.locator(`[data-testid="form-link-qr-${code}"][data-state="ready"]`).waitFor()
    await check(page, 'form-links')
    const arabicLink = await page.getByTestId('form-link-url-ar').inputValue()
    expect(arabicLink).toBe(`${baseUrl}/apply/${slug}/${programId}?lang=ar`)

    // A phone set to English opens it: the form speaks Arabic, right to left, and nothing sticks out sideways.
    const phone = await newPage({ locale: 'en-US', viewport: PHONE, isMobile: true, hasTouch: true })
    const stepOf = async () => Number(await phone.getByTestId('intake-step').getAttribute('data-step'))
    const fits = async (name: string) => {
      expect(await phone.evaluate(() => document.documentElement.dir), name).toBe('rtl')
      expect(await phone.evaluate(() => document.documentElement.lang), name).toBe('ar')
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(360)
      await check(phone, name)
    }
    await phone.goto(arabicLink)
    await phone.getByTestId('intake-form').waitFor()
    await phone.locator('html[lang="ar"][dir="rtl"]').waitFor()
    expect(await stepOf()).toBe(1)
    await fits('apply-ar-step-1')
    await phone.getByTestId('intake-role-mentee').check()
    await phone.getByTestId('intake-name').fill(mentee.name)
    await phone.getByTestId('intake-next').click()

    await expect.poll(stepOf).toBe(2)
    await phone.getByTestId('intake-email').fill(mentee.email)
    await phone.getByTestId('intake-phone').fill(mentee.phone)
    await phone.getByTestId('intake-contact-whatsapp').check()
    await fits('apply-ar-step-2')
    await phone.getByTestId('intake-next').click()

    await expect.poll(stepOf).toBe(3)
    await phone.getByTestId('intake-language-code').selectOption('ar')
    await phone.getByTestId('intake-language-level').selectOption('native')
    await phone.getByTestId('intake-language-add').click()
    await phone.getByTestId('intake-language-code').nth(1).selectOption('de')
    await phone.getByTestId('intake-language-level').nth(1).selectOption('A2')
    await fits('apply-ar-step-3')

    // Midway the page reloads: the answers are still there.
    await expect
      .poll(() =>
        phone.evaluate(() =>
          Object.keys(localStorage)
            .filter((key) => key.startsWith('tandem.intake.'))
            .map((key) => localStorage.getItem(key) ?? '')
            .join(),
        ),
      )
      .toContain('"level":"A2"')
    await phone.reload()
    await phone.getByTestId('intake-form').waitFor()
    await phone.locator('html[lang="ar"][dir="rtl"]').waitFor()
    expect(await stepOf()).toBe(3)
    expect(await phone.getByTestId('intake-language-code').nth(0).inputValue()).toBe('ar')
    expect(await phone.getByTestId('intake-language-level').nth(1).inputValue()).toBe('A2')
    await fits('apply-ar-step-3-reloaded')
    await phone.getByTestId('intake-back').click()
    await expect.poll(stepOf).toBe(2)
    expect(await phone.getByTestId('intake-email').inputValue()).toBe(mentee.email)
    expect(await phone.getByTestId('intake-phone').inputValue()).toBe(mentee.phone)
    await phone.getByTestId('intake-back').click()
    await expect.poll(stepOf).toBe(1)
    expect(await phone.getByTestId('intake-name').inputValue()).toBe(mentee.name)
    for (const next of [2, 3, 4]) {
      await phone.getByTestId('intake-next').click()
      await expect.poll(stepOf).toBe(next)
    }

    await phone.getByTestId('intake-consent-box').check()
    await fits('apply-ar-step-4')
    await phone.getByTestId('intake-submit').click()
    await phone.getByTestId('intake-done').waitFor()
    expect(await phone.getByTestId('intake-done').textContent()).toContain('شكرًا لك!')
    await fits('apply-ar-done')
  })

  it('4. imports two mentors from a Windows-1252 CSV through the wizard, names intact', {
    timeout: 120_000,
  }, async () => {
    await page.goto(programUrl())
    await page.getByTestId('participants-table').waitFor()
    await page.getByTestId('import-link').click()
    await page.waitForURL(programUrl('/import'))
    await page.getByTestId('import-file').waitFor()
    await check(page, 'import-choose')
    await page.getByTestId('import-file').setInputFiles({
      name: 'Mentoren.csv',
      mimeType: 'text/csv',
      buffer: spreadsheet,
    })
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-preview').waitFor()
    expect(await page.getByTestId('import-read-as').textContent()).toBe('Windows-1252 (Western European)')
    expect(await page.getByTestId('import-valid').textContent()).toBe('2')
    expect(await page.getByTestId('import-error-rows').textContent()).toBe('0')
    const rows = await page
      .getByTestId('import-row')
      .evaluateAll((items) =>
        items.map((r) => [Number(r.getAttribute('data-row')), r.querySelector('bdi')?.textContent]),
      )
    expect(rows).toEqual([
      [2, mentors.juergen.name],
      [3, mentors.hamid.name],
    ])
    expect(await page.getByTestId('import-preview').textContent()).not.toContain('\uFFFD')
    await check(page, 'import-preview')

    await page.getByTestId('import-apply').click()
    const summary = page.getByTestId('import-summary')
    await summary.waitFor({ timeout: 60_000 })
    expect(await summary.getAttribute('data-status')).toBe('done')
    expect(await page.getByTestId('import-summary-text').textContent()).toContain('2 people were added')
    await check(page, 'import-done')

    await page.getByTestId('import-back').click()
    await page.waitForURL(programUrl())
    await page.getByTestId('participants-table').waitFor()
    const names = await page
      .getByTestId('participant-link')
      .evaluateAll((links) => links.map((a) => a.textContent ?? ''))
    expect(names.sort()).toEqual([mentee.name, mentors.hamid.name, mentors.juergen.name].sort())
    await check(page, 'program-participants')

    // Hamid as read: Dari and Arabic, and messages in Persian.
    const list = await pageApi<{ items: { id: string; displayName: string }[] }>(
      page,
      'GET',
      api(`/participants?q=${encodeURIComponent(mentors.hamid.email)}`),
    )
    mentorId = list.body.items[0]?.id ?? ''
    const hamid = await pageApi<{
      displayName: string
      role: string
      preferredLocale: string
      languages: { code: string; level: string }[]
    }>(page, 'GET', api(`/participants/${mentorId}`))
    expect(hamid.body).toMatchObject({
      displayName: mentors.hamid.name,
      role: 'mentor',
      preferredLocale: 'fa',
      languages: [
        { code: 'prs', level: 'native' },
        { code: 'ar', level: 'C1' },
        { code: 'de', level: 'B2' },
      ],
    })
  })

  it('5. screens Hamid completely on his page, and makes the newcomer ready', {
    timeout: 180_000,
  }, async () => {
    await page.goto(programUrl())
    await page
      .locator('[data-testid="participant-row"]')
      .filter({ hasText: mentors.hamid.name })
      .getByTestId('participant-link')
      .click()
    await page.waitForURL(programUrl(`/participants/${mentorId}`))
    await expect.poll(() => page.getByTestId('participant-name').textContent()).toBe(mentors.hamid.name)
    expect(await page.getByTestId('approve').isDisabled()).toBe(true)
    await check(page, 'mentor-unscreened')

    for (const name of ['Rosa Referenz', 'Karim Referenz']) {
      await page.getByTestId('reference-add').click()
      const ref = page.getByTestId('reference-row').last()
      await ref.getByTestId('reference-name').fill(name)
      await ref.getByTestId('reference-relation').fill('Colleague')
      await ref.getByTestId('reference-status').selectOption('received')
    }
    await page.getByTestId('references-save').click()
    await page.locator('[data-testid="check-references"][data-done="true"]').waitFor()
    await page.locator('[data-testid="participant-status"][data-status="screening"]').waitFor()

    await page.getByTestId('check-status').selectOption('clear')
    await page.getByTestId('check-date').fill(day(0))
    await page.getByTestId('check-expires').fill(day(365 * 3))
    await page.getByTestId('check-save').click()
    await page.locator('[data-testid="check-background"][data-done="true"]').waitFor()

    for (const module of ['safeguarding-basics', 'intercultural-communication']) {
      const row = page.locator(`[data-testid="training-row"][data-module="${module}"]`)
      await row.getByTestId('training-complete').click()
      await page.locator(`[data-testid="training-row"][data-module="${module}"][data-done="true"]`).waitFor()
    }
    await page.locator('[data-testid="check-training"][data-done="true"]').waitFor()
    await page.getByTestId('safety-ack').click()
    await page.locator('[data-testid="check-safety"][data-done="true"]').waitFor()
    await page.getByTestId('approval-missing').waitFor({ state: 'detached' })
    await check(page, 'mentor-before-approval')
    await page.getByTestId('approve').click()
    await page.getByTestId('approval-done').waitFor()
    await page.locator('[data-testid="screening-state"][data-state="matchable"]').waitFor()
    await page.locator('[data-testid="participant-status"][data-status="ready"]').waitFor()
    await check(page, 'mentor-approved')

    // The newcomer, from the list, to ready through the status form.
    await page.goto(programUrl())
    await page
      .locator('[data-testid="participant-row"]')
      .filter({ hasText: mentee.name })
      .getByTestId('participant-link')
      .click()
    await page.waitForURL(/\/participants\/[a-z2-7]{24}$/)
    menteeId = idIn(page.url(), 'participants')
    await expect.poll(() => page.getByTestId('participant-name').textContent()).toBe(mentee.name)
    await page.locator('[data-testid="participant-status"][data-status="applied"]').waitFor()
    await check(page, 'mentee-applied')
    await page.getByTestId('status-select').selectOption('ready')
    await page.getByTestId('status-submit').click()
    await page.locator('[data-testid="participant-status"][data-status="ready"]').waitFor()
    await check(page, 'mentee-ready')
    expect(await statusOf(menteeId)).toBe('ready')
    expect(await statusOf(mentorId)).toBe('ready')
  })

  it('6. runs matching, accepts the pair that shares Arabic, and sees the match', {
    timeout: 180_000,
  }, async () => {
    await page.goto(programUrl())
    await page.getByTestId('matching-link').click()
    await page.waitForURL(programUrl('/matching'))
    await page.getByTestId('run-form').waitFor()
    await check(page, 'board-before-run')
    await page.getByTestId('run-mode-participation').check()
    await page.getByTestId('run-start').click()
    await page.locator('[data-testid="run"][data-status="done"]').waitFor({ timeout: 90_000 })
    // The pool: the newcomer and Hamid (Jürgen is not screened yet).
    expect(await page.getByTestId('stat-mentees').textContent()).toBe('1')
    expect(await page.getByTestId('stat-mentors').textContent()).toBe('1')

    const proposal = page.getByTestId('proposal').filter({ hasText: mentee.name })
    await proposal.waitFor()
    expect(await page.getByTestId('proposal').count()).toBe(1)
    expect(await proposal.textContent()).toContain(mentors.hamid.name)
    await proposal.getByTestId('proposal-why').locator('summary').click()
    const why = (await proposal.getByTestId('proposal-explanation').textContent()) ?? ''
    expect(why).toContain('Both speak Arabic')
    await check(page, 'board-proposal')

    await proposal.getByTestId('proposal-select').check()
    await page.getByTestId('accept-selected').click()
    await expect.poll(() => page.getByTestId('board-notice').textContent()).toContain('1 pair accepted')
    const match = page.locator('[data-testid="match-row"][data-status="active"]')
    await match.waitFor()
    expect(await match.textContent()).toContain(mentors.hamid.name)
    await check(page, 'board-matched')
    expect(await statusOf(menteeId)).toBe('matched')
    expect(await statusOf(mentorId)).toBe('matched')

    await match.getByTestId('match-link').click()
    await page.waitForURL(/\/matches\/[a-z2-7]{24}$/)
    matchId = idIn(page.url(), 'matches')
    await expect.poll(() => page.getByTestId('match-status').getAttribute('data-status')).toBe('active')
    expect(await page.getByTestId('match-mentee').textContent()).toContain(mentee.name)
    expect(await page.getByTestId('match-mentor').textContent()).toContain(mentors.hamid.name)
    await check(page, 'match-active')
  })

  it('7. completes the tandem with a confirmation; the newcomer leaves, and is not back in the pool', {
    timeout: 180_000,
  }, async () => {
    await page.getByTestId('end-reason').selectOption('completed')
    // Completing the program: the newcomer leaves as an alumna; the mentor pauses before a new tandem.
    expect(await page.getByTestId('end-mentee-next').inputValue()).toBe('exited')
    expect(await page.getByTestId('end-mentor-next').inputValue()).toBe('paused')
    await page.getByTestId('end-note').fill('Amal found work and a flat; they will stay in touch.')
    await page.getByTestId('end-submit').click()
    await page.getByTestId('end-confirm').waitFor()
    expect(await page.getByTestId('end-confirm').textContent()).toContain(mentee.name)
    await check(page, 'match-end-confirm')
    await page.getByTestId('end-confirm-submit').click()
    await expect.poll(() => page.getByTestId('match-status').getAttribute('data-status')).toBe('ended')
    expect(await page.getByTestId('end-form').count()).toBe(0)
    await check(page, 'match-ended')

    // Her page: she left the program; the tandem is among the past ones.
    await page.getByTestId('match-mentee').click()
    await page.waitForURL(programUrl(`/participants/${menteeId}`))
    await page.locator('[data-testid="participant-status"][data-status="exited"]').waitFor()
    await page.locator(`[data-testid="tandem-row"][data-match="${matchId}"][data-status="ended"]`).waitFor()
    await check(page, 'mentee-exited')
    expect(await statusOf(menteeId)).toBe('exited')
    expect(await statusOf(mentorId)).toBe('paused')

    // Not in the waiting pool: no one is ready, and a new match run proposes nobody.
    const ready = await pageApi<{ items: { id: string }[] }>(page, 'GET', api('/participants?status=ready'))
    expect(ready.body.items.map((p) => p.id)).not.toContain(menteeId)
    await page.goto(programUrl('/matching'))
    await page.getByTestId('run-form').waitFor()
    const earlier = await page.getByTestId('run').getAttribute('data-run')
    await page.getByTestId('run-mode-participation').check()
    await page.getByTestId('run-start').click()
    await page
      .locator(`[data-testid="run"][data-status="done"]:not([data-run="${earlier}"])`)
      .waitFor({ timeout: 90_000 })
    await page.getByTestId('proposals-empty').waitFor()
    // She is not in the pool the run drew from.
    expect(await page.getByTestId('stat-mentees').textContent()).toBe('0')
    expect(await page.getByTestId('proposal').count()).toBe(0)
    await check(page, 'board-after-end')
  })

  it('8. Hamid is invited to the portal, lands there in Dari (Persian script, right to left), and signs in again by code', {
    timeout: 120_000,
  }, async () => {
    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    await page.goto(programUrl(`/participants/${mentorId}`))
    await page.getByTestId('portal-invite').click()
    await expect
      .poll(() => page.getByTestId('participant-notice').textContent())
      .toContain(mentors.hamid.email)
    await check(page, 'mentor-invited')
    const invitation = await waitForMail(baseUrl, mentors.hamid.email, {
      seen,
      match: (m) => m.links.some((l) => new URL(l).pathname === '/invitations/accept'),
    })

    // His own phone, set to Dari.
    const hamid = await newPage({ locale: 'prs-AF', viewport: PHONE, isMobile: true, hasTouch: true })
    await hamid.goto(linkTo(invitation, '/invitations/accept'))
    await hamid.getByTestId('accept-name').waitFor()
    await hamid.locator('html[lang="fa"][dir="rtl"]').waitFor()
    expect(await hamid.getByTestId('accept-name').inputValue()).toBe(mentors.hamid.name)
    expect(await hamid.getByTestId('accept-what').textContent()).toContain(orgName)
    await check(hamid, 'portal-accept-fa')
    await hamid.getByTestId('accept-invitation').click()
    await hamid.waitForURL(`${baseUrl}/orgs/${slug}/my`)
    await hamid.locator(`[data-testid="my-match"][data-match="${matchId}"][data-status="ended"]`).waitFor()
    expect(await hamid.evaluate(() => document.documentElement.lang)).toBe('fa')
    expect(await hamid.evaluate(() => document.documentElement.dir)).toBe('rtl')
    // Persian script in the page's own words (not only in names).
    const heading = (await hamid.locator('h1').first().textContent()) ?? ''
    expect(heading).toMatch(/[\u0600-\u06FF]/)
    expect(heading).not.toMatch(/[A-Za-z]/)
    expect(await hamid.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await check(hamid, 'portal-fa')

    // The coordinator sees that Hamid uses the portal now.
    await page.reload()
    await page.getByTestId('portal-linked').waitFor()
    await check(page, 'mentor-portal-linked')

    // Another day: Hamid signs out, and back in with a code on the same phone; the code comes in Persian.
    await hamid.getByTestId('sign-out').click()
    await hamid.getByTestId('sign-in-link').waitFor()
    const before = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    await hamid.goto(`${baseUrl}/sign-in`)
    await hamid.locator('html[lang="fa"][dir="rtl"]').waitFor()
    await hamid.getByTestId('sign-in-email').fill(mentors.hamid.email)
    await hamid.getByTestId('sign-in-submit').click()
    await hamid.getByTestId('sign-in-code').waitFor()
    await check(hamid, 'portal-sign-in-code-fa')
    const codeMail = await waitForMail(baseUrl, mentors.hamid.email, { seen: before })
    expect(codeMail.subject).toMatch(/^کد ورود شما به Tandem: \d{6}$/)
    await hamid.getByTestId('sign-in-code').fill(/\b(\d{6})\b/.exec(codeMail.text)?.[1] ?? '')
    await hamid.getByTestId('sign-in-verify').click()
    await hamid.waitForURL(`${baseUrl}/orgs/${slug}/my`)
    await hamid.locator(`[data-testid="my-match"][data-match="${matchId}"]`).waitFor()
    expect(await hamid.evaluate(() => document.documentElement.dir)).toBe('rtl')
    await check(hamid, 'portal-fa-signed-in-again')
  })

  it('9. the accessibility check does fail on a planted violation', { timeout: 60_000 }, async () => {
    await page.evaluate(() => {
      const planted = document.createElement('div')
      planted.id = 'planted'
      planted.innerHTML = '<button type="button"></button><img src="/favicon.svg">'
      const main = document.querySelector('main') ?? document.body
      main.append(planted)
    })
    const found = await seriousViolations(page)
    expect(found.map((v) => v.id)).toEqual(expect.arrayContaining(['button-name', 'image-alt']))
    expect(found.flatMap((v) => v.targets).some((target) => target.includes('#planted'))).toBe(true)
    await page.evaluate(() => document.getElementById('planted')?.remove())
    expect(await seriousViolations(page)).toEqual([])
  })

  it('found no serious or critical accessibility violation and no script error on any page', () => {
    expect(violations).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
