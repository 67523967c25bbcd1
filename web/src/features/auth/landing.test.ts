import { describe, expect, it } from 'vitest'
import { landingPath } from './landing'

describe('landingPath', () => {
  it('sends mentors and newcomers to their portal, others to the organization, nobody without one', () => {
    const member = (role: 'mentee' | 'coordinator') => ({
      memberships: [{ organization: { slug: 'city' }, role }],
    })
    expect(landingPath(member('mentee'))).toBe('/orgs/city/my')
    expect(landingPath(member('coordinator'))).toBe('/orgs/city')
    expect(landingPath({ memberships: [] })).toBe('/')
  })
})
