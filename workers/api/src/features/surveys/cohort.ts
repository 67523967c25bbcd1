import { COHORT_ATTRIBUTES, type Cohort, type CohortAttribute, OTHER_GROUP } from '@tandem/vocab'

/** A cohort with every attribute present: a group, or `other`. */
export type StoredCohort = Record<CohortAttribute, string>

/** The order attributes are given up in when a combination is too rare: the most identifying first. */
const GIVE_UP: readonly CohortAttribute[] = [
  'neighborhoodGroup',
  'arrivalBand',
  'ageBand',
  'gender',
  'languageGroup',
  'role',
  'program',
]

/** Whether `person` falls in `stored`: equal on every attribute that is not `other`. */
const within = (person: Cohort, stored: StoredCohort) =>
  COHORT_ATTRIBUTES.every((a) => stored[a] === OTHER_GROUP || person[a] === stored[a])

/**
 * The cohort stored with an anonymous answer (decision 035): each attribute only when at least `minimum` of the
 * people invited to the survey share its group (else `other`), and then, as long as fewer than `minimum` invitees
 * share the whole combination, attributes are given up (stored as `other`), most identifying first. So every
 * stored row names a set of at least `minimum` invitees — or names nothing at all.
 */
export function storedCohort(respondent: Cohort, invitees: readonly Cohort[], minimum: number): StoredCohort {
  const stored = {} as StoredCohort
  for (const a of COHORT_ATTRIBUTES) {
    const value = respondent[a]
    const shared = value ? invitees.filter((p) => p[a] === value).length : 0
    stored[a] = value && shared >= minimum ? value : OTHER_GROUP
  }
  for (const a of GIVE_UP) {
    if (invitees.filter((p) => within(p, stored)).length >= minimum) break
    stored[a] = OTHER_GROUP
  }
  return stored
}

/** How many of `invitees` a stored cohort names (`other` matches anyone). */
export const sharedBy = (stored: StoredCohort, invitees: readonly Cohort[]) =>
  invitees.filter((p) => within(p, stored)).length
