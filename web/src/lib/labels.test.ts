import {
  CHECK_IN_ANSWERS,
  MEETING_MODES,
  MEETING_SOURCES,
  MEETING_STATUSES,
  PARTICIPANT_STATUSES,
  PROBLEM_CODES,
  UNMATCHED_REASONS,
} from '@tandem/vocab'
import { describe, expect, it } from 'vitest'
import {
  checkInAnswerLabel,
  keyed,
  levelLabel,
  meetingModeLabel,
  meetingSourceLabel,
  meetingStatusLabel,
  prefixed,
  problemLabel,
  ratingLabel,
  statusLabel,
  unmatchedReasonLabel,
} from './labels'
import { arabicT, englishT } from './test-translator'

describe('labels', () => {
  it('names every code of a vocabulary, in each language', () => {
    for (const status of PARTICIPANT_STATUSES) expect(statusLabel(englishT, status)).not.toBe(status)
    for (const reason of UNMATCHED_REASONS) expect(unmatchedReasonLabel(englishT, reason)).not.toBe(reason)
    expect(statusLabel(arabicT, 'applied')).not.toBe(statusLabel(englishT, 'applied'))
  })

  it('names a meeting’s statuses, modes, sources and ratings and the check-in’s answers in English and Arabic', () => {
    const lists: [(t: typeof englishT, code: string) => string, readonly string[]][] = [
      [meetingStatusLabel, MEETING_STATUSES],
      [meetingModeLabel, MEETING_MODES],
      [meetingSourceLabel, MEETING_SOURCES],
      [checkInAnswerLabel, CHECK_IN_ANSWERS],
      [ratingLabel, ['1', '2', '3', '4', '5']],
    ]
    for (const [label, codes] of lists) {
      for (const code of codes) {
        expect(label(englishT, code)).not.toBe(code)
        expect(label(arabicT, code)).not.toBe(label(englishT, code))
      }
    }
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
