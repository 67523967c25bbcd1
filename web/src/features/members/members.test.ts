import { describe, expect, it } from 'vitest'
import { nameWithContext, shownStatus } from './members'

describe('shownStatus', () => {
  const now = Date.parse('2024-06-01T00:00:00Z')
  it('shows a pending invitation past its expiry as expired', () => {
    expect(shownStatus({ status: 'pending', expiresAt: '2024-05-31T00:00:00Z' }, now)).toBe('expired')
    expect(shownStatus({ status: 'pending', expiresAt: '2024-06-02T00:00:00Z' }, now)).toBe('pending')
    expect(shownStatus({ status: 'accepted', expiresAt: '2024-05-31T00:00:00Z' }, now)).toBe('accepted')
  })
})

describe('nameWithContext', () => {
  it('starts with the visible text and adds what the button acts on', () => {
    const name = nameWithContext('إرسال مرة أخرى', '\u2068ana@example.org\u2069')
    expect(name.startsWith('إرسال مرة أخرى')).toBe(true)
    expect(name).toContain('ana@example.org')
  })
})
