import { addDays } from './days'

/**
 * A small iCalendar writer (RFC 5545, decision 031): only what Tandem's feeds need — one VCALENDAR of VEVENTs
 * with times in UTC or whole days. Text is escaped (backslash, semicolon, comma, newline), lines are folded at
 * 75 octets without splitting a UTF-8 character, and every line ends with CRLF.
 */

export interface CalendarItem {
  /** Globally unique and stable for the item: the same meeting or event keeps its UID across fetches. */
  uid: string
  /** Grows when the item changes, so calendar apps take the new version. */
  sequence: number
  /** An instant (written in UTC), or a whole day `YYYY-MM-DD`. */
  start: Date | string
  /** An instant, or the day after the last whole day (exclusive, as RFC 5545 has it). */
  end: Date | string
  summary: string
  description?: string | null
  location?: string | null
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'
  lastModified?: Date
}

export interface CalendarOptions {
  /** Shown by calendar apps as the calendar's name (RFC 7986 NAME, and X-WR-CALNAME). */
  name: string
  /** When this copy was made: every VEVENT's DTSTAMP (the object has a METHOD). */
  now: Date
  /** How often apps should fetch again (RFC 7986 REFRESH-INTERVAL), in hours. */
  refreshHours?: number
}

const CRLF = '\r\n'
const encoder = new TextEncoder()

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

/** Folds a content line to at most 75 octets per physical line (RFC 5545 §3.1), never inside a character. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line
  const parts: string[] = []
  let current = ''
  let octets = 0
  // A continuation line starts with a space, which counts against its 75 octets.
  let limit = 75
  for (const char of line) {
    const size = encoder.encode(char).length
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
      limit = 74
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join(`${CRLF} `)
}

/** `20261102T170000Z`: an instant in UTC. */
export const utcStamp = (d: Date) => `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`

/** `20261102`: a whole day. */
const dayStamp = (day: string) => day.replace(/-/g, '')

function timeProperty(name: 'DTSTART' | 'DTEND', value: Date | string) {
  return typeof value === 'string' ? `${name};VALUE=DATE:${dayStamp(value)}` : `${name}:${utcStamp(value)}`
}

/** The day after `day` (`YYYY-MM-DD`): the exclusive end of a one-day item. */
export const nextDay = (day: string) => addDays(day, 1)

/** One whole calendar, ready to send as `text/calendar`. */
export function writeCalendar(options: CalendarOptions, items: readonly CalendarItem[]): string {
  const stamp = utcStamp(options.now)
  const refresh = `PT${options.refreshHours ?? 1}H`
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tandem//Calendar feeds//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(options.name)}`,
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${refresh}`,
    `X-PUBLISHED-TTL:${refresh}`,
  ]
  for (const item of items) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(item.uid)}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${item.sequence}`,
      timeProperty('DTSTART', item.start),
      timeProperty('DTEND', item.end),
      `SUMMARY:${escapeText(item.summary)}`,
    )
    if (item.description) lines.push(`DESCRIPTION:${escapeText(item.description)}`)
    if (item.location) lines.push(`LOCATION:${escapeText(item.location)}`)
    if (item.status) lines.push(`STATUS:${item.status}`)
    if (item.lastModified) lines.push(`LAST-MODIFIED:${utcStamp(item.lastModified)}`)
    // All-day items do not block time in the person's calendar.
    lines.push(`TRANSP:${typeof item.start === 'string' ? 'TRANSPARENT' : 'OPAQUE'}`, 'END:VEVENT')
  }
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join(CRLF) + CRLF
}
