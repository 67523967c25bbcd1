import { describe, expect, it } from 'vitest'
import { currentOrgSlug, intakeApi, matchPath, participantApi, participantPath, programApi } from './paths'

describe('paths', () => {
  it('encodes every segment', () => {
    expect(participantPath('a b', 'p/1', 'x')).toBe('/orgs/a%20b/programs/p%2F1/participants/x')
    expect(matchPath('o', 'p', 'm')).toBe('/orgs/o/programs/p/matches/m')
    expect(programApi('o', 'p', '/imports')).toBe('/api/v1/orgs/o/programs/p/imports')
    expect(participantApi('o', 'p', 'x', '/screening')).toBe(
      '/api/v1/orgs/o/programs/p/participants/x/screening',
    )
    expect(intakeApi('o', 'p')).toBe('/api/v1/public/programs/o/p/intake')
  })

  it('finds the organization in a path', () => {
    expect(currentOrgSlug('/orgs/city%20one/members')).toBe('city one')
    expect(currentOrgSlug('/orgs/demo')).toBe('demo')
    expect(currentOrgSlug('/about')).toBeUndefined()
  })
})
