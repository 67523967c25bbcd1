import { describe, expect, it, vi } from 'vitest'
import { createLogger, describeError, log } from './log'

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

describe('log', () => {
  it('writes one JSON line with level and message first, and the error described safely', () => {
    const lines: [string, string][] = []
    const logger = createLogger((level, line) => lines.push([level, line]))
    logger.info('cron: emails queued', { count: 3 })
    logger.warn('intake honeypot filled', { programId: 'p1' })
    logger.error('queue: job failed', { type: 'email' }, new Error('boom\nparams: someone@example.org'))
    logger.error('queue: malformed message dropped', { id: 'm1' })
    expect(lines).toEqual([
      ['info', '{"level":"info","msg":"cron: emails queued","count":3}'],
      ['warn', '{"level":"warn","msg":"intake honeypot filled","programId":"p1"}'],
      ['error', '{"level":"error","msg":"queue: job failed","type":"email","error":"Error: boom"}'],
      ['error', '{"level":"error","msg":"queue: malformed message dropped","id":"m1"}'],
    ])
  })

  it('sends each level to its console method', () => {
    const calls: string[] = []
    const spies = (['log', 'warn', 'error'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((line: string) => {
        calls.push(`${method} ${line}`)
      }),
    )
    try {
      log.info('a')
      log.warn('b')
      log.error('c')
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
    expect(calls).toEqual([
      'log {"level":"info","msg":"a"}',
      'warn {"level":"warn","msg":"b"}',
      'error {"level":"error","msg":"c"}',
    ])
  })
})
