import { describe, expect, it } from 'vitest'
import { type Client, memberWithRole, orgWithOwner } from './support/client'
import { seedPair } from './support/operations'

type Steps = { steps: { step: string; done: boolean }[]; program: { id: string; name: string } | null }
type AuditPage = {
  items: {
    action: string
    actor: { name: string } | null
    names: Record<string, string>
    meta: Record<string, unknown> | null
  }[]
  nextCursor: string | null
}

const stepsOf = async (client: Client, slug: string) =>
  (await (await client.get(`/api/v1/orgs/${slug}/first-steps`)).json()) as Steps
const done = (s: Steps) => Object.fromEntries(s.steps.map((x) => [x.step, x.done]))

describe('first steps of a new organization', () => {
  it('ticks each step from the organization’s own data', async () => {
    const org = await orgWithOwner('steps')
    const fresh = await stepsOf(org.owner, org.slug)
    expect(fresh.steps.map((s) => s.step)).toEqual(['program', 'form', 'mentors', 'match'])
    expect(done(fresh)).toEqual({ program: false, form: false, mentors: false, match: false })
    expect(fresh.program).toBeNull()

    const created = await org.owner.post(`/api/v1/orgs/${org.slug}/programs`, {
      name: 'First Steps',
      languages: ['de'],
      status: 'active',
    })
    expect(created.status).toBe(201)
    const programId = ((await created.json()) as { id: string }).id
    const withProgram = await stepsOf(org.owner, org.slug)
    expect(done(withProgram)).toEqual({ program: true, form: false, mentors: false, match: false })
    expect(withProgram.program).toMatchObject({ id: programId, name: 'First Steps' })

    // Someone in the program, a mentor approved: two more steps.
    const pair = await seedPair(programId)
    expect(done(await stepsOf(org.owner, org.slug))).toEqual({
      program: true,
      form: true,
      mentors: true,
      match: false,
    })

    const matched = await org.owner.post(`/api/v1/orgs/${org.slug}/programs/${programId}/matches`, {
      menteeId: pair.menteeId,
      mentorId: pair.mentorId,
    })
    expect(matched.status, await matched.clone().text()).toBe(201)
    expect(done(await stepsOf(org.owner, org.slug))).toEqual({
      program: true,
      form: true,
      mentors: true,
      match: true,
    })

    // Another organization's data never ticks a step here.
    const other = await orgWithOwner('steps-other')
    expect(done(await stepsOf(other.owner, other.slug))).toEqual({
      program: false,
      form: false,
      mentors: false,
      match: false,
    })
  })
})

describe('the audit log', () => {
  it('names the people, programs and members each entry is about, and filters by area', async () => {
    const org = await orgWithOwner('audit-names')
    const created = await org.owner.post(`/api/v1/orgs/${org.slug}/programs`, {
      name: 'Audited Program',
      languages: ['de'],
      status: 'active',
    })
    const programId = ((await created.json()) as { id: string }).id
    const pair = await seedPair(programId)
    const base = `/api/v1/orgs/${org.slug}/programs/${programId}`
    const match = (await (
      await org.owner.post(`${base}/matches`, { menteeId: pair.menteeId, mentorId: pair.mentorId })
    ).json()) as { id: string; mentee: { displayName: string }; mentor: { displayName: string } }
    expect((await org.owner.patch(`${base}/matches/${match.id}`, { status: 'paused' })).status).toBe(200)
    const coordinator = await memberWithRole(org, 'coordinator')

    const log = (await (await org.owner.get(`/api/v1/orgs/${org.slug}/audit-log`)).json()) as AuditPage
    const entry = (action: string) => log.items.find((i) => i.action === action)
    const people = { mentee: match.mentee.displayName, mentor: match.mentor.displayName }
    // The pause names only the match; its people are looked up.
    expect(entry('match.paused')).toMatchObject({ actor: { name: 'Owner Person' }, names: people })
    expect(entry('match.created')?.names).toEqual(people)
    expect(entry('program.created')?.names).toEqual({ program: 'Audited Program' })
    expect(entry('invitation.created')?.names).toEqual({ email: coordinator.email })
    expect(entry('auth.sign_in')?.names).toEqual({ user: 'Owner Person' })

    const matching = (await (
      await org.owner.get(`/api/v1/orgs/${org.slug}/audit-log?area=matching`)
    ).json()) as AuditPage
    expect(matching.items.map((i) => i.action).sort()).toEqual(['match.created', 'match.paused'])
    const team = (await (
      await org.owner.get(`/api/v1/orgs/${org.slug}/audit-log?area=team&limit=1`)
    ).json()) as AuditPage
    expect(team.items.map((i) => i.action)).toEqual(['invitation.accepted'])
    expect(team.nextCursor).toBeTruthy()
    const older = (await (
      await org.owner.get(`/api/v1/orgs/${org.slug}/audit-log?area=team&cursor=${team.nextCursor}`)
    ).json()) as AuditPage
    expect(older.items.map((i) => i.action)).toEqual(['invitation.created'])
    expect(older.nextCursor).toBeNull()

    const bad = await org.owner.get(`/api/v1/orgs/${org.slug}/audit-log?area=everything`)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ code: 'invalid-request', errors: [{ path: 'area' }] })
    // A coordinator may not read the log.
    expect((await coordinator.client.get(`/api/v1/orgs/${org.slug}/audit-log`)).status).toBe(403)
  })
})
