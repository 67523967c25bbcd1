import { PARTICIPANT_STATUSES, PROBLEM_CODES, UNMATCHED_REASONS } from '@tandem/vocab'
import { describe, expect, it } from 'vitest'
import { keyed, levelLabel, prefixed, problemLabel, statusLabel, unmatchedReasonLabel } from './labels'
import { arabicT, englishT } from './test-translator'

describe('labels', () => {
  it('names every code of a vocabulary, in each language', () => {
    for (const status of PARTICIPANT_STATUSES) expect(statusLabel(englishT, status)).not.toBe(status)
    for (const reason of UNMATCHED_REASONS) expect(unmatchedReasonLabel(englishT, reason)).not.toBe(reason)
    expect(statusLabel(arabicT, 'applied')).not.toBe(statusLabel(englishT, 'applied'))
  })

  it('names every problem code of the API in every full catalog', () => {
    for (const code of PROBLEM_CODES) {
      expect(problemLabel(englishT, code)).not.toBe(code)
      expect(problemLabel(arabicT, code)).not.toBe(problemLabel(englishT, code))
    }
  })

  it('shows a code it does not know as is', () => {
    expect(statusLabel(englishT, 'from-a-newer-api')).toBe('from-a-newer-api')
    expect(keyed({ am: 'intake.morning' })(englishT, 'toString')).toBe('toString')
    expect(prefixed('status', PARTICIPANT_STATUSES)(englishT, '__proto__')).toBe('__proto__')
  })

  it('names the native level in words and keeps CEFR levels', () => {
    expect(levelLabel(englishT, 'B2')).toBe('B2')
    expect(levelLabel(englishT, 'native')).toBe(englishT('level.native'))
  })
})
