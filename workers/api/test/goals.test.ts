import { auditLog, emailPreferences, goals, matches, newId, outbox, participants, tenants } from '@tandem/db'
import { and, eq, like } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEV_EMAIL_LINK_SECRET } from '../src/env'
import { runScheduler } from '../src/features/email/scheduler'
import { goalRevisitRule } from '../src/features/goals/goal-revisit.rule'
import { type Client, db, memberWithRole, orgWithOwner, problemOf } from './support/client'
import { seedPair } from './support/operations'

type Org = { slug: string; owner: Client }

const DAY_MS = 86_400_000
const today = new Date().toISOString().slice(0, 10)
const dayOf = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

let org: Org
let programId: string

/** An active match of a fresh pair with email addresses; optionally linked to portal accounts. */
async function newMatch(program: string, links: { mentee?: string; mentor?: string } = {}) {
  const { tenantId, menteeId, mentorId } = await seedPair(program, { mentee: 'matched', mentor: 'matched' })
  await db
    .update(participants)
    .set({ email: `${menteeId}@example.org`, userId: links.mentee ?? null })
    .where(eq(participants.id, menteeId))
  await db
    .update(participants)
    .set({ email: `${mentorId}@example.org`, preferredLocale: 'ar', userId: links.mentor ?? null })
    .where(eq(participants.id, mentorId))
  const id = newId()
  await db.insert(matches).values({
    id,
    tenantId,
    programId: program,
    menteeId,
    mentorId,
    status: 'active',
    startedAt: new Date(Date.now() - 30 * DAY_MS),
  })
  return { id, tenantId, menteeId, mentorId }
}

/** A match's goals, as the given member. */
const goalsOf = (client: Client) => client.org.programs[':program'].matches[':match'].goals
const matchParam = (match: string, o: Org = org, program = programId) => ({ org: o.slug, program, match })
type GoalBody = Parameters<ReturnType<typeof goalsOf>['$post']>[0]['json']
type RevisitBody = Parameters<ReturnType<typeof goalsOf>[':goal']['revisits']['$post']>[0]['json']
const addGoal = (client: Client, match: string, json: GoalBody) =>
  goalsOf(client).$post({ param: matchParam(match), json })
const goalParam = (match: string, goal: string, o: Org = org, program = programId) => ({
  param: { ...matchParam(match, o, program), goal },
})
const revisit = (client: Client, match: string, goal: string, json: RevisitBody) =>
  goalsOf(client)[':goal'].revisits.$post({ ...goalParam(match, goal), json })

/** A mentor's or mentee's goals of their own match, in the portal. */
const myGoalsOf = (client: Client) => client.org.my.matches[':match'].goals
const myRevisit = (client: Client, match: string, goal: string, json: RevisitBody) =>
  myGoalsOf(client)[':goal'].revisits.$post({ param: { org: org.slug, match, goal }, json })

beforeAll(async () => {
  org = await orgWithOwner('goals')
  // On UTC, so the rule's local hour and "today" are the clock's.
  await db.update(tenants).set({ timezone: 'UTC' }).where(eq(tenants.slug, org.slug))
  const res = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: {
      name: 'Goals program',
      languages: ['de', 'ar'],
      goalAreas: ['housing', 'documents', 'work', 'leadership'],
    },
  })
  programId = (await res.json()).id
})

describe('goals of a match (coordinators)', () => {
  it('sets, lists, revisits with a move to a new area (history kept), and deletes a mistaken goal; all audited', async () => {
    const match = await newMatch(programId)
    const coordinator = await memberWithRole(org, 'coordinator')
    const created = await addGoal(coordinator.client, match.id, {
      area: 'housing',
      title: '  Find a flat near the school  ',
      targetDate: '2027-03-01',
      revisitDays: 14,
    })
    expect(created.status).toBe(201)
    const goal = await created.json()
    expect(goal).toMatchObject({
      area: 'housing',
      title: 'Find a flat near the school',
      status: 'open',
      targetDate: '2027-03-01',
      revisitDays: 14,
      nextRevisitOn: dayOf(14),
    })

    const moved = await revisit(coordinator.client, match.id, goal.id, {
      note: 'The flat is found; now the job search starts.',
      status: 'in-progress',
      area: 'work',
    })
    expect(moved.status).toBe(201)
    const second = await revisit(coordinator.client, match.id, goal.id, { area: 'leadership' })
    expect(second.status).toBe(201)

    const detail = await (
      await goalsOf(coordinator.client)[':goal'].$get(goalParam(match.id, goal.id))
    ).json()
    expect(detail).toMatchObject({ area: 'leadership', status: 'in-progress', nextRevisitOn: dayOf(14) })
    expect(detail.revisits.map((r) => [r.areaBefore, r.areaAfter, r.statusBefore, r.statusAfter])).toEqual([
      ['work', 'leadership', 'in-progress', 'in-progress'],
      ['housing', 'work', 'open', 'in-progress'],
    ])
    expect(detail.revisits[1]).toMatchObject({
      note: 'The flat is found; now the job search starts.',
      recordedBy: 'coordinator',
    })

    const listed = await (await goalsOf(coordinator.client).$get({ param: matchParam(match.id) })).json()
    expect(listed.items.map((g) => g.id)).toEqual([goal.id])

    const actions = await db
      .select({ action: auditLog.action, meta: auditLog.meta })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, match.id), like(auditLog.action, 'goal.%')))
    expect(actions.map((a) => a.action).sort()).toEqual(['goal.created', 'goal.revisited', 'goal.revisited'])
    expect(actions.find((a) => a.meta?.areaTo === 'work')?.meta).toMatchObject({
      areaFrom: 'housing',
      statusFrom: 'open',
      statusTo: 'in-progress',
    })

    // Deleting needs matches:manage; a mentor member of the organization may not.
    const removed = await goalsOf(coordinator.client)[':goal'].$delete(goalParam(match.id, goal.id))
    expect(removed.status).toBe(204)
    expect(await db.select().from(goals).where(eq(goals.id, goal.id))).toEqual([])
    expect((await goalsOf(coordinator.client)[':goal'].$get(goalParam(match.id, goal.id))).status).toBe(404)
    const deleted = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, match.id), eq(auditLog.action, 'goal.deleted')))
    expect(deleted).toHaveLength(1)
  })

  it('refuses an area outside the program’s goal areas, a link in the title, and goals of an ended match; changes nothing', async () => {
    const match = await newMatch(programId)
    const bad = await addGoal(org.owner, match.id, { area: 'gardening', title: 'Grow beans' })
    expect(bad.status).toBe(400)
    expect((await problemOf(bad)).errors).toEqual([expect.objectContaining({ path: 'area', code: 'one-of' })])
    const link = await addGoal(org.owner, match.id, { area: 'housing', title: 'See www.flats.com' })
    expect(link.status).toBe(400)
    const empty = await addGoal(org.owner, match.id, { area: 'housing', title: '   ' })
    expect(empty.status).toBe(400)
    const good = await (await addGoal(org.owner, match.id, { area: 'housing', title: 'Flat' })).json()
    const badMove = await revisit(org.owner, match.id, good.id, { area: 'gardening' })
    expect(badMove.status).toBe(400)
    await db.update(matches).set({ status: 'ended' }).where(eq(matches.id, match.id))
    const ended = await revisit(org.owner, match.id, good.id, { status: 'reached' })
    expect(ended.status).toBe(409)
    expect((await problemOf(ended)).code).toBe('match-ended')
    const stored = await db.select().from(goals).where(eq(goals.matchId, match.id))
    expect(stored.map((g) => [g.area, g.status])).toEqual([['housing', 'open']])
  })

  it('answers 404 for a goal of another match or another organization', async () => {
    const ours = await newMatch(programId)
    const other = await newMatch(programId)
    const goal = await (
      await addGoal(org.owner, ours.id, { area: 'documents', title: 'Residence permit' })
    ).json()
    expect((await goalsOf(org.owner)[':goal'].$get(goalParam(other.id, goal.id))).status).toBe(404)
    expect((await revisit(org.owner, other.id, goal.id, { status: 'reached' })).status).toBe(404)
    const foreign = await orgWithOwner('goals-foreign')
    const res = await foreign.owner.org.programs.$post({
      param: { org: foreign.slug },
      json: { name: 'Other', languages: ['de'], goalAreas: ['documents'] },
    })
    const theirProgram = (await res.json()).id
    const viaForeign = goalParam(ours.id, goal.id, foreign, theirProgram)
    expect((await goalsOf(foreign.owner)[':goal'].$get(viaForeign)).status).toBe(404)
    expect((await goalsOf(foreign.owner)[':goal'].$delete(viaForeign)).status).toBe(404)
    expect(await db.select().from(goals).where(eq(goals.id, goal.id))).toHaveLength(1)
  })
})

describe('goals in the portal', () => {
  it('the mentor and the mentee read their goals and record progress; another match answers 404', async () => {
    const mentee = await memberWithRole(org, 'mentee')
    const mentor = await memberWithRole(org, 'mentor')
    const match = await newMatch(programId, { mentee: mentee.userId, mentor: mentor.userId })
    const goal = await (
      await addGoal(org.owner, match.id, { area: 'documents', title: 'Renew the passport' })
    ).json()
    const listed = await myGoalsOf(mentee.client).$get({ param: { org: org.slug, match: match.id } })
    expect(listed.status).toBe(200)
    expect((await listed.json()).items.map((g) => g.title)).toEqual(['Renew the passport'])
    const progress = await myRevisit(mentee.client, match.id, goal.id, {
      note: 'Appointment booked.',
      status: 'in-progress',
    })
    expect(progress.status).toBe(201)
    const done = await myRevisit(mentor.client, match.id, goal.id, { status: 'reached' })
    expect(done.status).toBe(201)
    const detail = await done.json()
    expect(detail.status).toBe('reached')
    expect(detail.revisits.map((r) => r.recordedBy)).toEqual(['mentor', 'mentee'])

    const someoneElses = await newMatch(programId)
    const theirGoal = await (
      await addGoal(org.owner, someoneElses.id, { area: 'work', title: 'Theirs' })
    ).json()
    expect(
      (await myGoalsOf(mentee.client).$get({ param: { org: org.slug, match: someoneElses.id } })).status,
    ).toBe(404)
    expect(
      (await myRevisit(mentee.client, someoneElses.id, theirGoal.id, { status: 'dropped' })).status,
    ).toBe(404)
    // A goal of another match through one's own match path is not found either.
    expect((await myRevisit(mentee.client, match.id, theirGoal.id, { status: 'dropped' })).status).toBe(404)
    const theirs = await db.select().from(goals).where(eq(goals.id, theirGoal.id)).get()
    expect(theirs?.status).toBe('open')
  })
})

// ---------- the reminder rule ----------

const config = { APP_ORIGIN: 'http://localhost:8787', EMAIL_LINK_SECRET: DEV_EMAIL_LINK_SECRET }
const remindersAt = (iso: string) =>
  runScheduler([goalRevisitRule], { control: db, db, placement: 'shared', now: new Date(iso), config })
const remindersOf = (goalId: string) =>
  db
    .select()
    .from(outbox)
    .where(like(outbox.dedupKey, `goal-revisit:${goalId}:%`))

describe('goal revisit reminders', () => {
  it('email the mentor once per due date, in their language, with a portal link; a revisit moves the next one on', async () => {
    const match = await newMatch(programId)
    const goal = await (
      await addGoal(org.owner, match.id, { area: 'housing', title: 'Find a flat', revisitDays: 7 })
    ).json()
    expect(goal.nextRevisitOn).toBe(dayOf(7))

    // Not due yet; and outside the reminder hour nothing is written.
    await remindersAt(`${dayOf(6)}T10:15:00Z`)
    await remindersAt(`${dayOf(7)}T09:15:00Z`)
    expect(await remindersOf(goal.id)).toEqual([])

    await remindersAt(`${dayOf(7)}T10:15:00Z`)
    await remindersAt(`${dayOf(7)}T10:45:00Z`)
    await remindersAt(`${dayOf(8)}T10:15:00Z`)
    const sent = await remindersOf(goal.id)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      kind: 'goal-revisit',
      dedupKey: `goal-revisit:${goal.id}:${dayOf(7)}`,
      toAddress: `${match.mentorId}@example.org`,
    })
    expect(sent[0]?.text).toContain('Find a flat')
    expect(sent[0]?.text).toContain(`http://localhost:8787/orgs/${org.slug}/my`)
    expect(sent[0]?.subject).toMatch(/[\u0600-\u06FF]/)
    expect(sent[0]?.headers).toHaveProperty('List-Unsubscribe')

    // A revisit today moves the due date to today + 7: the next reminder comes then, once.
    await revisit(org.owner, match.id, goal.id, { note: 'Viewing on Friday.' })
    const moved = await db.select().from(goals).where(eq(goals.id, goal.id)).get()
    expect(moved?.nextRevisitOn).toBe(dayOf(7))
    await db
      .update(goals)
      .set({ nextRevisitOn: dayOf(14) })
      .where(eq(goals.id, goal.id))
    await remindersAt(`${dayOf(14)}T10:15:00Z`)
    await remindersAt(`${dayOf(14)}T10:20:00Z`)
    expect((await remindersOf(goal.id)).map((r) => r.dedupKey).sort()).toEqual(
      [`goal-revisit:${goal.id}:${dayOf(7)}`, `goal-revisit:${goal.id}:${dayOf(14)}`].sort(),
    )
  })

  it('sends nothing for reached goals, ended matches, or a mentor who turned the reminders off', async () => {
    const reached = await newMatch(programId)
    const ended = await newMatch(programId)
    const quiet = await newMatch(programId)
    const ids: string[] = []
    for (const m of [reached, ended, quiet]) {
      const g = await (await addGoal(org.owner, m.id, { area: 'work', title: 'Job', revisitDays: 7 })).json()
      ids.push(g.id)
    }
    await db
      .update(goals)
      .set({ status: 'reached' })
      .where(eq(goals.id, ids[0] as string))
    await db.update(matches).set({ status: 'ended' }).where(eq(matches.id, ended.id))
    await db.insert(emailPreferences).values({
      id: newId(),
      tenantId: quiet.tenantId,
      recipientType: 'participant',
      recipientId: quiet.mentorId,
      kind: 'goal-revisit',
      enabled: false,
      updatedAt: new Date(),
    })
    await remindersAt(`${dayOf(9)}T10:15:00Z`)
    for (const id of ids) expect(await remindersOf(id)).toEqual([])
  })
})
