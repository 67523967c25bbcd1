import { describe, expect, it } from 'vitest'
import { clientIp } from './rate-limit'

describe('clientIp', () => {
  it('buckets IPv6 by /64 and keeps IPv4 as is', () => {
    expect(clientIp('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(clientIp('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64')
    expect(clientIp('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(clientIp('203.0.113.7')).toBe('203.0.113.7')
    expect(clientIp(undefined)).toBe('local')
  })
})
