import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type AxeViolation, checkPage } from './support/axe'
import { launchBrowser } from './support/browser'
import { createProgram, DEMO, pageApi, runId, signIn } from './support/session'

const baseUrl = inject('baseUrl')
const run = runId()
const applicant = { name: 'أمل خليل', email: `amal-${run}@example.com`, phone: '+49 30 1234567' }
const phoneOnly = { name: 'Farid Ahmadi', phone: `+49 176 ${String(Date.now()).slice(-7)}` }
const orgContact = { contactEmail: 'hallo@demo-city.example', contactPhone: '+49 30 9876543' }
const PHONE = { width: 360, height: 740 }

interface Summary {
  id: string
  displayName: string
  email: string | null
  phone: string | null
  contactPreference: string | null
  status: string
}

/** The step the form shows ("Step 2 of 4" in the page's language; the number is in `data-step`). */
const stepOf = async (page: Page) => Number(await page.getByTestId('intake-step').getAttribute('data-step'))

/** The form's drafts on the device (localStorage), as stored. */
const drafts = (page: Page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('tandem.intake.'))
      .map((key) => localStorage.getItem(key) ?? ''),
  )

describe('public intake form on a phone (Chromium)', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []
  let owner: Page
  let programId: string
  const pageErrors: string[] = []
  /** Serious and critical axe findings on every page and step visited (screenshots kept under test-results/intake). */
  const violations: AxeViolation[] = []
  const check = async (page: Page, name: string) =>
    violations.push(...(await checkPage(page, 'intake', name)))

  const phoneContext = async (locale = 'en-US') => {
    const context = await browser.newContext({ locale, viewport: PHONE, isMobile: true, hasTouch: true })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    return page
  }

  beforeAll(async () => {
    browser = await launchBrowser()
    const context = await browser.newContext({ locale: 'en-US' })
    contexts.push(context)
    owner = await context.newPage()
    await signIn(owner, baseUrl, DEMO.ownerEmail)
    programId = await createProgram(owner, DEMO.slug, {
      name: `Nachbarschaftstandems ${run}`,
      description: 'Wir treffen uns alle zwei Wochen.',
      languages: ['de', 'ar', 'prs'],
      interests: ['cooking', 'football', 'backgammon'],
      // The program names its own code in Arabic; common codes have names of their own in every language.
      labels: { interests: { backgammon: { ar: 'طاولة الزهر' } } },
      intakeFields: { phone: true, settlementNeeds: true, availability: true, demographics: true },
      status: 'active',
    })
    const contact = await pageApi(owner, 'PATCH', `/api/v1/orgs/${DEMO.slug}`, orgContact)
    expect(contact.status).toBe(200)
  })
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  it('applies in Arabic, right to left, on a 360 px phone, step by step; a reload midway keeps the answers', {
    timeout: 180_000,
  }, async () => {
    // A phone set to English: the person picks Arabic on the form itself.
    const page = await phoneContext()
    await page.goto(`${baseUrl}/apply/${DEMO.slug}/${programId}`)
    await page.getByTestId('intake-form').waitFor()
    // The header is only the brand: no menu, no "Sign in" or "Sign up" for someone who came to apply.
    await page.getByTestId('site-header').waitFor()
    for (const testid of ['sign-in-link', 'sign-up-link', 'locale-switcher', 'nav-programs']) {
      expect(await page.getByTestId(testid).count(), testid).toBe(0)
    }
    expect(await page.getByTestId('intake-step').textContent()).toBe('Step 1 of 4')
    // Nothing is kept before the person answers anything, and the form says what it keeps.
    expect(await drafts(page)).toEqual([])
    expect(await page.getByTestId('intake-kept').textContent()).toContain('location')

    await page.getByTestId('intake-language-ar').click()
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor()
    await expect.poll(() => page.getByTestId('intake-step').textContent()).toContain('الخطوة')
    expect(await page.getByTestId('intake-next').textContent()).toBe('التالي')
    expect(await page.getByTestId('intake-language-ar').getAttribute('aria-pressed')).toBe('true')
    await check(page, 'form-ar-step-1')

    // Nothing sticks out sideways on a 360 px screen; the buttons are big enough to tap.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    const nextBox = await page.getByTestId('intake-next').boundingBox()
    expect(nextBox?.height).toBeGreaterThanOrEqual(44)

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

    // Step 1 unanswered: each missing answer is shown at its question, in Arabic, and the step stays.
    await page.getByTestId('intake-next').click()
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
    expect(await stepOf(page)).toBe(1)
    await check(page, 'form-ar-step-1-errors')

    await page.getByTestId('intake-role-mentee').check()
    await nameInput.fill(applicant.name)
    await page.getByTestId('intake-next').click()
    await expect.poll(() => stepOf(page)).toBe(2)
    // The step's heading has focus, so a screen reader says where the person is.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('intake-step-heading')

    // Step 2: an email address or a phone number is needed.
    await page.getByTestId('intake-next').click()
    await page.getByTestId('intake-phone-error').waitFor()
    expect(await page.getByTestId('intake-email-error').textContent()).toBe(
      'من فضلك اكتب رقم هاتفك أو بريدك الإلكتروني، لنتمكّن من التواصل معك.',
    )
    // An email the API refuses (caught at the end), a phone number, and WhatsApp.
    await check(page, 'form-ar-step-2-errors')
    await page.getByTestId('intake-email').fill('amal@')
    await page.getByTestId('intake-phone').fill(applicant.phone)
    await page.getByTestId('intake-contact-whatsapp').check()
    await page.getByTestId('intake-next').click()
    await expect.poll(() => stepOf(page)).toBe(3)

    await page.getByTestId('intake-language-code').selectOption('ar')
    await page.getByTestId('intake-language-level').selectOption('native')
    await page.getByTestId('intake-language-add').click()
    await page.getByTestId('intake-language-code').nth(1).selectOption('de')
    await page.getByTestId('intake-language-level').nth(1).selectOption('A2')
    // Interests read as words in Arabic, not as codes: shipped names, and the program's own name for its code.
    const interest = (code: string) =>
      page.getByTestId(`intake-interest-${code}`).evaluate((input) => input.closest('label')?.textContent)
    expect(await interest('cooking')).toBe('الطبخ')
    expect(await interest('football')).toBe('كرة القدم')
    expect(await interest('backgammon')).toBe('طاولة الزهر')
    await page.getByTestId('intake-slot-sat-pm').check()
    await page.getByTestId('intake-interest-backgammon').check()
    await check(page, 'form-ar-step-3')

    // The browser reloads midway (a dropped connection, the phone closing the tab): nothing is lost.
    await expect.poll(async () => (await drafts(page)).join()).toContain('"level":"A2"')
    await page.reload()
    await page.getByTestId('intake-form').waitFor()
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor()
    expect(await stepOf(page)).toBe(3)
    await page.getByTestId('intake-kept-status').filter({ hasText: 'أهلًا بعودتك' }).waitFor()
    expect(await page.getByTestId('intake-language-code').nth(1).inputValue()).toBe('de')
    expect(await page.getByTestId('intake-language-level').nth(1).inputValue()).toBe('A2')
    expect(await page.getByTestId('intake-slot-sat-pm').isChecked()).toBe(true)
    await page.getByTestId('intake-back').click()
    await expect.poll(() => stepOf(page)).toBe(2)
    expect(await page.getByTestId('intake-phone').inputValue()).toBe(applicant.phone)
    expect(await page.getByTestId('intake-contact-whatsapp').isChecked()).toBe(true)
    await page.getByTestId('intake-back').click()
    expect(await page.getByTestId('intake-name').inputValue()).toBe(applicant.name)
    await page.getByTestId('intake-next').click()
    await page.getByTestId('intake-next').click()
    await page.getByTestId('intake-next').click()
    await expect.poll(() => stepOf(page)).toBe(4)

    // Step 4: what the person needs and the agreement are never written to the device.
    await page.getByTestId('intake-need-housing').check()
    // A year the API refuses (before 1950): its code reads in Arabic at the year's input, with the limit.
    await page.getByTestId('intake-demographics-consent').check()
    await page.getByTestId('intake-arrival').fill('1900')
    await page.getByTestId('intake-consent-box').check()
    expect(await page.getByTestId('intake-consent-text').getAttribute('dir')).toBe('rtl')
    await expect.poll(() => page.getByTestId('intake-consent-text').textContent()).toContain('نحن فريق')
    const kept = (await drafts(page)).join()
    expect(kept).toContain(applicant.name)
    expect(kept).not.toContain('housing')
    expect(kept).not.toContain('consent')
    expect(await page.getByTestId('intake-submit').textContent()).toBe('إرسال')
    await check(page, 'form-ar-step-4')

    // Sent: the API refuses the email; the form goes back to that step, shows why in Arabic, and focuses it.
    await page.getByTestId('intake-submit').click()
    const emailError = page.getByTestId('intake-email-error')
    await emailError.waitFor()
    expect(await emailError.textContent()).toBe('يبدو أن هذا البريد الإلكتروني غير صحيح. من فضلك تحقّق منه.')
    expect(await stepOf(page)).toBe(2)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('intake-email')
    expect(await page.getByTestId('intake-name-error').count()).toBe(0)

    // Correct it and send: the thank-you screen says how the organization is reached.
    await page.getByTestId('intake-email').fill(applicant.email)
    await page.getByTestId('intake-next').click()
    await page.getByTestId('intake-next').click()
    await expect.poll(() => stepOf(page)).toBe(4)
    expect(await page.getByTestId('intake-consent-box').isChecked()).toBe(true)
    expect(await page.getByTestId('intake-arrival-error').textContent()).toBe('أدخل رقمًا لا يقل عن 1950.')
    expect(await page.getByTestId('intake-arrival').getAttribute('aria-invalid')).toBe('true')
    await page.getByTestId('intake-arrival').fill('2016')
    await page.getByTestId('intake-submit').click()
    const done = page.getByTestId('intake-done')
    await done.waitFor()
    expect(await done.textContent()).toContain('شكرًا لك!')
    expect(await page.getByTestId('intake-done-email').textContent()).toContain(applicant.email)
    expect(await page.getByTestId('intake-done-phone').textContent()).toContain('واتساب')
    expect(await page.getByTestId('intake-org-phone').getAttribute('href')).toBe('tel:+49309876543')
    expect(await page.getByTestId('intake-org-email').textContent()).toBe(orgContact.contactEmail)
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await check(page, 'form-ar-done')
    // Sent: nothing of the application stays on the device.
    expect(await drafts(page)).toEqual([])

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
      contactPreference: string | null
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
      phone: applicant.phone,
      contactPreference: 'whatsapp',
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

    // In the web client, the coordinator sees the consent and how the person likes to be reached.
    await owner.goto(
      `${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/participants/${list.body.items[0]?.id}`,
    )
    await owner.getByTestId('participant-consent').waitFor()
    // The profile reads the time to meet as a weekday and part of the day, not as `sat-pm`.
    const details = await owner.getByTestId('participant-details').textContent()
    expect(details).toContain('Saturday: afternoon')
    expect(details).not.toContain('sat-pm')
    expect(await owner.getByTestId('participant-contact-preference').textContent()).toBe('WhatsApp')
    await check(owner, 'participant-profile')
    expect(pageErrors).toEqual([])
    expect(violations).toEqual([])
  })

  it('takes an application with a phone number and no email, from a Dari flyer link', {
    timeout: 120_000,
  }, async () => {
    const page = await phoneContext('de-DE')
    // The flyer's link names the language: Dari readers get the Persian form, whatever the phone's language.
    await page.goto(`${baseUrl}/apply/${DEMO.slug}/${programId}?lang=prs`)
    await page.locator('html[lang="fa"][dir="rtl"]').waitFor()
    await page.getByTestId('intake-form').waitFor()
    await page.getByTestId('intake-role-mentee').check()
    await page.getByTestId('intake-name').fill(phoneOnly.name)
    await page.getByTestId('intake-next').click()
    await page.getByTestId('intake-phone').fill(phoneOnly.phone)
    await page.getByTestId('intake-contact-sms').check()
    await page.getByTestId('intake-next').click()
    await expect.poll(() => stepOf(page)).toBe(3)
    await page.getByTestId('intake-language-code').selectOption('prs')
    await page.getByTestId('intake-language-level').selectOption('native')
    await page.getByTestId('intake-next').click()
    await page.getByTestId('intake-consent-box').check()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await check(page, 'form-fa-step-4')
    await page.getByTestId('intake-submit').click()
    await page.getByTestId('intake-done').waitFor()
    expect(await page.getByTestId('intake-done-email').count()).toBe(0)
    const phoneLine = await page.getByTestId('intake-done-phone').textContent()
    expect(phoneLine).toContain(phoneOnly.phone)
    expect(phoneLine).toContain('پیامک')

    // The coordinator sees the phone number and the way to use it, in the list.
    const list = await pageApi<{ items: Summary[] }>(
      owner,
      'GET',
      `/api/v1/orgs/${DEMO.slug}/programs/${programId}/participants?q=${encodeURIComponent('farid ahmadi')}`,
    )
    expect(list.body.items).toEqual([
      expect.objectContaining({ email: null, phone: phoneOnly.phone, contactPreference: 'sms' }),
    ])
    await owner.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}?q=farid`)
    const row = owner.getByTestId('participant-row').filter({ hasText: phoneOnly.name })
    await row.waitFor()
    expect(await row.getByTestId('participant-contact').textContent()).toContain(phoneOnly.phone)
    expect(await row.getByTestId('participant-contact-preference').textContent()).toContain('SMS')
    await check(owner, 'participants-list')
    expect(pageErrors).toEqual([])
    expect(violations).toEqual([])
  })

  it('gives coordinators the form’s link per language, with a copy button and a printable QR code', {
    timeout: 120_000,
  }, async () => {
    const context = owner.context()
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl })
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await page.setViewportSize(PHONE)
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}`)
    await page.getByTestId('form-links-link').click()
    await page.getByTestId('form-links').waitFor()

    // One entry per language of the program the form speaks (Dari: the Persian form), in the program's order.
    const links = page.getByTestId('form-link')
    await expect.poll(() => links.count()).toBe(3)
    expect(await links.evaluateAll((items) => items.map((li) => li.getAttribute('data-locale')))).toEqual([
      'de',
      'ar',
      'fa',
    ])
    expect(await page.getByTestId('form-link-for-fa').textContent()).toContain('Dari')
    const url = `${baseUrl}/apply/${DEMO.slug}/${programId}?lang=ar`
    expect(await page.getByTestId('form-link-url-ar').inputValue()).toBe(url)
    // The QR codes are drawn once the encoder is loaded (its own chunk).
    for (const code of ['de', 'ar', 'fa']) {
      await page.locator(`[data-testid="form-link-qr-${code}"][data-state="ready"]`).waitFor()
    }
    const qr = page.getByTestId('form-link-qr-ar')
    expect(await qr.getAttribute('role')).toBe('img')
    expect(await qr.getAttribute('aria-label')).toContain('Arabic')
    expect(await qr.evaluate((svg) => svg.tagName.toLowerCase())).toBe('svg')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await check(page, 'form-links')

    // Copy: the link lands on the clipboard, and the page says so.
    await page.getByTestId('form-link-copy-ar').click()
    await expect.poll(() => page.getByTestId('form-link-copied-ar').textContent()).toBe('Link copied.')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url)

    // The flyer: Arabic text, right to left, with the QR code, the address and the organization's contact.
    await page.getByTestId('form-link-print-ar').click()
    const flyer = page.getByTestId('flyer')
    await flyer.waitFor()
    expect(await flyer.getAttribute('lang')).toBe('ar')
    expect(await flyer.getAttribute('dir')).toBe('rtl')
    const text = (await flyer.textContent()) ?? ''
    expect(text).toContain('امسح الرمز بكاميرا هاتفك.')
    expect(text).toContain(url)
    expect(text).toContain(orgContact.contactPhone)
    await page.locator('[data-testid="flyer-qr"][data-state="ready"]').waitFor()
    expect(await page.getByTestId('flyer-print').textContent()).toBe('Print')
    await check(page, 'flyer-ar')
    // Printed, only the flyer shows: not the site's header, the breadcrumbs or the print button.
    await page.emulateMedia({ media: 'print' })
    for (const selector of ['.site-header', '.breadcrumb', '[data-testid="flyer-print"]']) {
      expect(await page.locator(selector).isVisible(), selector).toBe(false)
    }
    expect(await flyer.isVisible()).toBe(true)
    await page.emulateMedia({ media: 'screen' })

    // An admin changes how applicants reach the organization on its page.
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}`)
    await page.getByTestId('org-contact-form').waitFor()
    expect(await page.getByTestId('org-contact-email').inputValue()).toBe(orgContact.contactEmail)
    await page.getByTestId('org-contact-phone').fill('call us')
    await page.getByTestId('org-contact-save').click()
    await page.getByTestId('org-contact-phone-error').waitFor()
    await page.getByTestId('org-contact-phone').fill(orgContact.contactPhone)
    await page.getByTestId('org-contact-save').click()
    await expect.poll(() => page.getByTestId('org-contact-notice').textContent()).toBe('Contact saved.')
    await check(page, 'org-contact')
    await page.close()
    expect(pageErrors).toEqual([])
    expect(violations).toEqual([])
  })

  it('answers a closed or unknown form with a plain message', async () => {
    const context = await browser.newContext({ locale: 'ar', viewport: PHONE })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await page.goto(`${baseUrl}/apply/${DEMO.slug}/aaaaaaaaaaaaaaaaaaaaaaaa`)
    await page.getByTestId('intake-closed').waitFor()
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(pageErrors).toEqual([])
  })
})
