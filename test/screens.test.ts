import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type AxeViolation, checkPage } from './support/axe'
import { launchBrowser } from './support/browser'
import { createProgram, DEMO, demoProgramId, pageApi, runId, signIn } from './support/session'
import { brokenWords, contrastOf } from './support/visual'

const baseUrl = inject('baseUrl')

/** Serious and critical axe findings on every screen kept below. */
const violations: AxeViolation[] = []

/** A full-page screenshot kept for reading after the run (test-results/screens/, git-ignored), checked with axe. */
const shot = async (page: Page, name: string) => {
  violations.push(...(await checkPage(page, 'screens', name)))
}

describe('readable in every state (Chromium)', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
  })

  it('keeps the program toolbar’s links readable when hovered and focused (contrast ≥ 4.5:1)', async () => {
    await signIn(page, baseUrl, DEMO.ownerEmail)
    const programId = await demoProgramId(page)
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}`)
    for (const testid of ['settings-link', 'matching-link', 'import-link', 'export-link']) {
      const link = page.getByTestId(testid)
      await link.waitFor()
      await page.mouse.move(0, 0)
      const idle = await contrastOf(link)
      expect(idle.ratio, `${testid} at rest: ${idle.color} on ${idle.background}`).toBeGreaterThanOrEqual(4.5)
      await link.hover()
      const hovered = await contrastOf(link)
      expect(
        hovered.ratio,
        `${testid} hovered: ${hovered.color} on ${hovered.background}`,
      ).toBeGreaterThanOrEqual(4.5)
      await link.focus()
      const focused = await contrastOf(link)
      expect(focused.ratio, `${testid} focused`).toBeGreaterThanOrEqual(4.5)
    }
    expect(pageErrors).toEqual([])
  })

  it('lists the languages on the About page inside the content column, in both directions', async () => {
    for (const locale of ['en', 'ar']) {
      await page.goto(`${baseUrl}/about`)
      await page.getByTestId('locale-switcher').selectOption(locale)
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale)
      // The About page is loaded on demand: wait for its list before measuring it.
      await expect.poll(() => page.locator('.languages li').count()).toBe(6)
      const edges = await page.locator('.languages li').evaluateAll((items) => {
        const rtl = document.documentElement.dir === 'rtl'
        const column = document.querySelector('.page')?.getBoundingClientRect()
        return items.map((li) => {
          const range = document.createRange()
          range.selectNodeContents(li)
          const text = range.getBoundingClientRect()
          return {
            lang: li.getAttribute('lang') ?? li.querySelector('[lang]')?.getAttribute('lang'),
            // Where each item's text starts: the left edge left to right, the right edge right to left.
            start: Math.round(rtl ? text.right : text.left),
            inside: !!column && text.left >= column.left - 1 && text.right <= column.right + 1,
            direction: getComputedStyle(li).direction,
          }
        })
      })
      expect(edges).toHaveLength(6)
      const first = edges[0]?.start
      for (const edge of edges) {
        expect(edge, `${locale}: ${JSON.stringify(edges)}`).toMatchObject({
          start: first,
          inside: true,
          direction: locale === 'ar' ? 'rtl' : 'ltr',
        })
      }
    }
    await page.getByTestId('locale-switcher').selectOption('en')
  })

  it('wraps table cells and headings between words, never inside one', async () => {
    // A coordinator with a long address beside short role names squeezes the members table.
    const email = `a-coordinator-with-a-rather-long-address-${runId()}@integration-mentoring.example.org`
    const invited = await pageApi(page, 'POST', `/api/v1/orgs/${DEMO.slug}/invitations`, {
      email,
      role: 'coordinator',
    })
    expect(invited.status).toBe(201)
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}/members`)
    await page.locator('.table').first().waitFor()
    for (const width of [640, 720, 800, 900, 1024]) {
      await page.setViewportSize({ width, height: 900 })
      expect(await brokenWords(page, '.table th, .table td'), `at ${width} px`).toEqual([])
    }
    await page.setViewportSize({ width: 360, height: 800 })
    expect(await brokenWords(page, 'h1, h2'), 'headings at 360 px').toEqual([])
    await page.setViewportSize({ width: 1280, height: 900 })
  })
})

describe('a coordinator’s everyday screens (Chromium)', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []
  const run = runId()
  const slug = `screens-${run}`
  const owner = { name: 'Rosa Owner', email: `rosa-${run}@example.org` }
  /** The owner of the new organization, signed in by the checklist test; the later tests go on with it. */
  let page: Page
  let programId = ''
  const people = { mentee: `Amal Haddad ${run}`, mentor: `Jonas Weber ${run}` }

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', viewport })
    contexts.push(context)
    const p = await context.newPage()
    p.on('pageerror', (e) => pageErrors.push(e.message))
    return p
  }

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  it('greets a stranger with what Tandem is, sign up and sign in, not a health check', async () => {
    const stranger = await newPage({ width: 360, height: 800 })
    await stranger.goto(baseUrl)
    await stranger.getByTestId('start-page').waitFor()
    await stranger.getByTestId('start-signup').waitFor()
    expect(await stranger.locator('h1').textContent()).toBe('Welcome to Tandem')
    expect(await stranger.getByTestId('start-signup').getAttribute('href')).toBe('/signup')
    expect(await stranger.getByTestId('start-sign-in').getAttribute('href')).toBe('/sign-in')
    expect(await stranger.locator('.start__step').count()).toBe(4)
    expect(await stranger.getByTestId('health-status').count()).toBe(0)
    await shot(stranger, 'start-page-phone')
    // Nothing is wider than the phone.
    expect(await stranger.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

    // In Arabic, right to left.
    await stranger.getByTestId('locale-switcher').selectOption('ar')
    await expect.poll(() => stranger.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(await stranger.getByTestId('start-signup').textContent()).toMatch(/[\u0600-\u06FF]/)
    await shot(stranger, 'start-page-phone-ar')
    await stranger.getByTestId('locale-switcher').selectOption('en')

    await stranger.getByTestId('start-signup').click()
    await stranger.waitForURL(`${baseUrl}/signup`)

    // The service's health moved to the About page.
    await stranger.goto(`${baseUrl}/about`)
    await stranger.getByTestId('health-status').and(stranger.locator('[data-state="ok"]')).waitFor()
  })

  it('sends someone signed in on to their organizations', async () => {
    const member = await newPage()
    await signIn(member, baseUrl, DEMO.ownerEmail)
    await member.goto(baseUrl)
    const orgs = member.getByTestId('home-orgs')
    await orgs.waitFor()
    expect(await member.getByTestId('start-page').count()).toBe(0)
    expect(await orgs.locator(`a[href="/orgs/${DEMO.slug}"]`).count()).toBe(1)
  })

  it('shows a new organization its first steps, ticked from its data, gone once done', async () => {
    page = await newPage()
    await page.goto(`${baseUrl}/about`)
    const signedUp = await pageApi(page, 'POST', '/api/v1/signup', {
      organization: {
        name: `Screens ${run}`,
        slug,
        kind: 'ngo',
        country: 'DE',
        timezone: 'Europe/Berlin',
        defaultLocale: 'en',
      },
      admin: owner,
    })
    expect(signedUp.status).toBe(201)
    await signIn(page, baseUrl, owner.email)

    const steps = () =>
      page
        .getByTestId('first-step')
        .evaluateAll((items) =>
          items.map((li) => [li.getAttribute('data-step'), li.getAttribute('data-done')]),
        )
    await page.goto(`${baseUrl}/orgs/${slug}`)
    await page.getByTestId('first-steps').waitFor()
    expect(await steps()).toEqual([
      ['program', 'false'],
      ['form', 'false'],
      ['mentors', 'false'],
      ['match', 'false'],
    ])
    expect(await page.getByTestId('first-steps-progress').textContent()).toBe('0 of 4 done')
    await shot(page, 'first-steps-new-org')
    // Before there is a program, only the first step links somewhere: to where programs are created.
    const links = page.getByTestId('first-step-link')
    expect(await links.count()).toBe(1)
    await links.first().click()
    await page.waitForURL(`${baseUrl}/orgs/${slug}/programs`)

    programId = await createProgram(page, slug, {
      name: 'Welcome Circle',
      languages: ['de', 'ar'],
      status: 'active',
    })
    const base = `/api/v1/orgs/${slug}/programs/${programId}`
    const enroll = async (body: Record<string, unknown>) => {
      const res = await pageApi<{ id: string }>(page, 'POST', `${base}/participants`, {
        preferredLocale: 'de',
        ...body,
      })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      return res.body.id
    }
    // A newcomer who speaks only Arabic, a mentor who speaks only German: no shared language.
    const menteeId = await enroll({
      role: 'mentee',
      displayName: people.mentee,
      preferredLocale: 'ar',
      languages: [{ code: 'ar', level: 'native' }],
    })
    const mentorId = await enroll({
      role: 'mentor',
      displayName: people.mentor,
      languages: [{ code: 'de', level: 'native' }],
    })
    await page.goto(`${baseUrl}/orgs/${slug}`)
    await page.locator('[data-testid="first-step"][data-step="form"][data-done="true"]').waitFor()
    expect(await steps()).toEqual([
      ['program', 'true'],
      ['form', 'true'],
      ['mentors', 'false'],
      ['match', 'false'],
    ])
    const hrefs = await page
      .getByTestId('first-step-link')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(hrefs).toEqual([
      `/orgs/${slug}/programs`,
      `/orgs/${slug}/programs/${programId}/settings`,
      `/orgs/${slug}/programs/${programId}?role=mentor`,
      `/orgs/${slug}/programs/${programId}/matching`,
    ])

    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
    const screening = `${base}/participants/${mentorId}/screening`
    const steps1 = await pageApi(page, 'PATCH', screening, {
      references: [
        { name: 'A. Referee', relation: 'employer', status: 'received', receivedOn: day(-10) },
        { name: 'B. Referee', relation: 'neighbor', status: 'received', receivedOn: day(-9) },
      ],
      checkStatus: 'clear',
      checkedOn: day(-5),
      checkExpiresOn: day(365),
      safetyAcknowledged: true,
    })
    expect(steps1.status, JSON.stringify(steps1.body)).toBe(200)
    const approved = await pageApi(page, 'PATCH', screening, { approved: true })
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)
    await page.reload()
    await page.locator('[data-testid="first-step"][data-step="mentors"][data-done="true"]').waitFor()
    expect(await page.getByTestId('first-steps-progress').textContent()).toBe('3 of 4 done')
    await shot(page, 'first-steps-three-done')
    expect(menteeId).toBeTruthy()
  })

  it('matches a newcomer and a mentor by hand, overriding a broken rule with a written reason', async () => {
    await page.goto(`${baseUrl}/orgs/${slug}`)
    await page
      .locator('[data-testid="first-step"][data-step="match"] [data-testid="first-step-link"]')
      .click()
    await page.waitForURL(`${baseUrl}/orgs/${slug}/programs/${programId}/matching`)
    const section = page.getByTestId('manual-match')
    await section.getByTestId('manual-open').click()
    // Both lists offer only who may be paired; a search narrows them.
    await section.getByTestId('manual-mentee-search').fill('Amal')
    await expect
      .poll(() => section.getByTestId('manual-mentee').locator('option').allTextContents())
      .toEqual(['Choose…', expect.stringContaining(people.mentee)])
    await section.getByTestId('manual-mentee').selectOption({ label: await optionLabel('manual-mentee') })
    await expect.poll(() => section.getByTestId('manual-mentor').locator('option').count()).toBe(2)
    await section.getByTestId('manual-mentor').selectOption({ index: 1 })
    await section.getByTestId('manual-submit').click()

    // The pair breaks a rule: the 409's constraints are shown in words, and a reason is asked for.
    const refusal = section.getByTestId('manual-refusal')
    await refusal.waitFor()
    expect(await refusal.getAttribute('data-kind')).toBe('override')
    expect(
      await section
        .getByTestId('manual-failure')
        .evaluateAll((li) => li.map((x) => x.getAttribute('data-code'))),
    ).toEqual(['no_shared_language'])
    expect(await section.getByTestId('manual-failures').textContent()).toContain(
      'No shared language at the level the program asks for',
    )
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'manual-reason',
    )
    await shot(page, 'manual-match-override')
    // Too short a reason is refused before anything is sent.
    await section.getByTestId('manual-reason').fill('trust me')
    await section.getByTestId('manual-override').click()
    await section.getByTestId('manual-reason-error').waitFor()
    expect(await section.getByTestId('manual-reason-error').textContent()).toBe(
      'Write at least 10 characters.',
    )
    const reason = 'An interpreter joins their first three meetings.'
    await section.getByTestId('manual-reason').fill(reason)
    await section.getByTestId('manual-override').click()
    await expect.poll(() => page.getByTestId('board-notice').textContent()).toContain('are matched')
    const row = page.getByTestId('match-row').first()
    await row.waitFor()
    expect(await row.textContent()).toContain(people.mentee)

    const matches = await pageApi<{
      items: { overrideReason: string | null; mentee: { displayName: string } }[]
    }>(page, 'GET', `/api/v1/orgs/${slug}/programs/${programId}/matches`)
    expect(matches.body.items).toMatchObject([
      { overrideReason: reason, mentee: { displayName: people.mentee } },
    ])

    // Every first step is done: the checklist is gone.
    await page.goto(`${baseUrl}/orgs/${slug}`)
    await page.getByTestId('org-name').waitFor()
    await page.getByTestId('members-link').waitFor()
    expect(await page.getByTestId('first-steps').count()).toBe(0)

    async function optionLabel(testid: string) {
      return (await section.getByTestId(testid).locator('option').nth(1).textContent()) ?? ''
    }
  })

  it('reads the audit log as sentences, filtered and page by page', async () => {
    // Enough entries for a second page: the program's settings saved again and again.
    for (let i = 0; i < 52; i++) {
      const saved = await pageApi(page, 'PATCH', `/api/v1/orgs/${slug}/programs/${programId}`, {
        description: `Revision ${i}`,
      })
      expect(saved.status).toBe(200)
    }
    await page.goto(`${baseUrl}/orgs/${slug}`)
    await page.getByTestId('audit-link').click()
    await page.waitForURL(`${baseUrl}/orgs/${slug}/audit`)
    const entries = page.getByTestId('audit-entry')
    await entries.first().waitFor()
    expect(await entries.count()).toBe(50)
    const texts = await page.getByTestId('audit-text').allTextContents()
    expect(texts[0]).toBe(
      'Rosa Owner changed the settings of the program Welcome Circle.'.replace(
        /(Rosa Owner|Welcome Circle)/g,
        '\u2068$1\u2069',
      ),
    )
    await shot(page, 'audit-log')
    await page.getByTestId('audit-older').click()
    await expect.poll(() => entries.count()).toBeGreaterThan(50)
    await expect.poll(() => page.getByTestId('audit-older').count()).toBe(0)
    const all = (await page.getByTestId('audit-text').allTextContents()).map((t) =>
      t.replace(/[\u2068\u2069]/g, ''),
    )
    expect(all).toContain(
      `Rosa Owner matched ${people.mentee} with ${people.mentor} by hand, overriding: No shared language at the level the program asks for.`,
    )
    expect(all).toContain(`Rosa Owner approved ${people.mentor} as a mentor.`)
    expect(all).toContain('Rosa Owner created the program Welcome Circle.')
    expect(all).toContain('Rosa Owner created the organization.')
    expect(all.join('\n')).not.toMatch(/\b(match|program|org|auth)\.[a-z_]+/) // no action codes
    const details = (await page.getByTestId('audit-detail').allTextContents()).map((t) =>
      t.replace(/[\u2068\u2069]/g, ''),
    )
    expect(details).toContain('Reason given: “An interpreter joins their first three meetings.”')
    // Each entry says when.
    expect(await page.locator('.audit__when time').first().getAttribute('datetime')).toMatch(
      /^\d{4}-\d\d-\d\dT/,
    )

    // One area only.
    await page.getByTestId('audit-area').selectOption('matching')
    await page.waitForURL(`${baseUrl}/orgs/${slug}/audit?area=matching`)
    await expect
      .poll(() =>
        page.getByTestId('audit-entry').evaluateAll((li) => li.map((x) => x.getAttribute('data-action'))),
      )
      .toEqual(['match.created'])
    // One action by one member, both kept in the address (the CSV export takes the same filters).
    await page.getByTestId('audit-area').selectOption('')
    await page.getByTestId('audit-action').selectOption('program.created')
    await page.getByTestId('audit-actor').selectOption({ label: 'Rosa Owner' })
    await page.waitForURL(/\/audit\?action=program\.created&actor=[a-z2-7]{24}$/)
    await expect
      .poll(() =>
        page.getByTestId('audit-entry').evaluateAll((li) => li.map((x) => x.getAttribute('data-action'))),
      )
      .toEqual(['program.created'])

    // In Arabic the sentences are Arabic, right to left.
    await page.getByTestId('locale-switcher').selectOption('ar')
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(await page.getByTestId('audit-text').first().textContent()).toMatch(/[\u0600-\u06FF]/)
    await shot(page, 'audit-log-ar')
    await page.getByTestId('locale-switcher').selectOption('en')

    expect(pageErrors).toEqual([])
  })

  it('found no serious or critical accessibility violation on any screen kept above', () => {
    expect(violations).toEqual([])
  })
})
