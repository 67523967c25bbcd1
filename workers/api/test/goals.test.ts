import { auditLog, emailPreferences, goals, matches, newId, outbox, participants, tenants } from '@tandem/db'
import { and, eq, like } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEV_EMAIL_LINK_SECRET } from '../src/env'
import { runScheduler } from '../src/features/email/scheduler'
import { goalRevisitRule } from '../src/features/goals/goal-revisit.rule'
import { type Client, db, memberWithRole, orgWithOwner } from './support/client'
import { seedPair } from './support/operations'

type Org = { slug: string; owner: Client }
type GoalOut = {
  id: string
  area: string
  title: string
  status: string
  targetDate: string | null
  revisitDays: number
  nextRevisitOn: string
}
type Revisit = {
  note: string | null
  statusBefore: string
  statusAfter: string
  areaBefore: string
  areaAfter: string
  recordedBy: string
}
type GoalDetail = GoalOut & { revisits: Revisit[] }

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

const goalsUrl = (match: string, o: Org = org, program = programId) =>
  `/api/v1/orgs/${o.slug}/programs/${program}/matches/${match}/goals`

beforeAll(async () => {
  org = await orgWithOwner('goals')
  // On UTC, so the rule's local hour and "today" are the clock's.
  await db.update(tenants).set({ timezone: 'UTC' }).where(eq(tenants.slug, org.slug))
  const res = await org.owner.post(`/api/v1/orgs/${org.slug}/programs`, {
    name: 'Goals program',
    languages: ['de', 'ar'],
    goalAreas: ['housing', 'documents', 'work', 'leadership'],
  })
  programId = ((await res.json()) as { id: string }).id
})

describe('goals of a match (coordinators)', () => {
  it('sets, lists, revisits with a move to a new area (history kept), and deletes a mistaken goal; all audited', async () => {
    const match = await newMatch(programId)
    const coordinator = await memberWithRole(org, 'coordinator')
    const created = await coordinator.client.post(goalsUrl(match.id), {
      area: 'housing',
      title: '  Find a flat near the school  ',
      targetDate: '2027-03-01',
      revisitDays: 14,
    })
    expect(created.status).toBe(201)
    const goal = (await created.json()) as GoalOut
    expect(goal).toMatchObject({
      area: 'housing',
      title: 'Find a flat near the school',
      status: 'open',
      targetDate: '2027-03-01',
      revisitDays: 14,
      nextRevisitOn: dayOf(14),
    })

    const moved = await coordinator.client.post(`${goalsUrl(match.id)}/${goal.id}/revisits`, {
      note: 'The flat is found; now the job search starts.',
      status: 'in-progress',
      area: 'work',
    })
    expect(moved.status).toBe(201)
    const second = await coordinator.client.post(`${goalsUrl(match.id)}/${goal.id}/revisits`, {
      area: 'leadership',
    })
    expect(second.status).toBe(201)

    const detail = (await (
      await coordinator.client.get(`${goalsUrl(match.id)}/${goal.id}`)
    ).json()) as GoalDetail
    expect(detail).toMatchObject({ area: 'leadership', status: 'in-progress', nextRevisitOn: dayOf(14) })
    expect(detail.revisits.map((r) => [r.areaBefore, r.areaAfter, r.statusBefore, r.statusAfter])).toEqual([
      ['work', 'leadership', 'in-progress', 'in-progress'],
      ['housing', 'work', 'open', 'in-progress'],
    ])
    expect(detail.revisits[1]).toMatchObject({
      note: 'The flat is found; now the job search starts.',
      recordedBy: 'coordinator',
    })

    const listed = (await (await coordinator.client.get(goalsUrl(match.id))).json()) as { items: GoalOut[] }
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
    const removed = await coordinator.client.delete(`${goalsUrl(match.id)}/${goal.id}`)
    expect(removed.status).toBe(204)
    expect(await db.select().from(goals).where(eq(goals.id, goal.id))).toEqual([])
    expect((await coordinator.client.get(`${goalsUrl(match.id)}/${goal.id}`)).status).toBe(404)
    const deleted = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, match.id), eq(auditLog.action, 'goal.deleted')))
    expect(deleted).toHaveLength(1)
  })

  it('refuses an area outside the program’s goal areas, a link in the title, and goals of an ended match; changes nothing', async () => {
    const match = await newMatch(programId)
    const bad = await org.owner.post(goalsUrl(match.id), { area: 'gardening', title: 'Grow beans' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errors: { path: string; code: string }[] }).errors).toEqual([
      expect.objectContaining({ path: 'area', code: 'one-of' }),
    ])
    const link = await org.owner.post(goalsUrl(match.id), { area: 'housing', title: 'See www.flats.com' })
    expect(link.status).toBe(400)
    const empty = await org.owner.post(goalsUrl(match.id), { area: 'housing', title: '   ' })
    expect(empty.status).toBe(400)
    const good = (await (
      await org.owner.post(goalsUrl(match.id), { area: 'housing', title: 'Flat' })
    ).json()) as GoalOut
    const badMove = await org.owner.post(`${goalsUrl(match.id)}/${good.id}/revisits`, { area: 'gardening' })
    expect(badMove.status).toBe(400)
    await db.update(matches).set({ status: 'ended' }).where(eq(matches.id, match.id))
    const ended = await org.owner.post(`${goalsUrl(match.id)}/${good.id}/revisits`, { status: 'reached' })
    expect(ended.status).toBe(409)
    expect(((await ended.json()) as { code: string }).code).toBe('match-ended')
    const stored = await db.select().from(goals).where(eq(goals.matchId, match.id))
    expect(stored.map((g) => [g.area, g.status])).toEqual([['housing', 'open']])
  })

  it('answers 404 for a goal of another match or another organization', async () => {
    const ours = await newMatch(programId)
    const other = await newMatch(programId)
    const goal = (await (
      await org.owner.post(goalsUrl(ours.id), { area: 'documents', title: 'Residence permit' })
    ).json()) as GoalOut
    expect((await org.owner.get(`${goalsUrl(other.id)}/${goal.id}`)).status).toBe(404)
    expect(
      (await org.owner.post(`${goalsUrl(other.id)}/${goal.id}/revisits`, { status: 'reached' })).status,
    ).toBe(404)
    const foreign = await orgWithOwner('goals-foreign')
    const res = await foreign.owner.post(`/api/v1/orgs/${foreign.slug}/programs`, {
      name: 'Other',
      languages: ['de'],
      goalAreas: ['documents'],
    })
    const theirProgram = ((await res.json()) as { id: string }).id
    expect((await foreign.owner.get(`${goalsUrl(ours.id, foreign, theirProgram)}/${goal.id}`)).status).toBe(
      404,
    )
    expect(
      (await foreign.owner.delete(`${goalsUrl(ours.id, foreign, theirProgram)}/${goal.id}`)).status,
    ).toBe(404)
    expect(await db.select().from(goals).where(eq(goals.id, goal.id))).toHaveLength(1)
  })
})

describe('goals in the portal', () => {
  it('the mentor and the mentee read their goals and record progress; another match answers 404', async () => {
    const mentee = await memberWithRole(org, 'mentee')
    const mentor = await memberWithRole(org, 'mentor')
    const match = await newMatch(programId, { mentee: mentee.userId, mentor: mentor.userId })
    const goal = (await (
      await org.owner.post(goalsUrl(match.id), { area: 'documents', title: 'Renew the passport' })
    ).json()) as GoalOut
    const mine = `/api/v1/orgs/${org.slug}/my/matches/${match.id}/goals`
    const listed = await mentee.client.get(mine)
    expect(listed.status).toBe(200)
    expect(((await listed.json()) as { items: GoalOut[] }).items.map((g) => g.title)).toEqual([
      'Renew the passport',
    ])
    const progress = await mentee.client.post(`${mine}/${goal.id}/revisits`, {
      note: 'Appointment booked.',
      status: 'in-progress',
    })
    expect(progress.status).toBe(201)
    const done = await mentor.client.post(`${mine}/${goal.id}/revisits`, { status: 'reached' })
    expect(done.status).toBe(201)
    const detail = (await done.json()) as GoalDetail
    expect(detail.status).toBe('reached')
    expect(detail.revisits.map((r) => r.recordedBy)).toEqual(['mentor', 'mentee'])

    const someoneElses = await newMatch(programId)
    const theirGoal = (await (
      await org.owner.post(goalsUrl(someoneElses.id), { area: 'work', title: 'Theirs' })
    ).json()) as GoalOut
    const other = `/api/v1/orgs/${org.slug}/my/matches/${someoneElses.id}/goals`
    expect((await mentee.client.get(other)).status).toBe(404)
    expect(
      (await mentee.client.post(`${other}/${theirGoal.id}/revisits`, { status: 'dropped' })).status,
    ).toBe(404)
    // A goal of another match through one's own match path is not found either.
    expect((await mentee.client.post(`${mine}/${theirGoal.id}/revisits`, { status: 'dropped' })).status).toBe(
      404,
    )
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
    const goal = (await (
      await org.owner.post(goalsUrl(match.id), { area: 'housing', title: 'Find a flat', revisitDays: 7 })
    ).json()) as GoalOut
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
    await org.owner.post(`${goalsUrl(match.id)}/${goal.id}/revisits`, { note: 'Viewing on Friday.' })
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
      const g = (await (
        await org.owner.post(goalsUrl(m.id), { area: 'work', title: 'Job', revisitDays: 7 })
      ).json()) as GoalOut
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
