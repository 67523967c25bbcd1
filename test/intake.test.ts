import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './support/browser'
import { createProgram, DEMO, pageApi, runId, signIn } from './support/session'

const baseUrl = inject('baseUrl')
const run = runId()
const applicant = { name: 'أمل خليل', email: `amal-${run}@example.com` }

interface Summary {
  id: string
  displayName: string
  email: string | null
  status: string
}

describe('public intake form in Arabic on a phone (Chromium)', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []
  let owner: Page
  let programId: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    const context = await browser.newContext({ locale: 'en-US' })
    contexts.push(context)
    owner = await context.newPage()
    await signIn(owner, baseUrl, DEMO.ownerEmail)
    programId = await createProgram(owner, DEMO.slug, {
      name: `Nachbarschaftstandems ${run}`,
      description: 'Wir treffen uns alle zwei Wochen.',
      languages: ['de', 'ar'],
      interests: ['cooking', 'football', 'backgammon'],
      // The program names its own code in Arabic; common codes have names of their own in every language.
      labels: { interests: { backgammon: { ar: 'طاولة الزهر' } } },
      intakeFields: { phone: true, settlementNeeds: true, availability: true, demographics: true },
      status: 'active',
    })
  })
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  it('applies in Arabic, right to left, on a 360 px phone; errors sit next to their inputs', {
    timeout: 120_000,
  }, async () => {
    // A phone set to English: the person picks Arabic on the form itself.
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await page.goto(`${baseUrl}/apply/${DEMO.slug}/${programId}`)
    await page.getByTestId('intake-form').waitFor()
    expect(await page.getByTestId('intake-consent-text').textContent()).toContain('We, the team of')

    await page.getByTestId('intake-language-ar').click()
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor()
    // The consent text from the API is now the Arabic one, and so are the form's own words.
    await expect.poll(() => page.getByTestId('intake-consent-text').textContent()).toContain('نحن فريق')
    expect(await page.getByTestId('intake-consent-text').getAttribute('dir')).toBe('rtl')
    expect(await page.getByTestId('intake-submit').textContent()).toBe('إرسال')
    expect(await page.getByTestId('intake-language-ar').getAttribute('aria-pressed')).toBe('true')

    // Interests read as words in Arabic, not as codes: shipped names, and the program's own name for its code.
    const interest = (code: string) =>
      page.getByTestId(`intake-interest-${code}`).evaluate((input) => input.closest('label')?.textContent)
    expect(await interest('cooking')).toBe('الطبخ')
    expect(await interest('football')).toBe('كرة القدم')
    expect(await interest('backgammon')).toBe('طاولة الزهر')

    // Nothing sticks out sideways on a 360 px screen; the buttons are big enough to tap.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    const submitBox = await page.getByTestId('intake-submit').boundingBox()
    expect(submitBox?.height).toBeGreaterThanOrEqual(44)

    // The honeypot: hidden from people and assistive technology, out of the tab order.
    const honeypot = page.locator('input[name="website"]')
    expect(await honeypot.getAttribute('tabindex')).toBe('-1')
    expect(await honeypot.getAttribute('autocomplete')).toBe('off')
    expect(await honeypot.evaluate((input) => input.closest('[aria-hidden="true"]') !== null)).toBe(true)
    // Visually hidden: inside a 1 × 1 px box that clips it (not display: none, which some bots skip).
    const trap = await honeypot.evaluate((input) => {
      const box = input.parentElement?.getBoundingClientRect()
      return {
        width: box?.width,
        height: box?.height,
        clip: getComputedStyle(input.parentElement as Element).clipPath,
      }
    })
    expect(trap).toMatchObject({ width: 1, height: 1, clip: 'inset(50%)' })

    // Sending an empty form: each missing answer is shown at its question, in Arabic.
    await page.getByTestId('intake-submit').click()
    const nameError = page.getByTestId('intake-name-error')
    await nameError.waitFor()
    expect(await nameError.textContent()).toBe('من فضلك اكتب اسمك.')
    const nameInput = page.getByTestId('intake-name')
    expect(await nameInput.getAttribute('aria-invalid')).toBe('true')
    expect(await nameInput.getAttribute('aria-describedby')).toContain('intake-name-error')
    // Next to the input: the error is inside the same field, right above it.
    const [errorBox, inputBox] = [await nameError.boundingBox(), await nameInput.boundingBox()]
    expect(errorBox && inputBox && inputBox.y - (errorBox.y + errorBox.height)).toBeLessThan(16)
    await page.getByTestId('intake-role-error').waitFor()
    await page.getByTestId('intake-consent-error').waitFor()

    // Fill it in, with an email the API refuses: the API's field error shows at the email input, in Arabic.
    await page.getByTestId('intake-role-mentee').check()
    await nameInput.fill(applicant.name)
    await page.getByTestId('intake-email').fill('amal@')
    await page.getByTestId('intake-phone').fill('+49 30 1234567')
    await page.getByTestId('intake-language-code').selectOption('ar')
    await page.getByTestId('intake-language-level').selectOption('native')
    await page.getByTestId('intake-language-add').click()
    await page.getByTestId('intake-language-code').nth(1).selectOption('de')
    await page.getByTestId('intake-language-level').nth(1).selectOption('A2')
    await page.getByTestId('intake-need-housing').check()
    await page.getByTestId('intake-slot-sat-pm').check()
    await page.getByTestId('intake-interest-backgammon').check()
    // A year the API refuses (before 1950): its code reads in Arabic at the year's input, with the limit.
    await page.getByTestId('intake-demographics-consent').check()
    await page.getByTestId('intake-arrival').fill('1900')
    await page.getByTestId('intake-consent-box').check()
    await page.getByTestId('intake-submit').click()
    const emailError = page.getByTestId('intake-email-error')
    await emailError.waitFor()
    expect(await emailError.textContent()).toBe('يبدو أن هذا البريد الإلكتروني غير صحيح. من فضلك تحقّق منه.')
    expect(await page.getByTestId('intake-email').getAttribute('aria-invalid')).toBe('true')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('intake-email')
    expect(await page.getByTestId('intake-name-error').count()).toBe(0)
    expect(await page.getByTestId('intake-arrival-error').textContent()).toBe('أدخل رقمًا لا يقل عن 1950.')
    expect(await page.getByTestId('intake-arrival').getAttribute('aria-invalid')).toBe('true')

    // Correct it and send: the thank-you screen.
    await page.getByTestId('intake-email').fill(applicant.email)
    await page.getByTestId('intake-arrival').fill('2016')
    await page.getByTestId('intake-submit').click()
    const done = page.getByTestId('intake-done')
    await done.waitFor()
    expect(await done.textContent()).toContain('شكرًا لك!')
    expect(await done.textContent()).toContain(applicant.email)
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl')

    // The coordinator's view (API): the person is there as "applied", from the form, with consent recorded.
    const base = `/api/v1/orgs/${DEMO.slug}/programs/${programId}/participants`
    const list = await pageApi<{ items: Summary[] }>(
      owner,
      'GET',
      `${base}?q=${encodeURIComponent(applicant.email)}`,
    )
    expect(list.status).toBe(200)
    expect(list.body.items).toHaveLength(1)
    const person = await pageApi<{
      displayName: string
      status: string
      source: string
      role: string
      preferredLocale: string
      consentVersion: string | null
      consentAt: string | null
      phone: string | null
      languages: { code: string; level: string }[]
      settlementNeeds: string[]
      availability: string[]
      interests: string[]
      history: { kind: string; detail: Record<string, unknown> }[]
    }>(owner, 'GET', `${base}/${list.body.items[0]?.id}`)
    expect(person.body).toMatchObject({
      displayName: applicant.name,
      status: 'applied',
      source: 'intake',
      role: 'mentee',
      preferredLocale: 'ar',
      phone: '+49 30 1234567',
      languages: [
        { code: 'ar', level: 'native' },
        { code: 'de', level: 'A2' },
      ],
      settlementNeeds: ['housing'],
      availability: ['sat-pm'],
      interests: ['backgammon'],
    })
    expect(person.body.consentVersion).toBeTruthy()
    expect(person.body.consentAt).toBeTruthy()
    const consent = person.body.history.find((e) => e.kind === 'consent')
    expect(consent?.detail).toMatchObject({ version: person.body.consentVersion, locale: 'ar' })

    // In the web client, the coordinator sees the consent on the profile.
    await owner.goto(
      `${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/participants/${list.body.items[0]?.id}`,
    )
    await owner.getByTestId('participant-consent').waitFor()
    // The profile reads the time to meet as a weekday and part of the day, not as `sat-pm`.
    const details = await owner.getByTestId('participant-details').textContent()
    expect(details).toContain('Saturday: afternoon')
    expect(details).not.toContain('sat-pm')
    expect(pageErrors).toEqual([])
  })

  it('answers a closed or unknown form with a plain message', async () => {
    const context = await browser.newContext({ locale: 'ar', viewport: { width: 360, height: 740 } })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await page.goto(`${baseUrl}/apply/${DEMO.slug}/aaaaaaaaaaaaaaaaaaaaaaaa`)
    await page.getByTestId('intake-closed').waitFor()
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(pageErrors).toEqual([])
  })
})
