import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type AxeViolation, checkPage } from './support/axe'
import { launchBrowser } from './support/browser'
import { linkTo, listMailbox, waitForMail } from './support/mailbox'
import { createProgram, DEMO, runId, signIn } from './support/session'
import { newTandem } from './support/tandem'

const baseUrl = inject('baseUrl')

/** The required questions of the baseline template, and an answer to each (a Likert point or an option code). */
const REQUIRED: [string, string][] = [
  ['confidence.everyday', '3'],
  ['confidence.services', '2'],
  ['language.use', 'weekly'],
  ['language.confidence', '3'],
  ['work.status', 'looking'],
  ['work.prospects', '4'],
  ['education.own', 'language-course'],
  ['education.children', 'every-day'],
  ['belonging', '3'],
]

describe('a baseline survey answered in Arabic on a phone and in Ukrainian (Chromium)', () => {
  let browser: Browser
  let coordinatorContext: BrowserContext
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
    await coordinatorContext?.close()
    await browser?.close()
  })

  it('a coordinator adds the baseline, two newcomers answer in their languages, the counts show', {
    timeout: 60_000,
  }, async () => {
    const run = runId()
    const violations: AxeViolation[] = []
    const programId = await createProgram(coordinator, DEMO.slug, {
      name: `Surveys ${run}`,
      languages: ['ar', 'uk', 'de'],
      trainingModules: [
        { id: 'safeguarding', title: 'Safeguarding' },
        { id: 'intercultural', title: 'Intercultural' },
      ],
    })

    // 1. The coordinator adds the baseline template on the program's surveys page.
    const surveysUrl = `${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/surveys`
    await coordinator.goto(surveysUrl)
    await expect.poll(() => coordinator.getByTestId('surveys-empty').count()).toBe(1)
    await coordinator.getByTestId('survey-template').selectOption('newcomer-baseline')
    await coordinator.getByTestId('survey-add').click()
    await expect.poll(() => coordinator.getByTestId('survey-card').count()).toBe(1)
    expect(await coordinator.getByTestId('survey-counts').textContent()).toContain('Invited: 0')
    violations.push(...(await checkPage(coordinator, 'surveys', 'surveys-en')))

    // 2. Two tandems start: an Arabic-speaking and a Ukrainian-speaking newcomer.
    const tandem = async (name: string, locale: string) => {
      const email = `survey-${name.toLowerCase()}-${run}@example.org`
      await newTandem(
        coordinator,
        programId,
        {
          mentee: {
            displayName: `${name} Survey${run}`,
            email,
            preferredLocale: locale,
            languages: [{ code: locale, level: 'native' }],
          },
          mentor: {
            displayName: `Mentor${name} Survey${run}`,
            email: `survey-mentor-${name.toLowerCase()}-${run}@example.org`,
            preferredLocale: 'de',
            languages: [
              { code: 'de', level: 'native' },
              { code: locale, level: 'native' },
            ],
          },
        },
        { reason: 'Browser test: a tandem for the baseline survey.' },
      )
      return email
    }
    const salma = await tandem('Salma', 'ar')
    const olena = await tandem('Olena', 'uk')
    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    // The scheduler's tick (a minute ago: a tick in the future would expire other tests' sessions).
    const ticked = await fetch(
      `${baseUrl}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${Date.now() - 60_000}`,
    )
    expect(ticked.status).toBe(200)
    const surveyMail = (to: string) =>
      waitForMail(baseUrl, to, { seen, match: (m) => m.links.some((l) => new URL(l).pathname === '/survey') })

    // 3. Salma answers on a 360-pixel phone, in Arabic, right to left.
    const arabic = await surveyMail(salma)
    expect(arabic.subject).toContain('بضعة أسئلة')
    phoneContext = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    })
    const phone = await phoneContext.newPage()
    phone.on('pageerror', (e) => pageErrors.push(e.message))
    const answer = async (link: string, lang: string, dir: string, privacy: string) => {
      await phone.goto(link)
      await expect.poll(() => phone.getByTestId('survey-form').count()).toBe(1)
      await expect.poll(() => phone.evaluate(() => document.documentElement.lang)).toBe(lang)
      expect(await phone.evaluate(() => document.documentElement.dir)).toBe(dir)
      expect(await phone.getByTestId('survey-privacy').getAttribute('data-anonymous')).toBe('true')
      expect(await phone.getByTestId('survey-privacy').textContent()).toContain(privacy)
      // Every question of choices is a fieldset with its question as legend.
      expect(await phone.locator('fieldset legend').count()).toBeGreaterThanOrEqual(REQUIRED.length)
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
      violations.push(...(await checkPage(phone, 'surveys', `survey-${lang}-360`)))
      for (const [code, value] of REQUIRED) await phone.getByTestId(`survey-${code}-${value}`).check()
      await phone.getByTestId('survey-ties.count').fill('3')
      await phone.getByTestId('survey-barriers-transport').check()
      await phone.getByTestId('survey-send').click()
      await expect.poll(() => phone.getByTestId('survey-done').count()).toBe(1)
      violations.push(...(await checkPage(phone, 'surveys', `survey-done-${lang}-360`)))
    }
    await answer(linkTo(arabic, '/survey'), 'ar', 'rtl', 'مجهول الهوية')

    // 4. Olena answers in Ukrainian (the same phone: each link speaks its person's language).
    const ukrainian = await surveyMail(olena)
    await answer(linkTo(ukrainian, '/survey'), 'uk', 'ltr', 'анонімне')
    // The link was spent: opening it again says so.
    await phone.goto(linkTo(ukrainian, '/survey'))
    await expect.poll(() => phone.getByTestId('survey-closed').getAttribute('data-state')).toBe('used')

    // 5. The coordinator sees two invited and two answered, and no answers yet (below the minimum of 5).
    await coordinator.goto(surveysUrl)
    await expect.poll(() => coordinator.getByTestId('survey-counts').textContent()).toContain('Answered: 2')
    expect(await coordinator.getByTestId('survey-counts').textContent()).toContain('Invited: 2')

    // 6. On a 360-pixel screen the coordinator writes a survey of two questions: a Likert and a single choice.
    // Saving with an option left empty is refused by that option, and nothing typed is lost.
    await coordinator.setViewportSize({ width: 360, height: 800 })
    await coordinator.getByTestId('survey-build-open').click()
    const builder = coordinator.getByTestId('survey-builder')
    await builder.locator('#sb-new-title').fill(`Neighbourhood ${run}`)
    await builder.getByTestId('survey-build-add-question').click()
    await builder.getByTestId('survey-build-text').nth(0).fill('I feel at home in my neighbourhood')
    await builder.getByTestId('survey-build-add-question').click()
    await builder.getByTestId('survey-build-type').nth(1).selectOption('single')
    await builder.getByTestId('survey-build-text').nth(1).fill('How often do you meet your mentor?')
    await builder.getByTestId('survey-build-option').nth(0).fill('Every week')
    expect(await builder.getByTestId('survey-build-missing').textContent()).toContain(
      'option 2 of question 2',
    )
    await builder.getByTestId('survey-build-save').click()
    await expect
      .poll(() => builder.locator('.field__error').first().textContent())
      .toBe('Please fill this in.')
    expect(await builder.locator('[aria-invalid="true"]').getAttribute('data-testid')).toBe(
      'survey-build-option',
    )
    expect(await builder.locator('#sb-new-title').inputValue()).toBe(`Neighbourhood ${run}`)
    expect(await builder.getByTestId('survey-build-text').nth(1).inputValue()).toContain('How often')
    expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    violations.push(...(await checkPage(coordinator, 'surveys', 'survey-builder-360')))
    await builder.getByTestId('survey-build-option').nth(1).fill('Every month')
    // Options are put in order with their own buttons (the first cannot go up).
    expect(await builder.getByTestId('survey-build-option-up').nth(0).isDisabled()).toBe(true)
    await builder.getByTestId('survey-build-option-down').nth(0).click()
    expect(await builder.getByTestId('survey-build-option').nth(0).inputValue()).toBe('Every month')
    expect(await builder.getByTestId('survey-build-option').nth(1).inputValue()).toBe('Every week')
    await builder.getByTestId('survey-build-save').click()
    await expect.poll(() => coordinator.getByTestId('survey-card').count()).toBe(2)
    expect(await coordinator.getByTestId('survey-card').nth(1).locator('h2').textContent()).toBe(
      `Neighbourhood ${run}`,
    )
    // Questions change only while nobody answered: the baseline (answered twice) offers no change.
    expect(await coordinator.getByTestId('survey-edit').count()).toBe(1)
    // The builder in Arabic, right to left, still within 360 pixels, with a question of options.
    await coordinator.getByTestId('locale-switcher').selectOption('ar')
    await expect.poll(() => coordinator.evaluate(() => document.documentElement.dir)).toBe('rtl')
    await coordinator.getByTestId('survey-build-open').click()
    const rtlBuilder = coordinator.getByTestId('survey-builder')
    await rtlBuilder.getByTestId('survey-build-add-question').click()
    await rtlBuilder.getByTestId('survey-build-type').nth(0).selectOption('single')
    expect(await rtlBuilder.getByTestId('survey-build-option-down').count()).toBeGreaterThanOrEqual(1)
    expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    violations.push(...(await checkPage(coordinator, 'surveys', 'survey-builder-ar-360')))
    await coordinator.getByTestId('locale-switcher').selectOption('en')
    await expect.poll(() => coordinator.evaluate(() => document.documentElement.dir)).toBe('ltr')
    await coordinator.reload()
    await coordinator.setViewportSize({ width: 1280, height: 900 })

    await coordinator.getByTestId('survey-card').first().locator('h2 a').click()
    await expect.poll(() => coordinator.getByTestId('results-too-few').count()).toBe(1)
    expect(await coordinator.getByTestId('results-answered').textContent()).toBe('2')
    violations.push(...(await checkPage(coordinator, 'surveys', 'survey-results-en')))

    expect(violations).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
