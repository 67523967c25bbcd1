import type { ConcernCategory, ConcernSeverity } from '@tandem/vocab'
import { type Answer, v1 } from '../../lib/client'

/**
 * Safeguarding concerns (decision 030): raised by a mentor or newcomer in the portal or from a check-in link,
 * read and tracked by the program's coordinators and admins.
 */
export const concernsRoute = v1.orgs[':org'].programs[':program'].concerns
export const concernRoute = concernsRoute[':concern']
export const myConcernsRoute = v1.orgs[':org'].my.concerns
export const raiseMyConcernRoute = v1.orgs[':org'].my.matches[':match'].concerns
export const checkInConcernRoute = v1['check-ins'][':token'].concerns

export type ConcernRow = Answer<typeof concernsRoute.$get>['items'][number]
export type ConcernDetail = Answer<typeof concernRoute.$get>
export type MyConcern = Answer<typeof myConcernsRoute.$get>['items'][number]

/** The form of a new concern. */
export interface ConcernValues {
  category: ConcernCategory | ''
  severity: ConcernSeverity | ''
  description: string
  nameToOtherSide: boolean
}

export const emptyConcern: ConcernValues = {
  category: '',
  severity: '',
  description: '',
  nameToOtherSide: false,
}

/** The body of a new concern, once the required choices are made (the browser asks for them first). */
export function concernBody(values: ConcernValues) {
  const { category, severity } = values
  if (!category || !severity) return null
  return {
    category,
    severity,
    description: values.description.trim(),
    nameToOtherSide: values.nameToOtherSide,
  }
}
export type ConcernBody = NonNullable<ReturnType<typeof concernBody>>
