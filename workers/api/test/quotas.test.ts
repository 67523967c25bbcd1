import { matchProposals, matchRuns, newId, participantImportChunks, tenants } from '@tandem/db'
import { NEW_ORGANIZATION_LIMITS } from '@tandem/vocab'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { SUPERSEDED_KEPT_MS, sweepTenantDatabase } from '../src/features/housekeeping/service'
import { type Client, db, orgWithOwner, problemOf, raiseLimits } from './support/client'
import { seedPair } from './support/operations'

type Org = { slug: string; owner: Client }

async function newProgram(org: Org) {
  return org.owner.org.programs.$post({
    param: { org: org.slug },
    json: { name: 'Quota program', languages: ['de'] },
  })
}
const idOf = async (res: { json(): Promise<{ id: string }> }) => (await res.json()).id
const preview = (org: Org, program: string, name = 'Amal') =>
  org.owner.org.programs[':program'].imports.$post({
    param: { org: org.slug, program },
    json: { csv: `name,role,languages\n${name},mentee,ar:native\n` },
  })

describe('per-organization quotas and rates (decision 033)', () => {
  it('a new organization holds a few programs until an operator raises the limit', async () => {
    const org = await orgWithOwner('quota-programs')
    for (let i = 0; i < NEW_ORGANIZATION_LIMITS.programs; i++)
      expect((await newProgram(org)).status).toBe(201)
    const refused = await newProgram(org)
    expect(refused.status).toBe(409)
    expect(await problemOf(refused)).toMatchObject({ code: 'programs-quota-reached' })
    // A refused request changed nothing.
    const list = await (await org.owner.org.programs.$get({ param: { org: org.slug } })).json()
    expect(list.items).toHaveLength(NEW_ORGANIZATION_LIMITS.programs)
    await raiseLimits(org.slug, { programs: NEW_ORGANIZATION_LIMITS.programs + 1 })
    expect((await newProgram(org)).status).toBe(201)
    expect((await newProgram(org)).status).toBe(409)
    // Back to the default: the organization keeps what it has, makes no more.
    await raiseLimits(org.slug, { programs: 'default' })
    expect((await newProgram(org)).status).toBe(409)
  })

  it('limits match runs per hour for the whole organization: 429 with Retry-After', async () => {
    const org = await orgWithOwner('quota-runs')
    await raiseLimits(org.slug, { matchRunsPerHour: 1 })
    const first = await idOf(await newProgram(org))
    const second = await idOf(await newProgram(org))
    const run = (program: string) =>
      org.owner.org.programs[':program']['match-runs'].$post({ param: { org: org.slug, program }, json: {} })
    expect((await run(first)).status).toBe(202)
    const refused = await run(second)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await problemOf(refused)).toMatchObject({ code: 'match-runs-rate-limited' })
    // Another organization is not affected.
    const other = await orgWithOwner('quota-runs-other')
    expect((await run.call(null, await idOf(await newProgram(other)))).status).toBe(404)
    const own = await idOf(await newProgram(other))
    expect(
      (
        await other.owner.org.programs[':program']['match-runs'].$post({
          param: { org: other.slug, program: own },
          json: {},
        })
      ).status,
    ).toBe(202)
  })

  it('limits import previews per hour and the bytes open previews hold', async () => {
    const org = await orgWithOwner('quota-previews')
    const program = await idOf(await newProgram(org))
    await raiseLimits(org.slug, { importPreviewBytes: 10 })
    const first = await preview(org, program)
    expect(first.status).toBe(201)
    // The first preview's rows fill the (tiny) byte quota: the next is refused, nothing stored.
    const tenant = await db.select().from(tenants).where(eq(tenants.slug, org.slug)).get()
    const chunks = () =>
      db
        .select()
        .from(participantImportChunks)
        .where(eq(participantImportChunks.tenantId, tenant?.id ?? ''))
    expect(await chunks()).toHaveLength(1)
    const full = await preview(org, program, 'Omar')
    expect(full.status).toBe(409)
    expect(await problemOf(full)).toMatchObject({ code: 'import-storage-quota-reached' })
    expect(await chunks()).toHaveLength(1)
    // Cancelling the open preview frees its bytes.
    const cancelled = await org.owner.org.programs[':program'].imports[':import'].$delete({
      param: { org: org.slug, program, import: await idOf(first) },
    })
    expect(cancelled.status).toBe(200)
    expect((await preview(org, program, 'Omar')).status).toBe(201)

    await raiseLimits(org.slug, { importPreviewBytes: 'default', importPreviewsPerHour: 2 })
    const refused = await preview(org, program, 'Dmytro')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await problemOf(refused)).toMatchObject({ code: 'import-previews-rate-limited' })
  })
})

describe('the cron sweeps what a tenant left behind (decision 033)', () => {
  it('deletes stored rows of expired previews and superseded proposals of old runs, nothing current', async () => {
    const org = await orgWithOwner('quota-sweep')
    const program = await idOf(await newProgram(org))
    expect((await preview(org, program)).status).toBe(201)
    const { tenantId, menteeId, mentorId } = await seedPair(program)
    const now = new Date()
    const old = new Date(now.getTime() - SUPERSEDED_KEPT_MS - 60_000)
    const runId = newId()
    const proposal = (status: 'superseded' | 'rejected') => ({
      id: newId(),
      tenantId,
      runId,
      menteeId,
      mentorId,
      score: 1,
      breakdown: {},
      explanation: [],
      status,
    })
    const superseded = proposal('superseded')
    const rejected = proposal('rejected')
    await db.batch([
      db.insert(matchRuns).values({
        id: runId,
        tenantId,
        programId: program,
        mode: 'participation',
        status: 'done',
        progress: 100,
        createdAt: old,
        startedAt: old,
        finishedAt: old,
      }),
      db.insert(matchProposals).values([superseded, rejected]),
    ])
    const chunks = () =>
      db.select().from(participantImportChunks).where(eq(participantImportChunks.tenantId, tenantId))
    // Now: only the week-old run's superseded proposal goes; the fresh preview stays.
    expect(await sweepTenantDatabase(db, now)).toMatchObject({ supersededProposals: 1 })
    expect(await chunks()).toHaveLength(1)
    const left = await db.select().from(matchProposals).where(eq(matchProposals.runId, runId))
    expect(left.map((p) => p.id)).toEqual([rejected.id])
    // A day later the preview has expired: its rows go.
    const later = new Date(now.getTime() + 25 * 3_600_000)
    expect((await sweepTenantDatabase(db, later)).importPreviewChunks).toBeGreaterThanOrEqual(1)
    expect(await chunks()).toHaveLength(0)
  })
})
