import { describe, expect, it } from 'vitest'
import { LOCALES, linkedLocale } from '../../i18n/i18n'
import { formLanguages, formUrl } from './form-links'

describe('form links per language', () => {
  it('offers the form in the program’s languages it is written in, Dari as Persian, once each', () => {
    expect(formLanguages(['de', 'ar', 'prs', 'fa', 'ti'])).toEqual({
      languages: [
        { locale: 'de', codes: ['de'] },
        { locale: 'ar', codes: ['ar'] },
        { locale: 'fa', codes: ['prs', 'fa'] },
      ],
      missing: ['ti'],
    })
    expect(formLanguages(['ti', 'so']).languages.map((l) => l.locale)).toEqual([...LOCALES])
  })

  it('builds a link that opens the form in its language, and reads it back', () => {
    const url = formUrl('https://tandem.example', 'city nord', 'p1', 'ar')
    expect(url).toBe('https://tandem.example/apply/city%20nord/p1?lang=ar')
    expect(linkedLocale(new URL(url).search)).toBe('ar')
    expect(linkedLocale('?lang=prs')).toBe('fa')
    expect(linkedLocale('?lang=xx')).toBeUndefined()
    expect(linkedLocale('')).toBeUndefined()
  })
})
