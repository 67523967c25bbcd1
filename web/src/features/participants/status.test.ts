import { describe, expect, it } from 'vitest'
import { nextStatuses } from './status'

describe('nextStatuses', () => {
  it('offers the transitions the API allows', () => {
    expect(nextStatuses({ role: 'mentee', status: 'applied', screening: null })).toEqual({
      options: ['screening', 'ready', 'exited'],
      blocked: false,
    })
    expect(nextStatuses({ role: 'mentee', status: 'exited', screening: null }).options).toEqual(['applied'])
  })

  it('keeps a mentor out of ready and matched until screening is complete', () => {
    const blocked = nextStatuses({ role: 'mentor', status: 'paused', screening: { matchable: false } })
    expect(blocked).toEqual({ options: ['exited'], blocked: true })
    const cleared = nextStatuses({ role: 'mentor', status: 'paused', screening: { matchable: true } })
    expect(cleared.options).toEqual(['ready', 'matched', 'exited'])
  })
})
