import {
  GOAL_RECORDERS,
  GOAL_REVISIT_DAYS,
  GOAL_STATUSES,
  MAX_GOAL_NOTE,
  MAX_GOAL_TITLE,
} from '@tandem/vocab'
import * as v from 'valibot'
import { Day, Id, MailLine, Text } from '../../lib/schema'
import { MatchParam } from '../matches/schema'
import { MyMatchParam } from '../portal/schema'
import { Code } from '../programs/schema'

/** The path of one goal: `…/matches/{match}/goals/{goal}`. */
export const GoalParam = v.object({ ...MatchParam.entries, goal: Id })
export const MyGoalsParam = MyMatchParam
export const MyGoalParam = v.object({ ...MyMatchParam.entries, goal: Id })

/** A goal's title goes into the reminder email: one line, no web address. */
const Title = MailLine(
  MAX_GOAL_TITLE,
  'Enter a title.',
  'Leave out web addresses: the title goes into reminder email.',
)
const RevisitDays = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(GOAL_REVISIT_DAYS.min),
  v.maxValue(GOAL_REVISIT_DAYS.max),
)
/** Not sealed: the mentor, the mentee and the program's coordinators all read it. */
const Note = v.pipe(Text(MAX_GOAL_NOTE), v.minLength(1, 'Write something, or leave the note out.'))

/** A new goal (coordinators): the area is a code of the program's goal areas. */
export const CreateGoalBody = v.object({
  area: Code,
  title: Title,
  status: v.optional(v.picklist(GOAL_STATUSES), 'open'),
  targetDate: v.optional(v.nullable(Day)),
  revisitDays: v.optional(RevisitDays, GOAL_REVISIT_DAYS.default),
})

/** A look at a goal: progress in words, and optionally a new status or a new area (the move is kept). */
export const RevisitBody = v.object({
  note: v.optional(Note),
  status: v.optional(v.picklist(GOAL_STATUSES)),
  area: v.optional(Code),
})

export const GoalOut = v.object({
  id: v.string(),
  matchId: v.string(),
  area: v.string(),
  title: v.string(),
  status: v.picklist(GOAL_STATUSES),
  targetDate: v.nullable(v.string()),
  revisitDays: v.number(),
  nextRevisitOn: v.string(),
  createdAt: v.string(),
  updatedAt: v.string(),
})
export const GoalsOut = v.object({ items: v.array(GoalOut) })

export const RevisitOut = v.object({
  id: v.string(),
  goalId: v.string(),
  note: v.nullable(v.string()),
  statusBefore: v.picklist(GOAL_STATUSES),
  statusAfter: v.picklist(GOAL_STATUSES),
  areaBefore: v.string(),
  areaAfter: v.string(),
  /** Who recorded it: a coordinator, the mentor or the mentee. */
  recordedBy: v.picklist(GOAL_RECORDERS),
  createdAt: v.string(),
})

/** A goal with its revisits, newest first. */
export const GoalDetailOut = v.object({ ...GoalOut.entries, revisits: v.array(RevisitOut) })
