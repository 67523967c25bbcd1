import type { EmailLocale } from '@tandem/email'

/**
 * When an event happens, in words of `locale` and wall-clock time of the organization's zone (`timeZone`):
 * "Thursday, 10 December 2026, 18:00–20:00". The Gregorian calendar in every language, as on the web pages.
 */
export function eventWhen(locale: EmailLocale, timeZone: string, startsAt: Date, endsAt: Date) {
  const tag = `${locale}-u-ca-gregory`
  const day = new Intl.DateTimeFormat(tag, { timeZone, dateStyle: 'full' })
  const time = new Intl.DateTimeFormat(tag, { timeZone, timeStyle: 'short' })
  const sameDay = day.format(startsAt) === day.format(endsAt)
  return sameDay
    ? `${day.format(startsAt)}, ${time.format(startsAt)}–${time.format(endsAt)}`
    : `${day.format(startsAt)}, ${time.format(startsAt)} – ${day.format(endsAt)}, ${time.format(endsAt)}`
}
