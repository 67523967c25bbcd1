import type { Tenant } from '@tandem/db'
import { programFactory, tenantFactory } from '../../factory'
import { jsonResponse, problem } from '../../lib/openapi'
import { validate } from '../../lib/validate'
import { guard, ownGuard } from '../../middleware/guard'
import { localTime } from '../email/local-time'
import { MatchParam } from '../matches/schema'
import {
  CreateGoalBody,
  GoalDetailOut,
  GoalOut,
  GoalParam,
  GoalsOut,
  MyGoalParam,
  MyGoalsParam,
  RevisitBody,
} from './schema'
import {
  createGoal,
  deleteGoal,
  getGoal,
  listGoals,
  listMyGoals,
  revisitGoal,
  revisitMyGoal,
} from './service'

/** Today in the organization's time zone: revisit dates are calendar days there. */
const today = (tenant: Pick<Tenant, 'timezone'>, now: Date) => localTime(now, tenant.timezone).date

const revisitProblems = {
  400: problem('Invalid fields, or an area that is not one of the program’s goal areas'),
  409: problem('The match has ended (`match-ended`)'),
}

/** Goals of one match (coordinators): mounted at …/programs/:program/matches/:match/goals. */
export const goalRoutes = programFactory
  .createApp()
  .get(
    '/',
    guard('matches:read', {
      tags: ['goals'],
      summary: 'Goals of a match: open ones by next revisit date, then reached and dropped ones',
      responses: { 200: jsonResponse('The goals', GoalsOut) },
    }),
    validate('param', MatchParam),
    async (c) => c.json(await listGoals(c.var.scope, c.var.program.id, c.req.valid('param').match), 200),
  )
  .post(
    '/',
    guard('matches:manage', {
      tags: ['goals'],
      summary: 'Set a goal for a match (audited)',
      description:
        'The area is a code of the program’s goal areas; the first revisit is due `revisitDays` (default 30) from today in the organization’s time zone. Only while the match is active or paused.',
      responses: { 201: jsonResponse('The goal', GoalOut), ...revisitProblems },
    }),
    validate('param', MatchParam),
    validate('json', CreateGoalBody),
    async (c) =>
      c.json(
        await createGoal(
          c.var.scope,
          c.var.program,
          c.req.valid('param').match,
          c.req.valid('json'),
          today(c.var.tenant, c.var.scope.now),
        ),
        201,
      ),
  )
  .get(
    '/:goal',
    guard('matches:read', {
      tags: ['goals'],
      summary: 'A goal with its revisits, newest first (each keeps the status and area before and after)',
      responses: { 200: jsonResponse('The goal', GoalDetailOut) },
    }),
    validate('param', GoalParam),
    async (c) => {
      const { match, goal } = c.req.valid('param')
      return c.json(await getGoal(c.var.scope, c.var.program.id, match, goal), 200)
    },
  )
  .delete(
    '/:goal',
    guard('matches:manage', {
      tags: ['goals'],
      summary: 'Delete a mistaken goal with its history (audited)',
      responses: { 204: { description: 'Deleted' } },
    }),
    validate('param', GoalParam),
    async (c) => {
      const { match, goal } = c.req.valid('param')
      await deleteGoal(c.var.scope, c.var.program.id, match, goal)
      return c.body(null, 204)
    },
  )
  .post(
    '/:goal/revisits',
    guard('matches:manage', {
      tags: ['goals'],
      summary: 'Record progress on a goal: a note, and optionally a new status or area (audited)',
      description:
        'Moving the goal to another of the program’s goal areas keeps the old area in the history. The next revisit is due the goal’s cadence from today.',
      responses: { 201: jsonResponse('The goal with its history', GoalDetailOut), ...revisitProblems },
    }),
    validate('param', GoalParam),
    validate('json', RevisitBody),
    async (c) => {
      const { match, goal } = c.req.valid('param')
      return c.json(
        await revisitGoal(
          c.var.scope,
          c.var.program,
          match,
          goal,
          c.req.valid('json'),
          today(c.var.tenant, c.var.scope.now),
        ),
        201,
      )
    },
  )

/** A mentor's or mentee's own goals in the portal: mounted at /orgs/:org/my/matches/:match/goals. */
export const myGoalRoutes = tenantFactory
  .createApp()
  .get(
    '/',
    ownGuard({
      summary: 'Goals of my match',
      responses: { 200: jsonResponse('My goals', GoalsOut) },
    }),
    validate('param', MyGoalsParam),
    async (c) => c.json(await listMyGoals(c.var.scope, c.req.valid('param').match), 200),
  )
  .post(
    '/:goal/revisits',
    ownGuard({
      summary: 'Record progress on a goal of my match',
      description:
        'A note (read by the partner and the coordinators, not sealed), and optionally a new status or area.',
      responses: { 201: jsonResponse('The goal with its history', GoalDetailOut), ...revisitProblems },
    }),
    validate('param', MyGoalParam),
    validate('json', RevisitBody),
    async (c) => {
      const { match, goal } = c.req.valid('param')
      return c.json(
        await revisitMyGoal(
          c.var.scope,
          match,
          goal,
          c.req.valid('json'),
          today(c.var.tenant, c.var.scope.now),
        ),
        201,
      )
    },
  )
