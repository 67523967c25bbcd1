import { describe, expect, it } from 'vitest'
import { params, v1 } from './client'
import { currentOrgSlug, matchPath, participantPath } from './paths'

describe('paths', () => {
  it('encodes every segment', () => {
    expect(participantPath('a b', 'p/1', 'x')).toBe('/orgs/a%20b/programs/p%2F1/participants/x')
    expect(matchPath('o', 'p', 'm')).toBe('/orgs/o/programs/p/matches/m')
    const param = params({ org: 'a b', program: 'p/1' })
    expect(v1.orgs[':org'].programs[':program'].participants.export.$path({ param, query: {} })).toBe(
      '/api/v1/orgs/a%20b/programs/p%2F1/participants/export',
    )
  })

  it('finds the organization in a path', () => {
    expect(currentOrgSlug('/orgs/city%20one/members')).toBe('city one')
    expect(currentOrgSlug('/orgs/demo')).toBe('demo')
    expect(currentOrgSlug('/about')).toBeUndefined()
  })
})
