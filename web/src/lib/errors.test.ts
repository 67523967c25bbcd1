import { FIELD_ERROR_CODES } from '@tandem/vocab'
import { describe, expect, it } from 'vitest'
import de from '../i18n/locales/de'
import es from '../i18n/locales/es'
import fa from '../i18n/locales/fa'
import uk from '../i18n/locales/uk'
import { ApiError } from './api'
import { describeError, fieldErrorMessage, fieldPathOf, isAbort } from './errors'
import { arabicT, englishT } from './test-translator'

const problem = (status: number, detail?: string, retryAfter?: number) =>
  new ApiError(
    { type: 'about:blank', title: 'Title', status, ...(detail ? { detail } : {}) },
    undefined,
    retryAfter,
  )

describe('describeError', () => {
  it('reads a problem with a known code in the reader’s language', () => {
    const taken = new ApiError({
      type: '/api/docs#problem-slug-taken',
      code: 'slug-taken',
      title: 'Conflict',
      status: 409,
      detail: 'Taken.',
    })
    expect(describeError(taken, englishT)).toBe(englishT('problem.slug-taken'))
    expect(describeError(taken, arabicT)).toBe(arabicT('problem.slug-taken'))
    const unknown = new ApiError({
      type: 'x',
      code: 'from-a-newer-api',
      title: 'Conflict',
      status: 409,
      detail: 'Newer.',
    })
    expect(describeError(unknown, englishT)).toBe('Newer.')
  })

  it('uses the problem’s detail, else its title', () => {
    expect(describeError(problem(409, 'Taken.'), englishT)).toBe('Taken.')
    expect(describeError(problem(400), englishT)).toBe('Title')
  })

  it('has sentences of its own for no answer, rate limits and server errors', () => {
    expect(describeError(problem(0), englishT)).toBe(englishT('error.network'))
    expect(describeError(problem(500, 'boom'), englishT)).toBe(englishT('error.server'))
    expect(describeError(problem(429), englishT)).toBe(englishT('error.rateLimited'))
    expect(describeError(problem(429, undefined, 30), englishT)).toBe(
      englishT('error.rateLimitedFor', { count: 30 }),
    )
    expect(describeError(problem(429, undefined, 600), englishT)).toBe(
      englishT('error.rateLimitedMinutes', { count: 10 }),
    )
    expect(describeError(new Error('x'), englishT)).toBe(englishT('error.generic'))
  })
})

describe('fieldErrorMessage', () => {
  const error = (code: string, params?: Record<string, number>) => ({
    path: 'displayName',
    code,
    message: 'Plain English from the API.',
    ...(params ? { params } : {}),
  })

  it('writes every field error code in the reader’s language, limits included', () => {
    expect(fieldErrorMessage(englishT, error('too-long', { max: 120 }))).toBe('Use at most 120 characters.')
    expect(fieldErrorMessage(arabicT, error('too-long', { max: 120 }))).toBe(
      arabicT('fieldError.too-long', { count: 120 }),
    )
    expect(fieldErrorMessage(englishT, error('required'))).toBe(englishT('fieldError.required'))
    for (const code of FIELD_ERROR_CODES) {
      const params = { min: 2, max: 5 }
      const english = fieldErrorMessage(englishT, error(code, params))
      expect(english, code).not.toBe('Plain English from the API.')
      expect(english, code).not.toMatch(/\{\w+\}|Expected|BCP/)
      expect(fieldErrorMessage(arabicT, error(code, params)), code).not.toBe(english)
      for (const catalog of [de, es, fa, uk]) expect(catalog, code).toHaveProperty([`fieldError.${code}`])
    }
  })

  it('keeps the API’s English for a code it does not know, or none', () => {
    expect(fieldErrorMessage(englishT, error('from-a-newer-api'))).toBe('Plain English from the API.')
    expect(fieldErrorMessage(englishT, { path: 'x', message: 'As sent.' })).toBe('As sent.')
    // A limit that did not come with the code: a plain sentence, not "{count}".
    expect(fieldErrorMessage(englishT, error('too-long'))).toBe(englishT('fieldError.invalid'))
  })
})

describe('fieldPathOf', () => {
  it('puts an error path on the longest listed path it is inside', () => {
    const paths = ['languages', 'trainingModules', 'trainingModules.0.id']
    expect(fieldPathOf('languages.2.code', paths)).toBe('languages')
    expect(fieldPathOf('trainingModules.0.id', paths)).toBe('trainingModules.0.id')
    expect(fieldPathOf('trainingModules.1.title', paths)).toBe('trainingModules')
    expect(fieldPathOf('languagesX', paths)).toBeUndefined()
  })
})

describe('isAbort', () => {
  it('tells an aborted request from a failure', () => {
    expect(isAbort(new DOMException('stop', 'AbortError'))).toBe(true)
    expect(isAbort(new Error('x'))).toBe(false)
  })
})
