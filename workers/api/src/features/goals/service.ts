import {
  type Goal,
  type GoalRevisit,
  goalRevisits,
  goals,
  type Match,
  newId,
  type Program,
  programs,
} from '@tandem/db'
import type { GoalRecorder } from '@tandem/vocab'
import { asc, desc, eq } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { addDays } from '../../lib/days'
import { fieldError } from '../../lib/field-errors'
import { notFound, Problem } from '../../lib/problem'
import { inTenant, tenantRow } from '../../lib/sql'
import { matchInProgram } from '../matches/service'
import { findMine } from '../portal/service'
import type { CreateGoalBody, RevisitBody } from './schema'

/**
 * Goals of a tandem (decision 027). Coordinators set, revisit and delete them; the mentor and the mentee read
 * them and record progress in the portal. A revisit can change the status and move the goal to another of the
 * program's goal areas; every revisit keeps the status and area before and after, so the history shows the moves.
 * Each revisit sets the next revisit date to today (the organization's calendar day) plus the goal's cadence.
 */

export const goalOut = (g: Goal) => ({
  id: g.id,
  matchId: g.matchId,
  area: g.area,
  title: g.title,
  status: g.status,
  targetDate: g.targetDate,
  revisitDays: g.revisitDays,
  nextRevisitOn: g.nextRevisitOn,
  createdAt: g.createdAt.toISOString(),
  updatedAt: g.updatedAt.toISOString(),
})

const revisitOut = (r: GoalRevisit) => ({
  id: r.id,
  goalId: r.goalId,
  note: r.note,
  statusBefore: r.statusBefore,
  statusAfter: r.statusAfter,
  areaBefore: r.areaBefore,
  areaAfter: r.areaAfter,
  recordedBy: r.recordedBy,
  createdAt: r.createdAt.toISOString(),
})

/** The area must be one of the program's goal areas: a field error at `area` otherwise. */
function checkArea(program: Pick<Program, 'goalAreas'>, area: string) {
  if (program.goalAreas.includes(area)) return
  throw new Problem('invalid-request', {
    detail: 'Choose the area from the program’s goal areas.',
    errors: [
      fieldError('area', 'one-of', {
        params: { options: program.goalAreas },
        message: program.goalAreas.length
          ? `Choose one of: ${program.goalAreas.join(', ')}.`
          : 'This program has no goal areas yet: add them in the program settings.',
      }),
    ],
  })
}

/** Goals change only in a running tandem (active or paused); an ended one keeps them as history. */
function assertOpen(match: Pick<Match, 'status'>) {
  if (match.status === 'ended') {
    throw new Problem('match-ended', { detail: 'This match has ended: its goals can no longer change.' })
  }
}

async function goalOf({ db, tenantId }: Scope, matchId: string, goalId: string) {
  const goal = await db
    .select()
    .from(goals)
    .where(tenantRow(goals, tenantId, goalId, eq(goals.matchId, matchId)))
    .get()
  if (!goal) throw notFound('No such goal of this match.')
  return goal
}

/** The goals of a match: open ones by their next revisit date, reached and dropped ones after. */
async function goalsOf({ db, tenantId }: Scope, matchId: string) {
  const rows = await db
    .select()
    .from(goals)
    .where(inTenant(goals, tenantId, eq(goals.matchId, matchId)))
    .orderBy(asc(goals.nextRevisitOn), asc(goals.createdAt), asc(goals.id))
    .limit(200)
  const done = (g: Goal) => g.status === 'reached' || g.status === 'dropped'
  return { items: [...rows.filter((g) => !done(g)), ...rows.filter(done)].map(goalOut) }
}

async function withHistory({ db, tenantId }: Scope, goal: Goal) {
  const revisits = await db
    .select()
    .from(goalRevisits)
    .where(inTenant(goalRevisits, tenantId, eq(goalRevisits.goalId, goal.id)))
    .orderBy(desc(goalRevisits.createdAt), desc(goalRevisits.id))
    .limit(200)
  return { ...goalOut(goal), revisits: revisits.map(revisitOut) }
}

export async function listGoals(scope: Scope, programId: string, matchId: string) {
  await matchInProgram(scope, programId, matchId)
  return goalsOf(scope, matchId)
}

export async function getGoal(scope: Scope, programId: string, matchId: string, goalId: string) {
  await matchInProgram(scope, programId, matchId)
  return withHistory(scope, await goalOf(scope, matchId, goalId))
}

/** Sets a goal of a running tandem; the first revisit is due `revisitDays` after `today`; audited. */
export async function createGoal(
  scope: Scope,
  program: Program,
  matchId: string,
  body: v.InferOutput<typeof CreateGoalBody>,
  today: string,
) {
  const { db, tenantId, actorId, now } = scope
  const match = await matchInProgram(scope, program.id, matchId)
  assertOpen(match)
  checkArea(program, body.area)
  const id = newId()
  const [inserted] = await db.batch([
    db
      .insert(goals)
      .values({
        id,
        tenantId,
        programId: program.id,
        matchId,
        area: body.area,
        title: body.title,
        status: body.status,
        targetDate: body.targetDate ?? null,
        revisitDays: body.revisitDays,
        nextRevisitOn: addDays(today, body.revisitDays),
        createdByUserId: actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning(),
    auditFor(scope)('goal.created', { type: 'match', id: matchId }, { goalId: id, area: body.area }),
  ])
  return goalOut(inserted[0] as Goal)
}

/** Records a revisit (progress, new status, new area) and moves the next revisit on; audited; one batch. */
async function revisit(
  scope: Scope,
  program: Pick<Program, 'goalAreas'>,
  goal: Goal,
  body: v.InferOutput<typeof RevisitBody>,
  today: string,
  recordedBy: GoalRecorder,
) {
  const { db, tenantId, actorId, now } = scope
  const area = body.area ?? goal.area
  if (area !== goal.area) checkArea(program, area)
  const status = body.status ?? goal.status
  const id = newId()
  const nextRevisitOn = addDays(today, goal.revisitDays)
  await db.batch([
    db.insert(goalRevisits).values({
      id,
      tenantId,
      goalId: goal.id,
      matchId: goal.matchId,
      note: body.note ?? null,
      statusBefore: goal.status,
      statusAfter: status,
      areaBefore: goal.area,
      areaAfter: area,
      recordedBy,
      createdByUserId: actorId,
      createdAt: now,
    }),
    db
      .update(goals)
      .set({ area, status, nextRevisitOn, updatedAt: now })
      .where(tenantRow(goals, tenantId, goal.id)),
    auditFor(scope)(
      'goal.revisited',
      { type: 'match', id: goal.matchId },
      {
        goalId: goal.id,
        recordedBy,
        ...(status !== goal.status ? { statusFrom: goal.status, statusTo: status } : {}),
        ...(area !== goal.area ? { areaFrom: goal.area, areaTo: area } : {}),
      },
    ),
  ])
  return withHistory(scope, { ...goal, area, status, nextRevisitOn, updatedAt: now })
}

export async function revisitGoal(
  scope: Scope,
  program: Program,
  matchId: string,
  goalId: string,
  body: v.InferOutput<typeof RevisitBody>,
  today: string,
) {
  const match = await matchInProgram(scope, program.id, matchId)
  assertOpen(match)
  const goal = await goalOf(scope, matchId, goalId)
  return revisit(scope, program, goal, body, today, 'coordinator')
}

/** Deletes a mistaken goal with its history; audited. */
export async function deleteGoal(scope: Scope, programId: string, matchId: string, goalId: string) {
  const { db, tenantId } = scope
  await matchInProgram(scope, programId, matchId)
  const goal = await goalOf(scope, matchId, goalId)
  await db.batch([
    db.delete(goalRevisits).where(inTenant(goalRevisits, tenantId, eq(goalRevisits.goalId, goal.id))),
    db.delete(goals).where(tenantRow(goals, tenantId, goal.id)),
    auditFor(scope)('goal.deleted', { type: 'match', id: matchId }, { goalId, title: goal.title }),
  ])
}

// ---------- the portal: one's own goals ----------

export async function listMyGoals(scope: Scope, matchId: string) {
  await findMine(scope, matchId)
  return goalsOf(scope, matchId)
}

/** The mentor or mentee records progress on a goal of their own match (status and area may change too). */
export async function revisitMyGoal(
  scope: Scope,
  matchId: string,
  goalId: string,
  body: v.InferOutput<typeof RevisitBody>,
  today: string,
) {
  const row = await findMine(scope, matchId)
  assertOpen(row.match)
  const goal = await goalOf(scope, matchId, goalId)
  const program = await scope.db
    .select({ goalAreas: programs.goalAreas })
    .from(programs)
    .where(tenantRow(programs, scope.tenantId, row.match.programId))
    .get()
  if (!program) throw notFound('You have no match with this id.')
  const side: GoalRecorder = row.menteeUser === scope.actorId ? 'mentee' : 'mentor'
  return revisit(scope, program, goal, body, today, side)
}
