import { describe, expect, it } from 'vitest'
import { describeError } from './log'

describe('describeError', () => {
  it('keeps the cause of a database error and never its bound parameters', () => {
    const error = new Error(
      'Failed query: insert into "users" values (?, ?)\nparams: u1,amal.khalil@example.org',
      {
        cause: new Error('UNIQUE constraint failed: users.email'),
      },
    )
    expect(describeError(error)).toBe('Error: UNIQUE constraint failed: users.email')
  })

  it('cuts parameters and extra lines from a plain message', () => {
    const text = describeError(new TypeError('Failed query: select ? params: someone@example.org\nmore'))
    expect(text).toBe('TypeError: Failed query: select ? ')
    expect(text).not.toContain('@')
  })
})
