/**
 * Group activities (decision 029): events a program or a whole organization holds, the replies people give
 * for themselves and their family, and the supports they ask for.
 */

export const EVENT_KINDS = [
  'potluck',
  'language-exchange',
  'service-project',
  'information-evening',
  'workshop',
  'outing',
  'other',
] as const
export type EventKind = (typeof EVENT_KINDS)[number]

/** Supports an event offers and a guest can ask for. */
export const EVENT_SUPPORTS = ['child-care', 'transport', 'interpretation', 'step-free'] as const
export type EventSupport = (typeof EVENT_SUPPORTS)[number]

export const EVENT_STATUSES = ['scheduled', 'cancelled'] as const
export type EventStatus = (typeof EVENT_STATUSES)[number]

/** `going` holds seats; `waitlisted` waits in reply order for seats to free; `declined` holds none. */
export const RSVP_STATUSES = ['going', 'waitlisted', 'declined'] as const
export type RsvpStatus = (typeof RSVP_STATUSES)[number]

/** A reply covers the person and up to this many family members or companions. */
export const MAX_EVENT_GUESTS = 9
