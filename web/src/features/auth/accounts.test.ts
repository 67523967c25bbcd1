import { describe, expect, it } from 'vitest'
import { acceptStep, signedInAs } from './accounts'

const me = (email: string) => ({ user: { email } })

describe('signedInAs', () => {
  it('tells nobody, the same address (any case) and someone else apart', () => {
    expect(signedInAs(null, 'a@example.org')).toBe('nobody')
    expect(signedInAs(me('A@Example.org'), 'a@example.org')).toBe('them')
    expect(signedInAs(me('b@example.org'), 'a@example.org')).toBe('someone-else')
  })
})

describe('acceptStep', () => {
  const fresh = { account: 'new' as const, email: 'new@example.org' }
  const existing = { account: 'existing' as const, email: 'old@example.org' }

  it('asks the name for a new account, but first asks a browser signed in as someone else', () => {
    expect(acceptStep(fresh, null, false)).toBe('new-account')
    expect(acceptStep(fresh, me('other@example.org'), false)).toBe('ask-switch')
    expect(acceptStep(fresh, me('other@example.org'), true)).toBe('new-account')
  })

  it('accepts for an existing account only when that account is signed in', () => {
    expect(acceptStep(existing, me('old@example.org'), false)).toBe('accept')
    expect(acceptStep(existing, null, false)).toBe('sign-in-first')
    expect(acceptStep(existing, me('other@example.org'), true)).toBe('sign-in-first')
  })
})
