/**
 * The period grid (decision 036): figures are published for whole calendar months only, one set of cells per
 * month, and only for months that have ended. No published figure covers two months, and no two published
 * figures cover overlapping periods, so a figure for one period can never be subtracted from another's to
 * reveal the few people who differ (the differencing attack: January–March minus January–February). A range
 * of months is answered as a series of month cells, never as one total.
 */

/** A month of the grid, `YYYY-MM`. */
export type Month = string

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** The longest series one request may ask for. */
export const MAX_MONTHS = 24

export const isMonth = (s: string): s is Month => MONTH.test(s)

const toIndex = (m: Month) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
const fromIndex = (i: number): Month => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`

/** The month a `YYYY-MM-DD` day falls in. */
export const monthOf = (day: string): Month => day.slice(0, 7)

/** The month before `month`. */
export const previousMonth = (month: Month): Month => fromIndex(toIndex(month) - 1)
/** The month after `month`. */
export const nextMonth = (month: Month): Month => fromIndex(toIndex(month) + 1)

/** The last month that has ended on `today` (`YYYY-MM-DD`, the organization's local day). */
export const lastCompleteMonth = (today: string): Month => previousMonth(monthOf(today))

/**
 * The grid months from `from` to `to` (inclusive) that may be published on `today`: months that have not ended
 * are left out; at most `MAX_MONTHS`, the latest kept. Empty when `from` is after `to`.
 */
export function gridMonths(from: Month, to: Month, today: string): Month[] {
  const last = Math.min(toIndex(to), toIndex(lastCompleteMonth(today)))
  const first = Math.max(toIndex(from), last - MAX_MONTHS + 1)
  const months: Month[] = []
  for (let i = first; i <= last; i++) months.push(fromIndex(i))
  return months
}

/** The first and the last day (`YYYY-MM-DD`) of a grid month. */
export function monthDays(month: Month): { first: string; last: string } {
  const next = nextMonth(month)
  const lastDay = new Date(Date.UTC(Number(next.slice(0, 4)), Number(next.slice(5, 7)) - 1, 0)).getUTCDate()
  return { first: `${month}-01`, last: `${month}-${String(lastDay).padStart(2, '0')}` }
}
