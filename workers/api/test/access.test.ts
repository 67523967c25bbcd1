import {
  calendarFeeds,
  checkIns,
  concernActions,
  concerns,
  eventInvitations,
  eventRsvps,
  events,
  invitations,
  matches,
  matchProposals,
  matchRuns,
  meetings,
  memberships,
  participantEvents,
  participantImports,
  participantNotes,
  participants,
  programs,
  roles,
  screenings,
  surveyInvitations,
  surveyResponses,
  surveys,
  tenants,
} from '@tandem/db'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { permissions } from '../src/features/auth/permissions'
import { type Client, dataDb, db, memberWithRole, orgWithOwner } from './support/client'
import {
  type Actor,
  bodyFor,
  call,
  exampleBodies,
  exampleQuery,
  fill,
  fixtureMakers,
  fixturesFor,
  globalParams,
  key,
  type Operation,
  tenantOperations,
} from './support/operations'
import { orgOn } from './support/placements'

let ops: Operation[]
beforeAll(async () => {
  ops = await tenantOperations()
})

describe('every tenant route is covered', () => {
  it('declares a permission from the table, and has example bodies and fixtures for the tests', () => {
    expect(ops.length).toBeGreaterThanOrEqual(9)
    for (const op of ops) {
      expect(Object.keys(permissions), `${key(op)} x-permission`).toContain(op.permission)
      if (op.hasBody) expect(exampleBodies, `${key(op)} example body`).toHaveProperty([key(op)])
      for (const p of op.params) expect(fixtureMakers, `${key(op)} fixture for {${p}}`).toHaveProperty([p])
      for (const q of op.requiredQuery)
        expect(exampleQuery, `${key(op)} example for ?${q}`).toHaveProperty([q])
    }
  })
})

describe('route × role, generated from the permission table', () => {
  // Many real requests (every route × every role, fresh fixtures each): give it time on a busy machine.
  // On the main database, the EU D1 database and a libSQL database of its own (decision 044): every route the same.
  it.each(['shared', 'eu', 'libsql'] as const)(
    'allows exactly the roles the table lists, for every tenant route (%s database)',
    {
      timeout: 180_000,
    },
    async (where) => {
      const org = await orgOn('roles', where)
      const clients: Record<string, Client> = { owner: org.owner }
      const actors: Record<string, Actor> = { owner: { role: 'owner' } }
      for (const role of roles) {
        if (role === 'owner') continue
        const member = await memberWithRole(org, role)
        clients[role] = member.client
        actors[role] = { role, userId: member.userId }
      }
      const mismatches: string[] = []
      for (const op of ops) {
        const allowed = permissions[op.permission as keyof typeof permissions].roles as readonly string[]
        for (const role of roles) {
          // Fixtures linked to the caller where a route reaches only the caller's own records.
          const fixtures = await fixturesFor(org, op.params, actors[role])
          const res = await call(clients[role] as Client, op, org.slug, fixtures)
          const ok = allowed.includes(role) ? res.status < 400 : res.status === 403
          if (!ok)
            mismatches.push(
              `${role} ${key(op)} → ${res.status} (${allowed.includes(role) ? 'allow' : 'deny'})`,
            )
          // An own-scoped route with someone else's record of the same organization: 404, as if it did not exist.
          if (op.scope === 'own' && allowed.includes(role) && op.params.length > 0) {
            const others = await fixturesFor(org, op.params)
            const other = await call(clients[role] as Client, op, org.slug, others)
            if (other.status !== 404)
              mismatches.push(`${role} ${key(op)} on another's record → ${other.status}`)
          }
        }
      }
      expect(mismatches).toEqual([])
    },
  )
})

describe('tenant isolation over every tenant route', () => {
  // The two organizations on different databases too (decision 044): the intruder's database is not the victim's.
  it.each([
    ['shared', 'eu'],
    ['eu', 'libsql'],
    ['libsql', 'shared'],
  ] as const)(
    'never shows or changes one organization’s data to a member of another (A on %s, B on %s)',
    {
      timeout: 120_000,
    },
    async (aWhere, bWhere) => {
      const a = await orgOn('tenant-a', aWhere)
      const b = await orgOn('tenant-b', bWhere)
      // Everything of A, read straight from the databases: any write to A's rows shows up here.
      const aTenant = (await db.select().from(tenants).where(eq(tenants.slug, a.slug)).get())?.id ?? ''
      const aData = await dataDb(a.slug)
      const controlTables = [memberships, invitations]
      const tables = [
        programs,
        participants,
        screenings,
        participantEvents,
        participantNotes,
        memberships,
        invitations,
        matchRuns,
        matchProposals,
        matches,
        meetings,
        checkIns,
        concerns,
        concernActions,
        participantImports,
        events,
        eventRsvps,
        eventInvitations,
        calendarFeeds,
        surveys,
        surveyInvitations,
        surveyResponses,
      ]
      const snapshot = async () =>
        JSON.stringify(
          await Promise.all(
            tables.map((t) =>
              (controlTables.includes(t as never) ? db : aData)
                .select()
                .from(t)
                .where(eq(t.tenantId, aTenant)),
            ),
          ),
        )
      // Portal (own-scoped) routes are called by members who may call them: a mentee of A whose records the
      // fixtures are, and a mentee of B as the intruder.
      const aMentee = await memberWithRole(a, 'mentee')
      const bMentee = await memberWithRole(b, 'mentee')
      const leaks: string[] = []
      for (const op of ops) {
        const own = op.scope === 'own'
        const intruder = own ? bMentee.client : b.owner
        const aFixtures = await fixturesFor(
          a,
          op.params,
          own ? { role: 'mentee', userId: aMentee.userId } : undefined,
        )
        // Bodies are made before the snapshot: some makers create data (in A) of their own.
        const body = await bodyFor(op, aFixtures)
        const before = await snapshot()
        const secrets = [
          a.email,
          ...Object.entries(aFixtures)
            .filter(([name]) => !globalParams.has(name))
            .map(([, value]) => value),
        ]

        // B's owner (or mentee) with A's slug: A does not exist for them.
        const viaSlug = await call(intruder, op, a.slug, aFixtures, body)
        // The problem's `instance` echoes the path the caller sent; that is not A's data.
        const viaSlugText = (await viaSlug.text()).replaceAll(fill(op, a.slug, aFixtures), '')
        if (viaSlug.status !== 404) leaks.push(`${key(op)} with A's slug → ${viaSlug.status}`)

        // B's owner in B, pointing at A's resources by id.
        if (op.params.some((p) => !globalParams.has(p))) {
          const viaId = await call(intruder, op, b.slug, aFixtures, body)
          if (viaId.status !== 404) leaks.push(`${key(op)} with A's ids in B → ${viaId.status}`)
          const text = (await viaId.text()).replaceAll(fill(op, b.slug, aFixtures), '')
          for (const s of secrets) if (text.includes(s)) leaks.push(`${key(op)} response contains ${s}`)
        }

        // B's owner in B's own program, pointing at A's resources below it: the lookups below the program
        // must check the tenant too, not only the program.
        if (op.params.includes('program') && op.params.length > 1) {
          const bProgram = await fixturesFor(b, ['program'])
          const mixed = { ...aFixtures, program: bProgram.program as string }
          const viaChild = await call(intruder, op, b.slug, mixed, body)
          if (viaChild.status !== 404)
            leaks.push(`${key(op)} with B's program and A's ids → ${viaChild.status}`)
        }
        for (const s of secrets) if (viaSlugText.includes(s)) leaks.push(`${key(op)} response contains ${s}`)
        const after = await snapshot()
        if (before !== after) leaks.push(`${key(op)} changed A's data`)
      }
      expect(leaks).toEqual([])
    },
  )

  it('answers 401, not 404, when nobody is signed in', async () => {
    const a = await orgWithOwner('anon')
    const { Client: C } = await import('./support/client')
    const res = await new C().org.members.$get({ param: { org: a.slug } })
    expect(res.status).toBe(401)
  })
})
