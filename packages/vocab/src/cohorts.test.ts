import { describe, expect, it } from 'vitest'
import { arrivalBand, cohortOf, genderGroup, languageGroup, neighborhoodGroup } from './cohorts'

const person = {
  role: 'mentee',
  programId: 'p1',
  preferredLocale: 'ar-SY',
  neighborhood: '  Nord  Stadt ',
  demographics: { gender: 'Frau', ageBand: '26-35', arrivalYear: 2023 },
  demographicsConsentAt: 1,
}

describe('cohorts', () => {
  it('bands years since arrival and refuses the future', () => {
    expect(arrivalBand(2026, 2026)).toBe('under-2-years')
    expect(arrivalBand(2024, 2026)).toBe('2-to-4-years')
    expect(arrivalBand(2017, 2026)).toBe('5-to-9-years')
    expect(arrivalBand(2016, 2026)).toBe('10-years-or-more')
    expect(arrivalBand(2027, 2026)).toBeNull()
    expect(arrivalBand(undefined, 2026)).toBeNull()
  })

  it('groups gender written in any of our languages into three groups', () => {
    expect(genderGroup(' Female ')).toBe('woman')
    expect(genderGroup('زن')).toBe('woman')
    expect(genderGroup('Чоловік')).toBe('man')
    expect(genderGroup('non-binary')).toBe('other')
    expect(genderGroup('')).toBeNull()
  })

  it('keys languages and neighbourhoods coarsely', () => {
    expect(languageGroup('fa-AF')).toBe('fa')
    expect(neighborhoodGroup('  Nord  Stadt ')).toBe('nord stadt')
    expect(neighborhoodGroup('  ')).toBeNull()
  })

  it('uses what a person told us about themselves only with their consent', () => {
    expect(cohortOf(person, 2026)).toEqual({
      role: 'mentee',
      program: 'p1',
      languageGroup: 'ar',
      ageBand: '26-35',
      gender: 'woman',
      arrivalBand: '2-to-4-years',
      neighborhoodGroup: 'nord stadt',
    })
    expect(cohortOf({ ...person, demographicsConsentAt: null }, 2026)).toEqual({
      role: 'mentee',
      program: 'p1',
      languageGroup: 'ar',
    })
    expect(cohortOf({ ...person, demographics: { ageBand: 'young' } }, 2026)).toEqual({
      role: 'mentee',
      program: 'p1',
      languageGroup: 'ar',
      neighborhoodGroup: 'nord stadt',
    })
  })
})
