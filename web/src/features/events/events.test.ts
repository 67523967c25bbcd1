import { describe, expect, it } from 'vitest'
import { ApiError } from '../../lib/api'
import { closedInvitationOf, emptyEvent, eventBody, zonedInstant, zonedLocal } from './events'

const problem = (status: number, code: string) =>
  new ApiError({ type: 'about:blank', status, code, title: 'Problem' })

describe('event times on the organization’s clocks', () => {
  it('turns wall-clock time of a zone into the instant and back, on both sides of a daylight-saving change', () => {
    expect(zonedInstant('2026-12-10T18:00', 'Europe/Berlin')).toBe('2026-12-10T17:00:00.000Z')
    expect(zonedInstant('2026-07-10T18:00', 'Europe/Berlin')).toBe('2026-07-10T16:00:00.000Z')
    expect(zonedInstant('2027-03-28T12:00', 'Europe/Berlin')).toBe('2027-03-28T10:00:00.000Z')
    expect(zonedInstant('2026-12-10T18:00', 'Asia/Kabul')).toBe('2026-12-10T13:30:00.000Z')
    expect(zonedLocal('2026-12-10T17:00:00.000Z', 'Europe/Berlin')).toBe('2026-12-10T18:00')
    expect(zonedLocal('2026-12-10T17:00:00.000Z', 'UTC')).toBe('2026-12-10T17:00')
  })

  it('sends an empty capacity as no limit and languages typed by hand as codes', () => {
    const body = eventBody(
      {
        ...emptyEvent(),
        title: 'Potluck',
        kind: 'potluck',
        startsAt: '2026-12-10T18:00',
        languages: 'de, ar',
      },
      'UTC',
    )
    expect(body).toMatchObject({
      capacity: null,
      languages: ['de', 'ar'],
      startsAt: '2026-12-10T18:00:00.000Z',
    })
  })

  it('reads a used, lapsed or unknown invitation link as such', () => {
    expect(closedInvitationOf(problem(409, 'event-invitation-used'))).toBe('used')
    expect(closedInvitationOf(problem(410, 'event-invitation-expired'))).toBe('expired')
    expect(closedInvitationOf(problem(404, 'not-found'))).toBe('unknown')
    expect(closedInvitationOf(problem(409, 'event-full'))).toBeNull()
  })
})
