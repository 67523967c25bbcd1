import { describe, expect, it } from 'vitest'
import { LOCALES } from './locales'
import { roleLabel, roleName, TERMS } from './terms'

describe('terms', () => {
  it('name every role in every language', () => {
    for (const locale of LOCALES) {
      const names = Object.values(TERMS[locale].role)
      expect(names, locale).toHaveLength(6)
      expect(
        names.every((name) => name.trim().length > 0),
        locale,
      ).toBe(true)
      expect(TERMS[locale].signIn.length, locale).toBeGreaterThan(0)
    }
  })

  it('give a role inside a sentence, or as a label', () => {
    expect(roleName('en', 'admin')).toBe('administrator')
    expect(roleLabel('en', 'admin')).toBe('Administrator')
    expect(roleLabel('uk', 'mentor')).toBe('Наставник')
    expect(roleLabel('ar', 'mentor')).toBe('مرشد')
    expect(roleLabel('de', 'mentee')).toBe('Mentee')
  })

  it('shows an unknown role as its code, never a property of Object', () => {
    expect(roleName('en', 'volunteer')).toBe('volunteer')
    expect(roleName('en', 'toString')).toBe('toString')
  })
})
