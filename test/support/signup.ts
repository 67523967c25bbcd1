import type { Page } from 'playwright-core'

/** What the sign-up form asks; `slug` left out keeps the one suggested from the name. */
export interface SignupForm {
  name: string
  slug?: string
  kind: 'city' | 'ngo'
  country: string
  /** With `country: 'other'`: the two-letter code typed in. */
  countryCode?: string
  timezone: string
  /** Left out: the form's default language. */
  language?: string
  adminName: string
  adminEmail: string
}

/** Fills in the sign-up form at /signup (the caller sends it and waits for the answer it expects). */
export async function fillSignup(page: Page, form: SignupForm): Promise<void> {
  await page.getByTestId('signup-name').fill(form.name)
  if (form.slug !== undefined) await page.getByTestId('signup-slug').fill(form.slug)
  await page.getByTestId('signup-kind').selectOption(form.kind)
  await page.getByTestId('signup-country').selectOption(form.country)
  if (form.countryCode !== undefined) await page.getByTestId('signup-country-code').fill(form.countryCode)
  await page.getByTestId('signup-timezone').fill(form.timezone)
  if (form.language !== undefined) await page.getByTestId('signup-language').selectOption(form.language)
  await page.getByTestId('signup-admin-name').fill(form.adminName)
  await page.getByTestId('signup-admin-email').fill(form.adminEmail)
}
