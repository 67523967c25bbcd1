import { daysBetween } from '../../lib/days'

/**
 * Before a tandem fades (decision 028): what a quiet tandem is, as pure functions of its dates and a clock the
 * caller passes in (the organization's local date), shared by the scheduler rule and the attention list.
 */

/** Days after the program's cadence before a tandem without a held meeting counts as fading. */
export const FADING_GRACE_DAYS = 7
/** A newcomer nobody has met within this many days of the match start is flagged at once. */
export const FIRST_CONTACT_DAYS = 14

/** What the fading check needs to know about one active match (dates are the organization's local days). */
export interface TandemDates {
  /** The day the match started. */
  start: string
  /** The program's meeting cadence in days. */
  cadence: number
  /** The latest held meeting on or before today, or null. */
  lastHeld: string | null
  /** Whether a meeting is planned from today on (they have arranged to meet: not fading). */
  planned: boolean
  /** Whether the two ever met: a held meeting, or a check-in answered "we met". */
  contacted: boolean
}

export interface Fading {
  /** The last contact: the latest held meeting, or the start. Names the quiet spell (a new meeting starts another). */
  since: string
  days: number
  /** `nudge` after cadence + grace quiet days; `alert` after twice that. */
  stage: 'nudge' | 'alert'
}

/**
 * Whether a tandem is fading on `today`: no held meeting for the cadence plus the grace period since the last
 * one (or since the start), and none planned from today on. After a second such period, the coordinators are
 * alerted. A held meeting resets it.
 */
export function fadingOf(t: TandemDates, today: string): Fading | null {
  if (t.planned) return null
  const since = t.lastHeld && t.lastHeld > t.start ? t.lastHeld : t.start
  const days = daysBetween(since, today)
  const period = t.cadence + FADING_GRACE_DAYS
  if (days < period) return null
  return { since, days, stage: days >= 2 * period ? 'alert' : 'nudge' }
}

/** A newcomer nobody has met within `FIRST_CONTACT_DAYS` of the start: the start day and the days since, or null. */
export function neverContactedOf(t: TandemDates, today: string): { since: string; days: number } | null {
  if (t.contacted) return null
  const days = daysBetween(t.start, today)
  return days >= FIRST_CONTACT_DAYS ? { since: t.start, days } : null
}
