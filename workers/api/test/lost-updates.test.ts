import { auditLog, matches, newId, participantEvents, programs, tenants } from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Scope } from '../src/factory'
import { changeMatchStatus } from '../src/features/matches/service'
import { Problem } from '../src/lib/problem'
import { type Client, db, orgWithOwner } from './support/client'
import { seedPair } from './support/operations'

let org: { slug: string; owner: Client }
let programId: string
const program = () => org.owner.org.programs[':program']
const programParam = () => ({ param: { org: org.slug, program: programId } })

beforeAll(async () => {
  org = await orgWithOwner('lost-updates')
  const res = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: {
      name: 'Lost updates',
      languages: ['de'],
      status: 'active',
      protectedFields: ['residenceStatus', 'healthNotes'],
    },
  })
  programId = (await res.json()).id
})

describe('writes that cross each other (decision 033)', () => {
  it('protected fields: a write over a newer version answers 409 stale-write and changes nothing', async () => {
    const made = await program().participants.$post({
      ...programParam(),
      json: {
        role: 'mentee',
        displayName: 'Protected Person',
        preferredLocale: 'de',
        languages: [{ code: 'de', level: 'A2' }],
      },
    })
    const id = (await made.json()).id
    const fields = program().participants[':participant'].protected
    const param = { org: org.slug, program: programId, participant: id }
    const read = async () => await (await fields.$get({ param, query: { purpose: 'case review' } })).json()
    const first = await read()
    expect(first).toEqual({ fields: {}, version: 'none' })
    // Two coordinators opened the fields; one saves.
    const saved = await fields.$put({
      param,
      json: { residenceStatus: 'refugee', expectedVersion: first.version },
    })
    expect(saved.status).toBe(200)
    const { version } = await saved.json()
    expect(version).not.toBe(first.version)
    // The other saves what they saw: refused, nothing overwritten.
    const stale = await fields.$put({
      param,
      json: { residenceStatus: 'asylum_seeker', healthNotes: 'asthma', expectedVersion: first.version },
    })
    expect(stale.status).toBe(409)
    expect(await stale.json()).toMatchObject({ code: 'stale-write' })
    expect(await read()).toEqual({ fields: { residenceStatus: 'refugee' }, version })
    // With the version they read again, the write goes through.
    expect(
      (await fields.$put({ param, json: { healthNotes: 'asthma', expectedVersion: version } })).status,
    ).toBe(200)
    expect((await read()).fields).toEqual({ residenceStatus: 'refugee', healthNotes: 'asthma' })
  })

  it('a pause and an end at the same moment: the one that read a status that moved on gets 409, nothing written', async () => {
    const { tenantId, menteeId, mentorId } = await seedPair(programId, {
      mentee: 'matched',
      mentor: 'matched',
    })
    const matchId = newId()
    await db.insert(matches).values({
      id: matchId,
      tenantId,
      programId,
      menteeId,
      mentorId,
      status: 'active',
      startedAt: new Date(),
    })
    const asRead = await db.select().from(matches).where(eq(matches.id, matchId)).get()
    const program = await db.select().from(programs).where(eq(programs.id, programId)).get()
    if (!asRead || !program) throw new Error('fixtures missing')
    // Another coordinator paused the match after this request read it as active.
    const paused = await org.owner.org.programs[':program'].matches[':match'].$patch({
      param: { org: org.slug, program: programId, match: matchId },
      json: { status: 'paused' },
    })
    expect(paused.status).toBe(200)
    const tenant = await db.select().from(tenants).where(eq(tenants.slug, org.slug)).get()
    const scope: Scope = { db, tenantId: tenant?.id as string, actorId: 'coordinator-b', now: new Date() }
    const history = async () =>
      (await db.select().from(participantEvents).where(eq(participantEvents.participantId, menteeId))).length
    const audits = async () =>
      (
        await db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.targetId, matchId), eq(auditLog.targetType, 'match')))
      ).length
    const before = { history: await history(), audits: await audits() }
    const ending = changeMatchStatus(scope, program, asRead, { status: 'ended', endReason: 'completed' })
    const error = await ending.then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(Problem)
    expect((error as Problem).code).toBe('match-changed')
    expect((error as Problem).status).toBe(409)
    expect(await db.select().from(matches).where(eq(matches.id, matchId)).get()).toMatchObject({
      status: 'paused',
      endedAt: null,
    })
    expect({ history: await history(), audits: await audits() }).toEqual(before)
    // A pause that read `active` after the match was paused is refused the same way.
    const again = await changeMatchStatus(scope, program, asRead, { status: 'paused' }).then(
      () => null,
      (e: unknown) => e,
    )
    expect((again as Problem).code).toBe('match-changed')
  })
})
