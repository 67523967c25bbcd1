import { auditLog, matches, newId, tenants } from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { addMonths } from '../src/features/matches/start'
import { type Client, db, memberWithRole, orgWithOwner } from './support/client'
import { seedPair } from './support/operations'

type Org = { slug: string; owner: Client }
type Match = { id: string; startedAt: string; plannedEndOn: string | null }
type Attention = { items: { kind: string; matchId: string; since: string; days: number }[]; total: number }

const DAY_MS = 86_400_000
const today = new Date().toISOString().slice(0, 10)
const dayOf = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

let org: Org
let programId: string

beforeAll(async () => {
  org = await orgWithOwner('planned-end')
  await db.update(tenants).set({ timezone: 'UTC' }).where(eq(tenants.slug, org.slug))
  const res = await org.owner.post(`/api/v1/orgs/${org.slug}/programs`, {
    name: 'Planned end program',
    languages: ['de'],
    minCommitmentMonths: 9,
  })
  programId = ((await res.json()) as { id: string }).id
})

const matchesUrl = () => `/api/v1/orgs/${org.slug}/programs/${programId}/matches`

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
    const byDefault = await org.owner.post(matchesUrl(), { menteeId: a.menteeId, mentorId: a.mentorId })
    expect(byDefault.status).toBe(201)
    expect(((await byDefault.json()) as Match).plannedEndOn).toBe(addMonths(today, 9))

    const b = await seedPair(programId)
    const backdated = await org.owner.post(matchesUrl(), {
      menteeId: b.menteeId,
      mentorId: b.mentorId,
      startedOn: dayOf(-30),
      plannedEndOn: dayOf(60),
    })
    expect(backdated.status).toBe(201)
    expect(((await backdated.json()) as Match).plannedEndOn).toBe(dayOf(60))

    const c = await seedPair(programId)
    const none = await org.owner.post(matchesUrl(), {
      menteeId: c.menteeId,
      mentorId: c.mentorId,
      plannedEndOn: null,
    })
    expect(((await none.json()) as Match).plannedEndOn).toBeNull()
  })

  it('refuses a planned end not after the start, with the field path, and creates nothing', async () => {
    const p = await seedPair(programId)
    const res = await org.owner.post(matchesUrl(), {
      menteeId: p.menteeId,
      mentorId: p.mentorId,
      startedOn: dayOf(-10),
      plannedEndOn: dayOf(-10),
    })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { errors: { path: string }[] }
    expect(body.errors.map((e) => e.path)).toEqual(['plannedEndOn'])
    const made = await db.select().from(matches).where(eq(matches.menteeId, p.menteeId))
    expect(made).toEqual([])
  })

  it('coordinators change or clear it (audited); mentors may not; an ended match cannot', async () => {
    const p = await seedPair(programId)
    const match = (await (
      await org.owner.post(matchesUrl(), { menteeId: p.menteeId, mentorId: p.mentorId })
    ).json()) as Match
    const url = `${matchesUrl()}/${match.id}/planned-end`
    const coordinator = await memberWithRole(org, 'coordinator')
    const set = await coordinator.client.request('PUT', url, { plannedEndOn: dayOf(100) })
    expect(set.status).toBe(200)
    expect(((await set.json()) as Match).plannedEndOn).toBe(dayOf(100))
    const bad = await coordinator.client.request('PUT', url, { plannedEndOn: '2026-02-31' })
    expect(bad.status).toBe(400)
    const early = await coordinator.client.request('PUT', url, { plannedEndOn: dayOf(-1) })
    expect(early.status).toBe(400)
    const cleared = await coordinator.client.request('PUT', url, { plannedEndOn: null })
    expect(((await cleared.json()) as Match).plannedEndOn).toBeNull()
    const mentor = await memberWithRole(org, 'mentor')
    expect((await mentor.client.request('PUT', url, { plannedEndOn: dayOf(50) })).status).toBe(403)

    const audit = await db
      .select({ meta: auditLog.meta })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, match.id), eq(auditLog.action, 'match.planned_end_changed')))
    expect(audit.map((a) => a.meta)).toEqual([
      { from: addMonths(today, 9), to: dayOf(100) },
      { from: dayOf(100), to: null },
    ])

    await org.owner.patch(`${matchesUrl()}/${match.id}`, { status: 'ended', endReason: 'completed' })
    expect((await org.owner.request('PUT', url, { plannedEndOn: dayOf(100) })).status).toBe(409)
  })
})

describe('the attention list shows matches reaching their planned end', () => {
  it('within 14 days (and past it while not ended), among the rest, oldest first', async () => {
    const own = await orgWithOwner('planned-end-list')
    await db.update(tenants).set({ timezone: 'UTC' }).where(eq(tenants.slug, own.slug))
    const ownTenant = (await db.select().from(tenants).where(eq(tenants.slug, own.slug)).get())?.id as string
    const program = (
      (await (
        await own.owner.post(`/api/v1/orgs/${own.slug}/programs`, { name: 'Ending', languages: ['de'] })
      ).json()) as { id: string }
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

    const res = await own.owner.get(`/api/v1/orgs/${own.slug}/attention`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Attention
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
    const other = await (await org.owner.get(`/api/v1/orgs/${org.slug}/attention`)).json()
    expect(JSON.stringify(other)).not.toContain(inTen)
  })
})
