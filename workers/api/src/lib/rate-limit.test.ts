import { describe, expect, it } from 'vitest'
import { clientIp, clientNetwork } from './rate-limit'

describe('clientIp', () => {
  it('buckets IPv6 by /64 and keeps IPv4 as is', () => {
    expect(clientIp('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(clientIp('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64')
    expect(clientIp('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(clientIp('203.0.113.7')).toBe('203.0.113.7')
    expect(clientIp(undefined)).toBe('local')
  })
})

describe('clientNetwork', () => {
  it('puts every /64 of a /48 in one network, and has none for IPv4 or local development', () => {
    expect(clientNetwork('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1::/48')
    expect(clientNetwork('2001:db8:1:ffff::9')).toBe('2001:db8:1::/48')
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0::/48')
    expect(clientNetwork('2001:db8:2:1::1')).not.toBe(clientNetwork('2001:db8:1:1::1'))
    expect(clientNetwork('203.0.113.7')).toBeNull()
    expect(clientNetwork(undefined)).toBeNull()
  })
})
