import { describe, expect, it } from 'vitest'
import { gridMonths, lastCompleteMonth, MAX_MONTHS, monthDays } from './periods'
import { type Figure, suppress } from './suppress'

/**
 * People who took part, by the day they did (crafted): in January and February ten women each month; in March
 * one more, who should never be seen on their own.
 */
const events: { day: string; group: string }[] = [
  ...Array.from({ length: 10 }, () => ({ day: '2026-01-15', group: 'woman' })),
  ...Array.from({ length: 10 }, () => ({ day: '2026-02-10', group: 'woman' })),
  { day: '2026-03-03', group: 'woman' },
]

/** What an exit publishes for a request: one set of cells per grid month, suppressed. */
function publish(from: string, to: string, today: string) {
  const figures: Figure[] = gridMonths(from, to, today).map((period) => {
    const { first, last } = monthDays(period)
    const n = events.filter((e) => e.day >= first && e.day <= last).length
    return { period, group: { by: 'gender', value: 'woman' }, measure: 'applications', value: n, n }
  })
  return suppress(figures, { minimumCellSize: 5 })
}

describe('the period grid', () => {
  it('answers a range as whole months that have ended, never as one total', () => {
    expect(gridMonths('2026-01', '2026-03', '2026-04-10')).toEqual(['2026-01', '2026-02', '2026-03'])
    // The month still running is never published: a figure for 1–10 April and one for 1–20 April would differ
    // by the people of those ten days.
    expect(gridMonths('2026-01', '2026-04', '2026-04-10')).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(lastCompleteMonth('2027-01-01')).toBe('2026-12')
    expect(gridMonths('2020-01', '2026-03', '2026-04-10')).toHaveLength(MAX_MONTHS)
    expect(monthDays('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' })
  })

  it('defeats the differencing attack: January–March minus January–February reveals nothing', () => {
    const long = publish('2026-01', '2026-03', '2026-05-02')
    const short = publish('2026-01', '2026-02', '2026-05-02')
    // The naive attack: a total for each request, subtracted. Over the grid there is no such total.
    expect(long.map((c) => c.period)).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(short.map((c) => c.period)).toEqual(['2026-01', '2026-02'])
    // The months both requests cover are the very same cells, so subtracting them yields nothing new…
    expect(long.slice(0, 2)).toEqual(short)
    // …and March, the one person, is hidden in every answer it appears in.
    expect(long[2]).toMatchObject({ period: '2026-03', suppressed: true, n: null, value: null })
    // What the attack would have learned from two overlapping totals, had they been published:
    const total = (cells: typeof long) => cells.reduce((s, c) => s + (c.n ?? 0), 0)
    expect(total(long) - total(short)).toBe(0)
    const naive = (from: string, to: string) => events.filter((e) => e.day >= from && e.day <= to).length
    expect(naive('2026-01-01', '2026-03-31') - naive('2026-01-01', '2026-02-28')).toBe(1)
  })

  it('makes every published period either the same or disjoint, whatever ranges are asked for', () => {
    const published = [
      ...publish('2026-01', '2026-03', '2026-05-02'),
      ...publish('2026-02', '2026-04', '2026-05-02'),
      ...publish('2025-11', '2026-02', '2026-05-02'),
    ]
    const byPeriod = new Map<string, string>()
    for (const c of published) {
      const seen = byPeriod.get(c.period)
      if (seen) expect(JSON.stringify(c)).toBe(seen)
      else byPeriod.set(c.period, JSON.stringify(c))
      expect(c.period).toMatch(/^\d{4}-\d{2}$/)
    }
  })
})
