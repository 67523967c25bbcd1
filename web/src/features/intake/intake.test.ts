import { describe, expect, it } from 'vitest'
import { arabicT, englishT } from '../../lib/test-translator'
import { ageLabel, checkAnswers, type IntakeForm, intakeBody, intakeMessage, NO_ANSWERS } from './intake'

const form = (fields: Partial<IntakeForm['fields']> = {}): IntakeForm => ({
  organization: { name: 'City' },
  program: {
    id: 'p',
    name: 'P',
    description: '',
    languages: ['ar'],
    interests: [],
    goalAreas: [],
    labels: { interests: {}, goalAreas: {} },
  },
  fields: {
    phone: false,
    sector: false,
    availability: false,
    location: false,
    demographics: false,
    settlementNeeds: false,
    accessNeeds: false,
    ...fields,
  },
  coreFields: [],
  requiredFields: [],
  options: {
    roles: [],
    cefrLevels: [],
    settlementNeeds: [],
    accessNeeds: [],
    ageBands: [],
    days: [],
    dayParts: [],
  },
  consent: { version: 'v1', text: 'Consent', accept: 'Yes', demographics: null },
  locale: 'ar',
  dir: 'rtl',
  locales: ['ar', 'en'],
})

describe('intake answers', () => {
  it('finds the missing answers before sending', () => {
    expect(checkAnswers(NO_ANSWERS)).toEqual({
      role: 'intake.error.role',
      displayName: 'intake.error.name',
      email: 'intake.error.emailRequired',
      'languages.0.code': 'intake.error.languageCode',
      'languages.0.level': 'intake.error.level',
      consent: 'intake.error.consent',
    })
  })

  it('leaves out the questions the program did not ask', () => {
    const answers = {
      ...NO_ANSWERS,
      role: 'mentor' as const,
      phone: '123',
      arrivalYear: '٢٠٢٠',
      consent: true,
      languages: [{ key: 0, code: 'ar', level: 'native' as const }],
    }
    expect(intakeBody(form(), NO_ANSWERS, 'ar')).toBeNull()
    const body = intakeBody(form(), answers, 'ar')
    expect(body).not.toHaveProperty('phone')
    expect(body).not.toHaveProperty('demographics')
    expect(body?.capacity).toBe(1)
    const asked = intakeBody(
      form({ phone: true, demographics: true }),
      { ...answers, demographicsConsent: true },
      'ar',
    )
    expect(asked).toMatchObject({
      phone: '123',
      demographicsConsent: true,
      demographics: { arrivalYear: 2020 },
    })
  })

  it('translates the API’s field errors from their code, and keeps the English otherwise', () => {
    expect(intakeMessage(englishT, { path: 'languages.1.code', message: 'x', code: 'not-a-language' })).toBe(
      englishT('intake.error.languageCode'),
    )
    expect(intakeMessage(englishT, { path: 'sector', message: 'x', code: 'too-long' })).toBe(
      englishT('intake.error.tooLong'),
    )
    // Codes the form has no plainer words for read as anywhere else.
    expect(
      intakeMessage(arabicT, { path: 'capacity', message: 'x', code: 'too-large', params: { max: 3 } }),
    ).toBe(arabicT('fieldError.too-large', { max: '3' }))
    expect(intakeMessage(englishT, { path: 'sector', message: 'Too long.' })).toBe('Too long.')
  })

  it('reads age bands as words', () => {
    expect(ageLabel(englishT, '18-25')).toBe(englishT('intake.ageRange', { from: 18, to: 25 }))
    expect(ageLabel(englishT, 'over-65')).toBe(englishT('intake.ageOver', { age: 65 }))
    expect(ageLabel(englishT, 'unknown')).toBe('unknown')
  })
})
