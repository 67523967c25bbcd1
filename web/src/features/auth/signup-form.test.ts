import { describe, expect, it } from 'vitest'
import { countryChoices, countryOf, OTHER_COUNTRY, signupBody } from './signup-form'

describe('sign-up form', () => {
  it('takes the country from the browser’s language when it is listed', () => {
    expect(countryOf(['de-AT', 'en'])).toBe('AT')
    expect(countryOf(['en-ZZ', 'fr'])).toBe('')
  })

  it('sends another country as its code in capitals, and trims the answers', () => {
    const body = signupBody({
      name: ' City ',
      slug: 'city',
      kind: 'city',
      country: OTHER_COUNTRY,
      countryCode: 'mx ',
      timezone: 'America/Mexico_City',
      defaultLocale: 'es',
      residency: 'default',
      adminName: ' Ana ',
      adminEmail: 'ana@example.org',
    })
    expect(body?.organization).toMatchObject({ name: 'City', country: 'MX' })
    // The default residency is not sent (the deployment's main database); EU residency is.
    expect(body?.organization).not.toHaveProperty('residency')
    expect(body?.admin.name).toBe('Ana')
  })

  it('sorts the countries by name in the UI language', () => {
    const names = countryChoices('en').map((c) => c.name)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')))
  })
})
