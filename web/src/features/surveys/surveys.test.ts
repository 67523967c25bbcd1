import { describe, expect, it } from 'vitest'
import { ApiError } from '../../lib/api'
import { answersOf, closedSurveyOf, type SurveyQuestion, toggle } from './surveys'

const q = (code: string, type: SurveyQuestion['type'], options?: string[]): SurveyQuestion => ({
  code,
  type,
  text: code,
  required: false,
  ...(options ? { options: options.map((o) => ({ code: o, label: o })) } : {}),
})

describe('survey form', () => {
  const questions = [
    q('mood', 'likert'),
    q('count', 'number'),
    q('status', 'single', ['a', 'b']),
    q('barriers', 'multiple', ['x', 'y', 'z']),
    q('comment', 'text'),
  ]

  it('sends numbers, codes, lists and trimmed texts, and nothing for what was left empty', () => {
    let values = toggle(
      { mood: '4', count: ' 2 ', status: 'b', comment: '  hi ' },
      questions[3] as SurveyQuestion,
      'z',
      true,
    )
    values = toggle(values, questions[3] as SurveyQuestion, 'x', true)
    expect(answersOf(questions, values)).toEqual({
      answers: { mood: 4, count: 2, status: 'b', barriers: ['x', 'z'], comment: 'hi' },
    })
    values = toggle(values, questions[3] as SurveyQuestion, 'x', false)
    values = toggle(values, questions[3] as SurveyQuestion, 'z', false)
    expect(answersOf(questions, { ...values, comment: ' ', count: '' })).toEqual({
      answers: { mood: 4, status: 'b' },
    })
  })

  it('names a used, expired or unknown link', () => {
    const problem = (status: number, code: string) =>
      new ApiError({ type: 'about:blank', status, code, title: 'Problem' })
    expect(closedSurveyOf(problem(409, 'survey-invitation-used'))).toBe('used')
    expect(closedSurveyOf(problem(410, 'survey-invitation-expired'))).toBe('expired')
    expect(closedSurveyOf(problem(404, 'not-found'))).toBe('unknown')
    expect(closedSurveyOf(problem(400, 'invalid-request'))).toBeNull()
    expect(closedSurveyOf(problem(400, 'invalid-request'), true)).toBe('unknown')
  })
})
