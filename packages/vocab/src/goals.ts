/**
 * Goals of a tandem (decision 027): what the pair works on, in one of the program's goal areas, revisited on a
 * cadence. A revisit records progress and can move the goal to another area; the history keeps every move.
 */

/**
 * Goal areas programs commonly use, from settling in to career, education and leadership. These are codes of
 * `COMMON_TOPICS` (so they have a name in every language); a goal's area is always one of its program's
 * `goalAreas`, which a coordinator chooses (these, or codes of their own).
 */
export const GOAL_AREAS = [
  'housing',
  'documents',
  'health_care',
  'language',
  'education',
  'work',
  'finances',
  'parenting',
  'social_ties',
  'civic_life',
  'leadership',
] as const
export type GoalArea = (typeof GOAL_AREAS)[number]

/** `open`: set, not started; `in-progress`: being worked on; `reached`: done; `dropped`: no longer pursued. */
export const GOAL_STATUSES = ['open', 'in-progress', 'reached', 'dropped'] as const
export type GoalStatus = (typeof GOAL_STATUSES)[number]

/** Who recorded a revisit: a coordinator on the match page, or the mentor or mentee in the portal. */
export const GOAL_RECORDERS = ['coordinator', 'mentor', 'mentee'] as const
export type GoalRecorder = (typeof GOAL_RECORDERS)[number]

/** Revisit cadence in days: a goal is looked at again this many days after each revisit. */
export const GOAL_REVISIT_DAYS = { min: 7, max: 180, default: 30 } as const
/** The longest goal title and revisit note. */
export const MAX_GOAL_TITLE = 120
export const MAX_GOAL_NOTE = 1000
