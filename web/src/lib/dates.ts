/** Today in the browser's time zone, as YYYY-MM-DD (the value of an `<input type="date">`). */
export function todayIso(offsetDays = 0, now = new Date()): string {
  const d = new Date(now)
  d.setDate(d.getDate() + offsetDays)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A YYYY-MM-DD day as a Date at noon UTC (so formatting never shifts it to the day before). */
export const dayDate = (day: string) => new Date(`${day}T12:00:00Z`)
