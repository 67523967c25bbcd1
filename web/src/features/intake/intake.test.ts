import { describe, expect, it } from 'vitest'
import { arabicT, englishT } from '../../lib/test-translator'
import {
  ageLabel,
  checkAnswers,
  checkStep,
  firstStepOf,
  type IntakeForm,
  intakeBody,
  intakeMessage,
  intakePaths,
  NO_ANSWERS,
  STEPS,
  stepOf,
} from './intake'

const form = (fields: Partial<IntakeForm['fields']> = {}): IntakeForm => ({
  organization: { name: 'City', contactEmail: null, contactPhone: null },
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
  requiredOneOf: [],
  options: {
    roles: [],
    cefrLevels: [],
    settlementNeeds: [],
    accessNeeds: [],
    ageBands: [],
    days: [],
    dayParts: [],
    contactChannels: [],
  },
  consent: { version: 'v1', text: 'Consent', accept: 'Yes', demographics: null },
  locale: 'ar',
  dir: 'rtl',
  locales: ['ar', 'en'],
})

describe('intake answers', () => {
  it('finds the missing answers before sending', () => {
    expect(checkAnswers(NO_ANSWERS, false)).toEqual({
      role: 'intake.error.role',
      displayName: 'intake.error.name',
      email: 'intake.error.emailRequired',
      'languages.0.code': 'intake.error.languageCode',
      'languages.0.level': 'intake.error.level',
      consent: 'intake.error.consent',
    })
  })

  it('needs a phone number or an email address where the form asks for both, and the one the person prefers', () => {
    const contact = (answers: Partial<typeof NO_ANSWERS>) =>
      Object.fromEntries(
        Object.entries(checkAnswers({ ...NO_ANSWERS, ...answers }, true)).filter(([path]) =>
          ['email', 'phone'].includes(path),
        ),
      )
    expect(contact({})).toEqual({
      email: 'intake.error.contactRequired',
      phone: 'intake.error.contactRequired',
    })
    expect(contact({ phone: '+49 170 1234567' })).toEqual({})
    expect(contact({ email: 'a@example.org' })).toEqual({})
    expect(contact({ email: 'a@example.org', contactPreference: 'whatsapp' })).toEqual({
      phone: 'intake.error.phoneRequired',
    })
    expect(contact({ phone: '0170 1234567', contactPreference: 'email' })).toEqual({
      email: 'intake.error.emailRequired',
    })
    // Without the phone question, a phone number typed earlier does not count.
    expect(checkAnswers({ ...NO_ANSWERS, phone: '0170 1234567' }, false).email).toBe(
      'intake.error.emailRequired',
    )
  })

  it('checks each step for its own questions, and knows which step asks what', () => {
    expect(STEPS).toHaveLength(4)
    expect(checkStep(NO_ANSWERS, true, 0)).toEqual({
      role: 'intake.error.role',
      displayName: 'intake.error.name',
    })
    expect(Object.keys(checkStep(NO_ANSWERS, true, 1)).sort()).toEqual(['email', 'phone'])
    expect(Object.keys(checkStep(NO_ANSWERS, true, 2))).toEqual(['languages.0.code', 'languages.0.level'])
    expect(checkStep(NO_ANSWERS, true, 3)).toEqual({ consent: 'intake.error.consent' })
    expect(stepOf('languages.1.level')).toBe(2)
    expect(stepOf('consent.version')).toBe(3)
    expect(stepOf('demographics.ageBand')).toBe(3)
    expect(stepOf('unknown')).toBe(3)
    expect(firstStepOf(['consent.accepted', 'email'])).toBe(1)
    expect(firstStepOf([])).toBeNull()
  })

  it('places every answer of every step, each language row and the questions about the person', () => {
    const paths = intakePaths({ languages: [...NO_ANSWERS.languages, { key: 1, code: '', level: '' }] })
    for (const step of STEPS) expect(paths).toEqual(expect.arrayContaining([...step.paths]))
    expect(paths).toEqual(
      expect.arrayContaining(['languages.1.level', 'demographics.ageBand', 'demographics.regionOfOrigin']),
    )
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
      contactPreference: null,
      demographicsConsent: true,
      demographics: { arrivalYear: 2020 },
    })
    // No email address: the API gets null, not an empty string.
    expect(asked?.email).toBeNull()
    expect(body).not.toHaveProperty('contactPreference')
    expect(
      intakeBody(form({ phone: true }), { ...answers, contactPreference: 'whatsapp' }, 'ar')
        ?.contactPreference,
    ).toBe('whatsapp')
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
