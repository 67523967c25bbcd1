import type { GoalStatus } from '@tandem/vocab'
import { type Answer, v1 } from '../../lib/client'

/**
 * A tandem's goals as the API answers them: the coordinator's routes
 * (`/api/v1/orgs/{org}/programs/{program}/matches/{match}/goals`) and the portal's
 * (`/api/v1/orgs/{org}/my/matches/{match}/goals`); and the forms' values as the bodies the API takes.
 */
export const goalsRoute = v1.orgs[':org'].programs[':program'].matches[':match'].goals
export const goalRoute = goalsRoute[':goal']
export const myGoalsRoute = v1.orgs[':org'].my.matches[':match'].goals

export type Goal = Answer<typeof goalsRoute.$get>['items'][number]
export type GoalDetail = Answer<typeof goalRoute.$get>
export type GoalRevisit = GoalDetail['revisits'][number]

/** What the "add a goal" form holds: text as typed. */
export interface GoalValues {
  area: string
  title: string
  targetDate: string
  revisitDays: string
}

export const emptyGoal = (area = ''): GoalValues => ({ area, title: '', targetDate: '', revisitDays: '30' })

/** The body of `POST …/goals`: an empty target date or cadence is left out (the API's default cadence). */
export function goalBody(values: GoalValues) {
  const days = values.revisitDays.trim()
  return {
    area: values.area,
    title: values.title,
    ...(values.targetDate ? { targetDate: values.targetDate } : {}),
    ...(days ? { revisitDays: Number(days) } : {}),
  }
}

/** What a revisit form holds: the note, and the status and area it leaves the goal in. */
export interface RevisitValues {
  note: string
  status: GoalStatus
  area: string
}

export const revisitOf = (goal: Pick<Goal, 'status' | 'area'>): RevisitValues => ({
  note: '',
  status: goal.status,
  area: goal.area,
})

/** The body of `POST …/goals/{goal}/revisits`: only what changed, and the note when there is one. */
export function revisitBody(values: RevisitValues, goal: Pick<Goal, 'status' | 'area'>) {
  const note = values.note.trim()
  return {
    ...(note ? { note } : {}),
    ...(values.status !== goal.status ? { status: values.status } : {}),
    ...(values.area !== goal.area ? { area: values.area } : {}),
  }
}
