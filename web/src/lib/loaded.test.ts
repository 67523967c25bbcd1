import { describe, expect, it } from 'vitest'
import { bothLoaded, type Loaded } from './loaded'

const ok = <T>(data: T): Loaded<T> => ({ kind: 'ok', data })
const loading: Loaded<never> = { kind: 'loading' }

describe('bothLoaded', () => {
  it('is ok with both values once both are there', () => {
    expect(bothLoaded(ok(1), ok('a'))).toEqual({ kind: 'ok', data: [1, 'a'] })
  })

  it('is loading while either is, and failed as soon as either failed', () => {
    expect(bothLoaded(ok(1), loading)).toEqual({ kind: 'loading' })
    expect(bothLoaded(loading, { kind: 'error', error: 'b' })).toEqual({ kind: 'error', error: 'b' })
    expect(bothLoaded({ kind: 'error', error: 'a' }, { kind: 'error', error: 'b' })).toEqual({
      kind: 'error',
      error: 'a',
    })
  })
})
