/**
 * Wall-clock time in a time zone, from the runtime's own time-zone data (`Intl`, decision 024): the weekday,
 * the hour and the local date, and the ISO week that date falls in.
 */
export interface LocalTime {
  /** `YYYY-MM-DD` in the zone. */
  date: string
  /** 1 = Monday … 7 = Sunday. */
  weekday: number
  hour: number
  minute: number
  /** ISO 8601 week of the local date, e.g. `2026-W50`. */
  isoWeek: string
}

const formats = new Map<string, Intl.DateTimeFormat>()

export function localTime(now: Date, timeZone: string): LocalTime {
  let format = formats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    formats.set(timeZone, format)
  }
  const part = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]))
  const date = `${part.year}-${part.month}-${part.day}`
  const day = new Date(`${date}T00:00:00Z`)
  const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay()
  // The ISO week belongs to the year of its Thursday.
  const thursday = new Date(day.getTime() + (4 - weekday) * 86_400_000)
  const year = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1
  return {
    date,
    weekday,
    hour: Number(part.hour),
    minute: Number(part.minute),
    isoWeek: `${year}-W${String(week).padStart(2, '0')}`,
  }
}
