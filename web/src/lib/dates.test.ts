import { describe, expect, it } from 'vitest'
import { dayDate, todayIso } from './dates'

describe('dates', () => {
  it('writes a local day as YYYY-MM-DD, with an offset', () => {
    const now = new Date(2024, 0, 31, 15, 0)
    expect(todayIso(0, now)).toBe('2024-01-31')
    expect(todayIso(1, now)).toBe('2024-02-01')
    expect(todayIso(-31, now)).toBe('2023-12-31')
  })

  it('reads a day at noon UTC, so no time zone moves it', () => {
    expect(dayDate('2024-03-05').toISOString()).toBe('2024-03-05T12:00:00.000Z')
  })
})
