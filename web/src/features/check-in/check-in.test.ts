import { describe, expect, it } from 'vitest'
import { ApiError } from '../../lib/api'
import { answerOf, checkInBody, closedLinkOf } from './check-in'

const problem = (status: number, code: string) =>
  new ApiError({ type: 'about:blank', status, code, title: 'Problem' })

describe('check-in links', () => {
  it('takes the answer the email’s link names, and nothing else', () => {
    expect(answerOf('met')).toBe('met')
    expect(answerOf('not-met')).toBe('not-met')
    expect(answerOf('reschedule')).toBe('reschedule')
    expect(answerOf('MET')).toBe('')
    expect(answerOf(undefined)).toBe('')
  })

  it('tells a used, an expired and an unknown link apart, and leaves other failures as errors', () => {
    expect(closedLinkOf(problem(409, 'check-in-used'))).toBe('used')
    expect(closedLinkOf(problem(410, 'check-in-expired'))).toBe('expired')
    expect(closedLinkOf(problem(404, 'not-found'))).toBe('unknown')
    expect(closedLinkOf(problem(503, 'unavailable'))).toBeNull()
    // A token not even shaped like one: unknown when reading it, a field problem when answering.
    expect(closedLinkOf(problem(400, 'invalid-request'), true)).toBe('unknown')
    expect(closedLinkOf(problem(400, 'invalid-request'))).toBeNull()
    expect(closedLinkOf(new TypeError('offline'))).toBeNull()
  })
})

describe('the check-in’s answer', () => {
  const details = { date: '2026-12-03', durationMinutes: '60', topics: ['housing'], rating: '5' }

  it('sends the details of a meeting only with “we met”', () => {
    expect(checkInBody({ answer: 'met', ...details })).toEqual({
      answer: 'met',
      date: '2026-12-03',
      durationMinutes: 60,
      topics: ['housing'],
      rating: 5,
    })
    expect(checkInBody({ answer: 'not-met', ...details })).toEqual({ answer: 'not-met' })
    expect(checkInBody({ answer: 'reschedule', ...details })).toEqual({ answer: 'reschedule' })
  })

  it('leaves out what the person did not fill in', () => {
    expect(checkInBody({ answer: 'met', date: '', durationMinutes: '', topics: [], rating: '' })).toEqual({
      answer: 'met',
    })
  })
})
