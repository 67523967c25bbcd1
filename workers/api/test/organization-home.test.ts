import { describe, expect, it } from 'vitest'
import { type Client, memberWithRole, orgWithOwner } from './support/client'
import { seedPair } from './support/operations'

const stepsOf = async (client: Client, slug: string) =>
  await (await client.org['first-steps'].$get({ param: { org: slug } })).json()
type Steps = Awaited<ReturnType<typeof stepsOf>>
const done = (s: Steps) => Object.fromEntries(s.steps.map((x) => [x.step, x.done]))

describe('first steps of a new organization', () => {
  it('ticks each step from the organization’s own data', async () => {
    const org = await orgWithOwner('steps')
    const fresh = await stepsOf(org.owner, org.slug)
    expect(fresh.steps.map((s) => s.step)).toEqual(['program', 'form', 'mentors', 'match'])
    expect(done(fresh)).toEqual({ program: false, form: false, mentors: false, match: false })
    expect(fresh.program).toBeNull()

    const created = await org.owner.org.programs.$post({
      param: { org: org.slug },
      json: { name: 'First Steps', languages: ['de'], status: 'active' },
    })
    expect(created.status).toBe(201)
    const programId = (await created.json()).id
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

    const matched = await org.owner.org.programs[':program'].matches.$post({
      param: { org: org.slug, program: programId },
      json: { menteeId: pair.menteeId, mentorId: pair.mentorId },
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
    const created = await org.owner.org.programs.$post({
      param: { org: org.slug },
      json: { name: 'Audited Program', languages: ['de'], status: 'active' },
    })
    const programId = (await created.json()).id
    const pair = await seedPair(programId)
    const program = org.owner.org.programs[':program']
    const programParam = { param: { org: org.slug, program: programId } }
    const match = await (
      await program.matches.$post({
        ...programParam,
        json: { menteeId: pair.menteeId, mentorId: pair.mentorId },
      })
    ).json()
    const paused = await program.matches[':match'].$patch({
      param: { ...programParam.param, match: match.id },
      json: { status: 'paused' },
    })
    expect(paused.status).toBe(200)
    const coordinator = await memberWithRole(org, 'coordinator')

    const auditLog = org.owner.org['audit-log']
    const param = { org: org.slug }
    const log = await (await auditLog.$get({ param, query: {} })).json()
    const entry = (action: string) => log.items.find((i) => i.action === action)
    const people = { mentee: match.mentee.displayName, mentor: match.mentor.displayName }
    // The pause names only the match; its people are looked up.
    expect(entry('match.paused')).toMatchObject({ actor: { name: 'Owner Person' }, names: people })
    expect(entry('match.created')?.names).toEqual(people)
    expect(entry('program.created')?.names).toEqual({ program: 'Audited Program' })
    expect(entry('invitation.created')?.names).toEqual({ email: coordinator.email })
    expect(entry('auth.sign_in')?.names).toEqual({ user: 'Owner Person' })

    const matching = await (await auditLog.$get({ param, query: { area: 'matching' } })).json()
    expect(matching.items.map((i) => i.action).sort()).toEqual(['match.created', 'match.paused'])
    const team = await (await auditLog.$get({ param, query: { area: 'team', limit: '1' } })).json()
    expect(team.items.map((i) => i.action)).toEqual(['invitation.accepted'])
    expect(team.nextCursor).toBeTruthy()
    const older = await (
      await auditLog.$get({ param, query: { area: 'team', cursor: team.nextCursor ?? undefined } })
    ).json()
    expect(older.items.map((i) => i.action)).toEqual(['invitation.created'])
    expect(older.nextCursor).toBeNull()

    // An area the log does not know.
    const bad = await org.owner.get(`/api/v1/orgs/${org.slug}/audit-log?area=everything`)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ code: 'invalid-request', errors: [{ path: 'area' }] })
    // A coordinator may not read the log.
    expect((await coordinator.client.org['audit-log'].$get({ param, query: {} })).status).toBe(403)
  })
})
