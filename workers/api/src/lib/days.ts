/** Calendar days written `YYYY-MM-DD` (an organization's local days), counted in whole days. */

const DAY_MS = 86_400_000

/** `YYYY-MM-DD` plus `n` days (`n` may be negative). */
export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

/** Whole days from one `YYYY-MM-DD` to another. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
