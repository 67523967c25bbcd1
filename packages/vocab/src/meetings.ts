/**
 * Meetings of a tandem and the one-click check-ins that record them from email (decision 025). Topics of a
 * meeting are codes from the program's goal areas (`programs.goalAreas`), named like other program codes.
 */

/** How a meeting took place. */
export const MEETING_MODES = ['in-person', 'phone', 'video'] as const
export type MeetingMode = (typeof MEETING_MODES)[number]

/** `scheduled`: planned, not yet confirmed; `held`: it took place; `missed`: it was planned and did not. */
export const MEETING_STATUSES = ['scheduled', 'held', 'missed'] as const
export type MeetingStatus = (typeof MEETING_STATUSES)[number]

/** Who logged a meeting: a coordinator, one of the pair in the portal, or an answer to a check-in email. */
export const MEETING_SOURCES = ['coordinator', 'portal', 'check-in'] as const
export type MeetingSource = (typeof MEETING_SOURCES)[number]

/** The three links of a check-in email: "We met", "We did not meet", "Let's reschedule". */
export const CHECK_IN_ANSWERS = ['met', 'not-met', 'reschedule'] as const
export type CheckInAnswer = (typeof CHECK_IN_ANSWERS)[number]

/** How long a check-in link can be answered. */
export const CHECK_IN_VALID_DAYS = 14
/** The longest meeting one entry records (10 hours). */
export const MAX_MEETING_MINUTES = 600
/** "How did it go": 1 (badly) … 5 (very well). */
export const MEETING_RATING = { min: 1, max: 5 } as const
