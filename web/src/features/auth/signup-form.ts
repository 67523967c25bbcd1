import type { OrgKind } from '@tandem/vocab'

/** The sign-up form's answers and what `POST /api/v1/signup` gets from them (no DOM: tested in Node). */

/** Countries most programs are in; any other is entered as its ISO 3166-1 alpha-2 code. */
export const COUNTRIES =
  'AT AU BE CA CH CZ DE DK EG ES FI FR GB GR IE IT JO LB NL NO PL PT SE TR UA US'.split(' ')
export const OTHER_COUNTRY = 'other'

/** The field paths of the API's errors that the form shows at an input. */
export const SIGNUP_PATHS = [
  'organization.name',
  'organization.slug',
  'organization.kind',
  'organization.country',
  'organization.timezone',
  'organization.defaultLocale',
  'organization.residency',
  'admin.name',
  'admin.email',
] as const

export interface SignupForm {
  name: string
  slug: string
  kind: '' | OrgKind
  country: string
  countryCode: string
  timezone: string
  defaultLocale: string
  /** Where the organization's data is kept (offered only when the deployment has an EU database). */
  residency: 'default' | 'eu'
  adminName: string
  adminEmail: string
}

/** The request body; null until a kind is chosen (the select is required, so the browser asks first). */
export function signupBody(form: SignupForm) {
  const { kind } = form
  if (!kind) return null
  const country = (form.country === OTHER_COUNTRY ? form.countryCode : form.country).trim().toUpperCase()
  return {
    organization: {
      name: form.name.trim(),
      slug: form.slug.trim(),
      kind,
      country,
      timezone: form.timezone.trim(),
      defaultLocale: form.defaultLocale,
      ...(form.residency === 'eu' ? { residency: 'eu' as const } : {}),
    },
    admin: { name: form.adminName.trim(), email: form.adminEmail.trim() },
  }
}

/** The region of a browser language (`de-AT` → `AT`), if it is one of the listed countries. */
export function countryOf(languages: readonly string[]): string {
  for (const tag of languages) {
    const region = /^[a-z]{2,3}-([A-Z]{2})\b/i.exec(tag)?.[1]?.toUpperCase()
    if (region && COUNTRIES.includes(region)) return region
  }
  return ''
}

/** The listed countries with their names in `locale`, in that language's alphabetical order. */
export function countryChoices(locale: string): { code: string; name: string }[] {
  let name = (code: string) => code
  try {
    const names = new Intl.DisplayNames([locale], { type: 'region' })
    name = (code) => names.of(code) ?? code
  } catch {
    // No Intl.DisplayNames: the codes.
  }
  return COUNTRIES.map((code) => ({ code, name: name(code) })).sort((a, b) =>
    a.name.localeCompare(b.name, locale),
  )
}
