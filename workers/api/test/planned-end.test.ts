import { auditLog, matches, newId, tenants } from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { addMonths } from '../src/features/matches/start'
import { type Client, db, memberWithRole, orgWithOwner, problemOf } from './support/client'
import { seedPair } from './support/operations'

type Org = { slug: string; owner: Client }

const DAY_MS = 86_400_000
const today = new Date().toISOString().slice(0, 10)
const dayOf = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

let org: Org
let programId: string

beforeAll(async () => {
  org = await orgWithOwner('planned-end')
  await db.update(tenants).set({ timezone: 'UTC' }).where(eq(tenants.slug, org.slug))
  const res = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: { name: 'Planned end program', languages: ['de'], minCommitmentMonths: 9 },
  })
  programId = (await res.json()).id
})

/** The program's matches, as the given member. */
const matchesOf = (client: Client) => client.org.programs[':program'].matches
const programParam = () => ({ org: org.slug, program: programId })

describe('addMonths', () => {
  it('adds calendar months, keeping to the last day of a shorter month', () => {
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15')
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28')
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29')
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01')
  })
})

describe('planned end of a match', () => {
  it('defaults to the start plus the program’s commitment; a given day (or null) is kept', async () => {
    const a = await seedPair(programId)
    const byDefault = await matchesOf(org.owner).$post({
      param: programParam(),
      json: { menteeId: a.menteeId, mentorId: a.mentorId },
    })
    expect(byDefault.status).toBe(201)
    expect((await byDefault.json()).plannedEndOn).toBe(addMonths(today, 9))

    const b = await seedPair(programId)
    const backdated = await matchesOf(org.owner).$post({
      param: programParam(),
      json: { menteeId: b.menteeId, mentorId: b.mentorId, startedOn: dayOf(-30), plannedEndOn: dayOf(60) },
    })
    expect(backdated.status).toBe(201)
    expect((await backdated.json()).plannedEndOn).toBe(dayOf(60))

    const c = await seedPair(programId)
    const none = await matchesOf(org.owner).$post({
      param: programParam(),
      json: { menteeId: c.menteeId, mentorId: c.mentorId, plannedEndOn: null },
    })
    expect((await none.json()).plannedEndOn).toBeNull()
  })

  it('refuses a planned end not after the start, with the field path, and creates nothing', async () => {
    const p = await seedPair(programId)
    const res = await matchesOf(org.owner).$post({
      param: programParam(),
      json: { menteeId: p.menteeId, mentorId: p.mentorId, startedOn: dayOf(-10), plannedEndOn: dayOf(-10) },
    })
    expect(res.status).toBe(400)
    const body = await problemOf(res)
    expect(body.errors?.map((e) => e.path)).toEqual(['plannedEndOn'])
    const made = await db.select().from(matches).where(eq(matches.menteeId, p.menteeId))
    expect(made).toEqual([])
  })

  it('coordinators change or clear it (audited); mentors may not; an ended match cannot', async () => {
    const p = await seedPair(programId)
    const match = await (
      await matchesOf(org.owner).$post({
        param: programParam(),
        json: { menteeId: p.menteeId, mentorId: p.mentorId },
      })
    ).json()
    const param = { ...programParam(), match: match.id }
    const plannedEnd = (client: Client, plannedEndOn: string | null) =>
      matchesOf(client)[':match']['planned-end'].$put({ param, json: { plannedEndOn } })
    const coordinator = await memberWithRole(org, 'coordinator')
    const set = await plannedEnd(coordinator.client, dayOf(100))
    expect(set.status).toBe(200)
    expect((await set.json()).plannedEndOn).toBe(dayOf(100))
    const bad = await plannedEnd(coordinator.client, '2026-02-31')
    expect(bad.status).toBe(400)
    const early = await plannedEnd(coordinator.client, dayOf(-1))
    expect(early.status).toBe(400)
    const cleared = await plannedEnd(coordinator.client, null)
    expect((await cleared.json()).plannedEndOn).toBeNull()
    const mentor = await memberWithRole(org, 'mentor')
    expect((await plannedEnd(mentor.client, dayOf(50))).status).toBe(403)

    const audit = await db
      .select({ meta: auditLog.meta })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, match.id), eq(auditLog.action, 'match.planned_end_changed')))
    expect(audit.map((a) => a.meta)).toEqual([
      { from: addMonths(today, 9), to: dayOf(100) },
      { from: dayOf(100), to: null },
    ])

    await matchesOf(org.owner)[':match'].$patch({ param, json: { status: 'ended', endReason: 'completed' } })
    expect((await plannedEnd(org.owner, dayOf(100))).status).toBe(409)
  })
})

describe('the attention list shows matches reaching their planned end', () => {
  it('within 14 days (and past it while not ended), among the rest, oldest first', async () => {
    const own = await orgWithOwner('planned-end-list')
    await db.update(tenants).set({ timezone: 'UTC' }).where(eq(tenants.slug, own.slug))
    const ownTenant = (await db.select().from(tenants).where(eq(tenants.slug, own.slug)).get())?.id as string
    const program = (
      await (
        await own.owner.org.programs.$post({
          param: { org: own.slug },
          json: { name: 'Ending', languages: ['de'] },
        })
      ).json()
    ).id
    const withEnd = async (plannedEndOn: string | null, status: 'active' | 'paused' | 'ended' = 'active') => {
      const pair = await seedPair(program, { mentee: 'matched', mentor: 'matched' })
      const id = newId()
      await db.insert(matches).values({
        id,
        tenantId: ownTenant,
        programId: program,
        menteeId: pair.menteeId,
        mentorId: pair.mentorId,
        status,
        // Met recently enough: only the planned end needs attention.
        startedAt: new Date(),
        plannedEndOn,
      })
      return id
    }
    const inTen = await withEnd(dayOf(10))
    const today0 = await withEnd(today, 'paused')
    const overdue = await withEnd(dayOf(-3))
    const inFourteen = await withEnd(dayOf(14))
    const later = await withEnd(dayOf(15))
    const none = await withEnd(null)
    const ended = await withEnd(dayOf(2), 'ended')

    const res = await own.owner.org.attention.$get({ param: { org: own.slug } })
    expect(res.status).toBe(200)
    const body = await res.json()
    const ending = body.items.filter((i) => i.kind === 'planned-end')
    expect(ending.map((i) => i.matchId)).toEqual([overdue, today0, inTen, inFourteen])
    expect(ending.map((i) => [i.since, i.days])).toEqual([
      [dayOf(-3), 3],
      [today, 0],
      [dayOf(10), -10],
      [dayOf(14), -14],
    ])
    for (const id of [later, none, ended]) expect(body.items.map((i) => i.matchId)).not.toContain(id)
    // Another organization's attention list does not show them.
    const other = await (await org.owner.org.attention.$get({ param: { org: org.slug } })).json()
    expect(JSON.stringify(other)).not.toContain(inTen)
  })
})
