import { describe, expect, it } from 'vitest'
import { emptyEnroll, enrollBody, missingAnswers } from './enroll'

describe('"Add a participant"', () => {
  it('starts with nothing chosen, and asks for every required choice', () => {
    const empty = emptyEnroll()
    expect(empty.role).toBe('')
    expect(empty.preferredLocale).toBe('')
    expect(empty.languages).toEqual([{ key: 0, code: '', level: '' }])
    expect(missingAnswers(empty)).toEqual([
      'role',
      'displayName',
      'preferredLocale',
      'languages.0.code',
      'languages.0.level',
    ])
    expect(enrollBody(empty)).toBeNull()
    expect(missingAnswers({ ...empty, role: 'mentor' })).toContain('capacity')
  })

  it('sends exactly what was chosen', () => {
    const values = {
      ...emptyEnroll(),
      role: 'mentee' as const,
      displayName: '  Amal Khalil ',
      preferredLocale: 'ar',
      languages: [{ key: 0, code: 'ar', level: 'native' as const }],
      capacity: '3',
    }
    expect(enrollBody(values)).toEqual({
      role: 'mentee',
      displayName: 'Amal Khalil',
      email: null,
      phone: null,
      preferredLocale: 'ar',
      languages: [{ code: 'ar', level: 'native' }],
      neighborhood: null,
    })
    expect(enrollBody({ ...values, role: 'mentor' })).toMatchObject({ role: 'mentor', capacity: 3 })
  })
})
