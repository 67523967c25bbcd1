import {
  auditLog,
  matchExclusions,
  matches,
  matchProposals,
  matchRuns,
  newId,
  outbox,
  participantEvents,
  participants,
  programs,
} from '@tandem/db'
import { introductionEmail } from '@tandem/email'
import { buildInstance, diagnose, feasiblePairs, type PairContext, type Profile } from '@tandem/matching'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { type Pool, runMatchJob } from '../src/features/match-runs/job'
import { programSettings } from '../src/lib/matching-pool'
import { type Client, db, orgWithOwner, problemOf } from './support/client'
import { seedPair } from './support/operations'

type Org = { slug: string; owner: Client }

let org: Org
let programId: string
let tenantId: string
const base = () => `/api/v1/orgs/${org.slug}/programs/${programId}`
/** A program's routes through the typed client, and the params naming the program (by default the main one). */
const program = () => org.owner.org.programs[':program']
const programParam = (id = programId) => ({ org: org.slug, program: id })
const runParam = (run: string, id = programId) => ({ ...programParam(id), run })
const matchParam = (match: string, id = programId) => ({ ...programParam(id), match })
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
const ids: Record<string, string> = {}
/** An id `ids` holds (set in `beforeAll` or by an earlier test), for a typed body. */
const idOf = (name: string) => ids[name] ?? expect.unreachable(`no id for ${name}`)

type EnrollBody = Parameters<ReturnType<typeof program>['participants']['$post']>[0]['json']
type StartRunBody = Parameters<ReturnType<typeof program>['match-runs']['$post']>[0]['json']
type ProposalQuery = Parameters<
  ReturnType<typeof program>['match-runs'][':run']['proposals']['$get']
>[0]['query']
type DecisionsBody = Parameters<
  ReturnType<typeof program>['match-runs'][':run']['proposals']['decisions']['$post']
>[0]['json']
type CreateMatchBody = Parameters<ReturnType<typeof program>['matches']['$post']>[0]['json']
type UpdateMatchBody = Parameters<ReturnType<typeof program>['matches'][':match']['$patch']>[0]['json']

async function enroll(json: EnrollBody) {
  const res = await program().participants.$post({ param: programParam(), json })
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()).id
}

async function clearMentor(id: string) {
  const screening = program().participants[':participant'].screening
  const param = { ...programParam(), participant: id }
  const steps = await screening.$patch({
    param,
    json: {
      references: [
        { name: 'A. Referee', relation: 'employer', status: 'received', receivedOn: day(-10) },
        { name: 'B. Referee', relation: 'neighbor', status: 'received', receivedOn: day(-9) },
      ],
      checkStatus: 'clear',
      checkedOn: day(-5),
      checkExpiresOn: day(365),
      safetyAcknowledged: true,
    },
  })
  expect(steps.status, await steps.clone().text()).toBe(200)
  const approved = await screening.$patch({ param, json: { approved: true } })
  expect(await approved.json()).toMatchObject({ matchable: true })
}

/** Sets the day a mentor's background check expires. */
const checkExpires = (id: string, checkExpiresOn: string) =>
  program().participants[':participant'].screening.$patch({
    param: { ...programParam(), participant: id },
    json: { checkExpiresOn },
  })

const statusOf = async (id: string) =>
  (
    await (
      await program().participants[':participant'].$get({ param: { ...programParam(), participant: id } })
    ).json()
  ).status

/** A run as the API shows it. */
const readRun = async (run: string, id = programId) =>
  (await program()['match-runs'][':run'].$get({ param: runParam(run, id) })).json()
type Run = Awaited<ReturnType<typeof readRun>>

async function runToEnd(json: StartRunBody = {}) {
  const res = await program()['match-runs'].$post({ param: programParam(), json })
  expect(res.status, await res.clone().text()).toBe(202)
  const queued = await res.json()
  expect(queued.status).toBe('queued')
  let run: Run | undefined
  await vi.waitUntil(
    async () => {
      run = await readRun(queued.id)
      return run.status === 'done' || run.status === 'failed'
    },
    { timeout: 15_000, interval: 50 },
  )
  return run as Run
}

const proposalsOf = async (runId: string, query: ProposalQuery = {}) =>
  (await (await program()['match-runs'][':run'].proposals.$get({ param: runParam(runId), query })).json())
    .items
type Proposal = Awaited<ReturnType<typeof proposalsOf>>[number]

beforeAll(async () => {
  org = await orgWithOwner('matching')
  const res = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: {
      name: 'Welcome Tandems',
      languages: ['de', 'ar', 'uk'],
      status: 'active',
      matchingSettings: {
        weights: { interests: 6, needs: 8, language: 7, availability: 4, proximity: 3, sector: 2 },
        minMentorLevel: 'B2',
        minMenteeLevel: 'A2',
        maxDistanceKm: 10,
        minOverlapSlots: 1,
      },
    },
  })
  expect(res.status).toBe(201)
  programId = (await res.json()).id
  tenantId = (
    (await db.select().from(programs).where(eq(programs.id, programId)).get()) as { tenantId: string }
  ).tenantId

  const here = { lat: 52.52, lon: 13.405 }
  // Mentors: Layla (Arabic and German, one place), Jonas (German, two places), Olena (Ukrainian) whose
  // background check expired after approval — she must stay out of the pool.
  ids.layla = await enroll({
    role: 'mentor',
    displayName: 'Layla Haddad',
    email: 'layla.haddad@example.org',
    preferredLocale: 'de',
    languages: [
      { code: 'ar', level: 'native' },
      { code: 'de', level: 'C2' },
    ],
    interests: ['cooking', 'health'],
    settlementNeeds: ['housing', 'health_care'],
    availability: ['mon-pm', 'wed-eve'],
    location: { lat: 52.521, lon: 13.41 },
    capacity: 1,
  })
  ids.jonas = await enroll({
    role: 'mentor',
    displayName: 'Jonas Weber',
    email: 'jonas.weber@example.org',
    preferredLocale: 'de',
    languages: [{ code: 'de', level: 'native' }],
    interests: ['football'],
    availability: ['mon-pm', 'sat-am'],
    location: { lat: 52.515, lon: 13.39 },
    capacity: 2,
  })
  ids.olena = await enroll({
    role: 'mentor',
    displayName: 'Olena Kovalenko',
    preferredLocale: 'uk',
    languages: [
      { code: 'uk', level: 'native' },
      { code: 'de', level: 'B2' },
    ],
    capacity: 1,
  })
  for (const m of ['layla', 'jonas', 'olena']) await clearMentor(ids[m] as string)
  await checkExpires(idOf('olena'), day(-1))

  // Mentees: Amal speaks Arabic and some German and shares everything with Layla; Omar speaks Arabic only;
  // Dmytro speaks Ukrainian only (his one possible mentor's check expired).
  ids.amal = await enroll({
    role: 'mentee',
    displayName: 'Amal Khalil',
    email: 'amal.khalil@example.org',
    preferredLocale: 'ar',
    languages: [
      { code: 'ar', level: 'native' },
      { code: 'de', level: 'B1' },
    ],
    interests: ['cooking', 'health'],
    settlementNeeds: ['housing', 'health_care'],
    availability: ['mon-pm'],
    location: here,
  })
  ids.omar = await enroll({
    role: 'mentee',
    displayName: 'Omar Saleh',
    email: 'omar.saleh@example.org',
    preferredLocale: 'ar',
    languages: [{ code: 'ar-SY', level: 'native' }],
    location: here,
  })
  ids.dmytro = await enroll({
    role: 'mentee',
    displayName: 'Dmytro Shevchenko',
    preferredLocale: 'uk',
    languages: [{ code: 'uk', level: 'native' }],
  })
})

describe('match runs', () => {
  let run1: Run

  it('run in the queue consumer: queued → running → done, optimal where greedy loses a mentee', async () => {
    run1 = await runToEnd({ mode: 'participation' })
    expect(run1).toMatchObject({ status: 'done', progress: 100, mode: 'participation', error: null })
    expect(run1.startedAt).not.toBeNull()
    expect(run1.finishedAt).not.toBeNull()
    // Olena (expired check) is left out; Dmytro has no mentor who speaks a language of his.
    expect(run1.stats).toMatchObject({
      mentees: 3,
      mentors: 2,
      feasiblePairs: 3,
      matched: 2,
      unmatched: 1,
      unmatchedReasons: { no_shared_language: 1 },
      // Greedy takes the best pair first (Amal–Layla) and leaves Omar without a mentor.
      greedy: { matched: 1 },
    })
    const unmatched = await (
      await program()['match-runs'][':run'].unmatched.$get({ param: runParam(run1.id) })
    ).json()
    expect(unmatched.items).toEqual([
      { menteeId: ids.dmytro, displayName: 'Dmytro Shevchenko', reason: 'no_shared_language' },
    ])

    const proposals = await proposalsOf(run1.id, { status: 'proposed' })
    const pairs = proposals.map((p) => `${p.mentee.displayName} + ${p.mentor.displayName}`).sort()
    expect(pairs).toEqual(['Amal Khalil + Jonas Weber', 'Omar Saleh + Layla Haddad'])
    for (const p of proposals) {
      expect(p.score).toBeGreaterThan(0)
      expect(p.explanation.map((e) => e.criterion)).toEqual(
        expect.arrayContaining(['language', 'needs', 'availability', 'proximity', 'interests', 'sector']),
      )
      expect(Object.values(p.breakdown).reduce((a, b) => a + b, 0)).toBeCloseTo(p.score, 2)
    }
    const omar = proposals.find((p) => p.mentee.id === ids.omar) as Proposal
    expect(omar.explanation.find((e) => e.criterion === 'language')).toMatchObject({
      messageKey: 'match.language.shared',
      params: { language: 'ar', level: 'native' },
    })
    expect(run1.stats?.total).toBeCloseTo(
      proposals.reduce((s, p) => s + p.score, 0),
      2,
    )

    const list = await (await program()['match-runs'].$get({ param: programParam(), query: {} })).json()
    expect(list.items[0]?.id).toBe(run1.id)
    expect(JSON.stringify(list)).not.toContain('unmatchedMentees')
  })

  it('re-checks constraints when a proposal is decided', async () => {
    const proposals = await proposalsOf(run1.id)
    const amalJonas = proposals.find((p) => p.mentee.id === ids.amal) as Proposal
    const omarLayla = proposals.find((p) => p.mentee.id === ids.omar) as Proposal
    const decide = (json: DecisionsBody) =>
      program()['match-runs'][':run'].proposals.decisions.$post({ param: runParam(run1.id), json })

    // Jonas's check expired since the run: his proposal cannot be accepted; nothing is saved.
    await checkExpires(idOf('jonas'), day(0))
    const expired = await decide({ accept: [omarLayla.id, amalJonas.id] })
    expect(expired.status).toBe(409)
    const problem = await problemOf(expired)
    expect(problem.errors).toHaveLength(1)
    expect(problem.errors?.[0]).toMatchObject({ path: 'accept.1' })
    expect(problem.errors?.[0]?.message).toContain('background_check_expired')
    expect(await statusOf(ids.omar as string)).toBe('applied')
    await checkExpires(idOf('jonas'), day(365))

    expect((await decide({ accept: [newId()] })).status).toBe(404)
    expect((await decide({ reject: [{ id: amalJonas.id, reason: '' }] })).status).toBe(400)
    expect((await decide({ accept: [] })).status).toBe(400)
    expect(
      (await decide({ accept: [amalJonas.id], reject: [{ id: amalJonas.id, reason: 'twice' }] })).status,
    ).toBe(400)
  })

  it('accepting starts a match, updates statuses and introduces both people by email in their language; rejecting excludes the pair', async () => {
    const proposals = await proposalsOf(run1.id)
    const amalJonas = proposals.find((p) => p.mentee.id === ids.amal) as Proposal
    const omarLayla = proposals.find((p) => p.mentee.id === ids.omar) as Proposal
    const decisions = program()['match-runs'][':run'].proposals.decisions
    const res = await decisions.$post({
      param: runParam(run1.id),
      json: {
        accept: [omarLayla.id],
        reject: [{ id: amalJonas.id, reason: 'Amal asked for a woman mentor' }],
      },
    })
    expect(res.status, await res.clone().text()).toBe(200)
    const result = await res.json()
    expect(result.rejected).toEqual([amalJonas.id])
    const matchId = result.accepted[0]?.matchId as string
    ids.omarLayla = matchId

    const match = await (await program().matches[':match'].$get({ param: matchParam(matchId) })).json()
    expect(match).toMatchObject({
      status: 'active',
      proposalId: omarLayla.id,
      mentee: { id: ids.omar },
      mentor: { id: ids.layla },
    })
    expect(await statusOf(ids.omar as string)).toBe('matched')
    expect(await statusOf(ids.layla as string)).toBe('matched') // one place, now taken
    expect(await statusOf(ids.amal as string)).toBe('applied')

    const emails = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.tenantId, tenantId), eq(outbox.kind, 'match.introduction')))
    expect(emails.map((e) => e.toAddress).sort()).toEqual([
      'layla.haddad@example.org',
      'omar.saleh@example.org',
    ])
    const toOmar = emails.find((e) => e.toAddress === 'omar.saleh@example.org')
    const toLayla = emails.find((e) => e.toAddress === 'layla.haddad@example.org')
    const params = { program: 'Welcome Tandems', org: `Org ${org.slug}` }
    expect(toOmar?.subject).toBe(
      introductionEmail('ar', { ...params, name: 'Omar', partner: 'Layla', partnerRole: 'mentor' }).subject,
    )
    expect(toOmar?.html).toContain('dir="rtl"')
    expect(toOmar?.text).toContain('Layla')
    expect(toOmar?.text).not.toContain('Haddad') // first name only
    expect(toLayla?.subject).toBe('Ihr Tandem in Welcome Tandems')
    expect(toLayla?.text).toContain('Omar')
    expect(toLayla?.text).not.toContain('Saleh')

    const exclusion = await db
      .select()
      .from(matchExclusions)
      .where(
        and(
          eq(matchExclusions.menteeId, ids.amal as string),
          eq(matchExclusions.mentorId, ids.jonas as string),
        ),
      )
      .get()
    expect(exclusion?.reason).toBe('Amal asked for a woman mentor')
    const actions = (await db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId))).map(
      (a) => a.action,
    )
    expect(actions).toEqual(
      expect.arrayContaining(['match_run.started', 'match.accepted', 'match.proposal_rejected']),
    )

    const again = await decisions.$post({ param: runParam(run1.id), json: { accept: [omarLayla.id] } })
    expect(again.status).toBe(409)
  })

  it('leaves rejected pairs out of the next run and refuses decisions through another run', async () => {
    const run2 = await runToEnd()
    // Omar is matched, Layla full; Amal's only mentor left is Jonas, whom she was rejected with.
    expect(run2.stats).toMatchObject({ mentees: 2, mentors: 1, feasiblePairs: 0, matched: 0 })
    expect(run2.stats?.unmatchedReasons).toEqual({ rejected_before: 1, no_shared_language: 1 })
    expect(await proposalsOf(run2.id)).toEqual([])
    const unmatched = await (
      await program()['match-runs'][':run'].unmatched.$get({ param: runParam(run2.id) })
    ).json()
    expect(unmatched.items.find((u) => u.menteeId === ids.amal)?.reason).toBe('rejected_before')

    const run1Proposal = (await proposalsOf(run1.id))[0] as Proposal
    const elsewhere = await program()['match-runs'][':run'].proposals.decisions.$post({
      param: runParam(run2.id),
      json: { reject: [{ id: run1Proposal.id, reason: 'wrong run' }] },
    })
    expect(elsewhere.status).toBe(404)
  })

  it('manual match: 409 listing the failed constraints, 201 with an audited override', async () => {
    const make = (json: CreateMatchBody) => program().matches.$post({ param: programParam(), json })
    const refused = await make({ menteeId: idOf('dmytro'), mentorId: idOf('jonas') })
    expect(refused.status).toBe(409)
    const problem = await problemOf(refused)
    expect(problem.errors?.map((e) => e.message)).toEqual(['no_shared_language'])
    expect(
      (await make({ menteeId: idOf('dmytro'), mentorId: idOf('jonas'), overrideReason: 'short' })).status,
    ).toBe(400)
    // Layla has no place left: never overridable.
    const full = await make({
      menteeId: idOf('amal'),
      mentorId: idOf('layla'),
      overrideReason: 'Coordinator knows them both well',
    })
    expect(full.status).toBe(409)
    expect((await make({ menteeId: idOf('jonas'), mentorId: idOf('layla') })).status).toBe(400)

    const made = await make({
      menteeId: idOf('dmytro'),
      mentorId: idOf('jonas'),
      overrideReason: 'Jonas learns Ukrainian; an interpreter joins the first meetings',
    })
    expect(made.status, await made.clone().text()).toBe(201)
    const match = await made.json()
    expect(match).toMatchObject({
      status: 'active',
      overrideReason: 'Jonas learns Ukrainian; an interpreter joins the first meetings',
      overridden: ['no_shared_language'],
    })
    ids.dmytroJonas = match.id
    expect(await statusOf(ids.dmytro as string)).toBe('matched')
    expect(await statusOf(ids.jonas as string)).toBe('ready') // one of two places taken
    const entry = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'match.created'), eq(auditLog.targetId, match.id)))
      .get()
    expect(entry?.meta).toMatchObject({ overridden: 'no_shared_language', manual: true })
  })

  it('pause, resume and end: the match stays as history, people return to the pool', async () => {
    const update = (json: UpdateMatchBody) =>
      program().matches[':match'].$patch({ param: matchParam(idOf('dmytroJonas')), json })
    expect((await (await update({ status: 'paused' })).json()).status).toBe('paused')
    expect((await update({ status: 'paused' })).status).toBe(200)
    expect((await (await update({ status: 'active' })).json()).status).toBe('active')
    // Raw: the types refuse an end without a reason.
    const noReason = await org.owner.patch(`${base()}/matches/${ids.dmytroJonas}`, { status: 'ended' })
    expect(noReason.status).toBe(400) // needs a reason
    const ended = await update({
      status: 'ended',
      endReason: 'mismatch',
      endNote: 'Different expectations',
      requestedBy: 'mentee',
    })
    expect(await ended.json()).toMatchObject({
      status: 'ended',
      endReason: 'mismatch',
      endRequestedBy: 'mentee',
    })
    expect((await update({ status: 'active' })).status).toBe(409)
    expect(await statusOf(ids.dmytro as string)).toBe('ready')
    expect(await statusOf(ids.jonas as string)).toBe('ready')

    // Omar moves away: he leaves the program; Layla's place is free again for a new tandem.
    const endLayla = await program().matches[':match'].$patch({
      param: matchParam(idOf('omarLayla')),
      json: { status: 'ended', endReason: 'moved_away', requestedBy: 'mentee' },
    })
    expect(endLayla.status).toBe(200)
    expect(await statusOf(ids.layla as string)).toBe('ready') // her place is free again
    expect(await statusOf(ids.omar as string)).toBe('exited')

    const list = await (
      await program().matches.$get({ param: programParam(), query: { status: 'ended' } })
    ).json()
    expect(list.items.map((m) => m.id).sort()).toEqual([ids.dmytroJonas, ids.omarLayla].sort())
    expect(
      (await (await program().matches.$get({ param: programParam(), query: { status: 'active' } })).json())
        .items,
    ).toEqual([])
    const actions = (await db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId))).map(
      (a) => a.action,
    )
    expect(actions).toEqual(expect.arrayContaining(['match.paused', 'match.resumed', 'match.ended']))
  })

  it('ending moves each person where the reason says: only a rematch returns someone to the pool', async () => {
    const res = await org.owner.org.programs.$post({
      param: { org: org.slug },
      json: { name: 'Cohort', languages: ['de'] },
    })
    const cohort = (await res.json()).id
    const person = async (id: string) =>
      await (
        await program().participants[':participant'].$get({
          param: { ...programParam(cohort), participant: id },
        })
      ).json()
    const matchOf = async (pair: { menteeId: string; mentorId: string }) => {
      const made = await program().matches.$post({
        param: programParam(cohort),
        json: { ...pair, overrideReason: 'Matched by hand in a test' },
      })
      expect(made.status, await made.clone().text()).toBe(201)
      return (await made.json()).id
    }
    const end = (id: string, body: Omit<Extract<UpdateMatchBody, { status: 'ended' }>, 'status'>) =>
      program().matches[':match'].$patch({
        param: matchParam(id, cohort),
        json: { status: 'ended', ...body },
      })

    // Completed: the mentee leaves as alumna and is never paired again; her mentor waits on hold.
    const done = await seedPair(cohort)
    expect((await end(await matchOf(done), { endReason: 'completed' })).status).toBe(200)
    expect(await person(done.menteeId)).toEqual(
      expect.objectContaining({ status: 'exited', exitReason: 'completed' }),
    )
    expect(await person(done.mentorId)).toEqual(
      expect.objectContaining({ status: 'paused', exitReason: null }),
    )
    const events = await db
      .select()
      .from(participantEvents)
      .where(eq(participantEvents.participantId, done.menteeId))
    expect(events.find((e) => e.kind === 'status' && e.detail?.to === 'exited')?.detail).toMatchObject({
      from: 'matched',
      reason: 'completed',
    })
    const fresh = await seedPair(cohort) // another pair, so the run has someone to match
    const runId = newId()
    await db.insert(matchRuns).values({ id: runId, tenantId, programId: cohort, mode: 'participation' })
    expect(await runMatchJob(db, tenantId, runId)).toBe('done')
    const proposed = await db.select().from(matchProposals).where(eq(matchProposals.runId, runId))
    expect(proposed.map((p) => p.menteeId)).toEqual([fresh.menteeId])

    // Not a good fit: both go back to the pool for a new partner.
    const misfit = await seedPair(cohort)
    expect((await end(await matchOf(misfit), { endReason: 'mismatch' })).status).toBe(200)
    expect((await person(misfit.menteeId)).status).toBe('ready')
    expect((await person(misfit.mentorId)).status).toBe('ready')

    // The mentor withdrew: they leave; the newcomer is re-pooled. The coordinator may choose otherwise.
    const left = await seedPair(cohort)
    expect((await end(await matchOf(left), { endReason: 'withdrew', requestedBy: 'mentor' })).status).toBe(
      200,
    )
    expect(await person(left.mentorId)).toEqual(
      expect.objectContaining({ status: 'exited', exitReason: 'withdrew' }),
    )
    expect((await person(left.menteeId)).status).toBe('ready')
    const chosen = await seedPair(cohort)
    const chosenEnd = await end(await matchOf(chosen), {
      endReason: 'completed',
      menteeNext: 'paused',
      mentorNext: 'ready',
    })
    expect(chosenEnd.status).toBe(200)
    expect((await person(chosen.menteeId)).status).toBe('paused')
    expect((await person(chosen.mentorId)).status).toBe('ready')

    // A mentor with another tandem cannot leave the program by ending one of them: 409, nothing changes.
    const busy = await seedPair(cohort)
    const second = await seedPair(cohort)
    await db.update(participants).set({ capacity: 2 }).where(eq(participants.id, busy.mentorId))
    const one = await matchOf(busy)
    await matchOf({ menteeId: second.menteeId, mentorId: busy.mentorId })
    const refused = await end(one, { endReason: 'withdrew', requestedBy: 'mentor' })
    expect(refused.status).toBe(409)
    expect(await problemOf(refused)).toMatchObject({ code: 'mentor-has-other-matches' })
    expect((await db.select().from(matches).where(eq(matches.id, one)).get())?.status).toBe('active')
    expect((await person(busy.menteeId)).status).toBe('matched')
    // Ending it as not a good fit frees one of the mentor's places while the other tandem goes on.
    expect((await end(one, { endReason: 'mismatch' })).status).toBe(200)
    expect((await person(busy.mentorId)).status).toBe('ready')
    expect((await person(busy.menteeId)).status).toBe('ready')
  })

  it('allows one queued or running run per program; abandoned runs do not block', async () => {
    const stuck = newId()
    await db.insert(matchRuns).values({
      id: stuck,
      tenantId,
      programId,
      mode: 'participation',
      status: 'running',
      startedAt: new Date(),
      createdAt: new Date(),
    })
    const busy = await program()['match-runs'].$post({ param: programParam(), json: {} })
    expect(busy.status).toBe(409)
    expect((await problemOf(busy)).detail).toContain(stuck)
    // An hour without progress: the job died; a new run may start and the old one is marked failed.
    await db
      .update(matchRuns)
      .set({ startedAt: new Date(Date.now() - 3_600_000) })
      .where(eq(matchRuns.id, stuck))
    const run = await runToEnd({ mode: 'score' })
    expect(run).toMatchObject({ status: 'done', mode: 'score' })
    const old = await db.select().from(matchRuns).where(eq(matchRuns.id, stuck)).get()
    expect(old).toMatchObject({ status: 'failed' })
    // Raw: a mode the types do not know.
    expect((await org.owner.post(`${base()}/match-runs`, { mode: 'fastest' })).status).toBe(400)
  })

  it('the job is idempotent on redelivery and supersedes older undecided proposals', async () => {
    const insertRun = async () => {
      const id = newId()
      await db
        .insert(matchRuns)
        .values({ id, tenantId, programId, mode: 'participation', createdAt: new Date() })
      return id
    }
    // Everyone is back in the pool: Amal–Layla is possible now.
    const first = await insertRun()
    expect(await runMatchJob(db, tenantId, first)).toBe('done')
    const firstProposals = await db.select().from(matchProposals).where(eq(matchProposals.runId, first))
    expect(firstProposals.length).toBeGreaterThan(0)
    expect(await runMatchJob(db, tenantId, first)).toBe('skipped') // done: redelivery does nothing

    // A run whose consumer died mid-way: left running with half its proposals; a redelivery starts over.
    const second = await insertRun()
    await db
      .update(matchRuns)
      .set({ status: 'running', startedAt: new Date(Date.now() - 60_000) })
      .where(eq(matchRuns.id, second))
    await db.insert(matchProposals).values({
      id: newId(),
      tenantId,
      runId: second,
      menteeId: ids.dmytro as string,
      mentorId: ids.layla as string,
      score: 1,
      breakdown: {},
      explanation: [],
    })
    expect(await runMatchJob(db, tenantId, second)).toBe('done')
    const secondProposals = await db.select().from(matchProposals).where(eq(matchProposals.runId, second))
    expect(secondProposals.map((p) => `${p.menteeId}:${p.mentorId}`).sort()).toEqual(
      firstProposals.map((p) => `${p.menteeId}:${p.mentorId}`).sort(),
    )
    expect(secondProposals.every((p) => p.explanation.length > 0)).toBe(true)
    const firstAfter = await db.select().from(matchProposals).where(eq(matchProposals.runId, first))
    expect(firstAfter.every((p) => p.status === 'superseded')).toBe(true)
  })

  it('never overfills a mentor when two decisions arrive at the same moment', async () => {
    const res = await org.owner.org.programs.$post({
      param: { org: org.slug },
      json: { name: 'Race', languages: ['de'] },
    })
    const race = (await res.json()).id
    const first = await seedPair(race) // the mentor has one place
    const second = await seedPair(race)
    const runId = newId()
    await db
      .insert(matchRuns)
      .values({ id: runId, tenantId, programId: race, mode: 'participation', status: 'done' })
    const proposal = (menteeId: string) => ({
      id: newId(),
      tenantId,
      runId,
      menteeId,
      mentorId: first.mentorId,
      score: 50,
      breakdown: {},
      explanation: [],
    })
    const p1 = proposal(first.menteeId)
    const p2 = proposal(second.menteeId)
    await db.insert(matchProposals).values([p1, p2])
    const accept = (id: string) =>
      program()['match-runs'][':run'].proposals.decisions.$post({
        param: runParam(runId, race),
        json: { accept: [id] },
      })
    const statuses = (await Promise.all([accept(p1.id), accept(p2.id)])).map((r) => r.status)
    expect(statuses.sort()).toEqual([200, 409])
    const active = await db
      .select()
      .from(matches)
      .where(and(eq(matches.mentorId, first.mentorId), eq(matches.status, 'active')))
    expect(active).toHaveLength(1)
  })

  it('records a failure on the run', async () => {
    const res = await org.owner.org.programs.$post({
      param: { org: org.slug },
      json: { name: 'Broken', languages: ['de'] },
    })
    const broken = (await res.json()).id
    await seedPair(broken)
    // Settings no request could store (weights beyond 10): the engine refuses them.
    await db
      .update(programs)
      .set({
        matchingSettings: {
          weights: { language: 99 },
          minMentorLevel: 'B2',
          minMenteeLevel: 'A2',
          maxDistanceKm: null,
          minOverlapSlots: 0,
        },
      })
      .where(eq(programs.id, broken))
    const started = await program()['match-runs'].$post({ param: programParam(broken), json: {} })
    const { id } = await started.json()
    let run: Run | undefined
    await vi.waitUntil(
      async () => {
        run = await readRun(id, broken)
        return run.status === 'failed'
      },
      { timeout: 15_000, interval: 50 },
    )
    expect(run?.error).toMatch(/weight for language/)
  })
})

describe('candidate pairs', () => {
  /** A seeded pool: people around a city centre (some without a location), a few languages and levels. */
  function pool(maxDistanceKm: number | null, seed = 7): Pool {
    let state = seed
    const rand = () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff
      return state / 0x7fffffff
    }
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T
    const levels = ['A1', 'A2', 'B1', 'B2', 'C1', 'native'] as const
    const slots = ['mon-am', 'mon-pm', 'tue-eve', 'wed-am', 'sat-pm', 'sun-am']
    const person = (mentor: boolean): Profile => ({
      languages: [
        { code: mentor ? 'de' : pick(['ar', 'uk', 'fa-AF', 'de']), level: mentor ? 'native' : pick(levels) },
        ...(rand() < 0.4 ? [{ code: pick(['ar-SY', 'uk', 'fa', 'es']), level: pick(levels) }] : []),
      ],
      wantsInterpretation: false,
      interests: [pick(['football', 'music', 'cooking']), pick(['chess', 'it'])],
      sector: rand() < 0.5 ? pick(['health', 'it']) : null,
      availability: rand() < 0.8 ? [pick(slots), pick(slots)].filter((x, k, a) => a.indexOf(x) === k) : [],
      location:
        rand() < 0.85 ? { lat: 52.52 + (rand() - 0.5) * 0.2, lon: 13.4 + (rand() - 0.5) * 0.3 } : null,
      settlementNeeds: [pick(['housing', 'education', 'employment'])],
      gender: null,
      genderPreference: null,
      screeningComplete: true,
      capacity: mentor ? 1 + Math.floor(rand() * 3) : 1,
    })
    const mentees = Array.from({ length: 160 }, () => person(false))
    const mentors = Array.from({ length: 90 }, () => person(true))
    const context = new Map<number, PairContext>()
    for (let k = 0; k < 40; k++) {
      context.set(
        Math.floor(rand() * 160) * 90 + Math.floor(rand() * 90),
        pick([{ rejectedBefore: true }, { excluded: true }]),
      )
    }
    const program = {
      matchingSettings: {
        weights: {},
        minMentorLevel: 'B2',
        minMenteeLevel: 'A2',
        maxDistanceKm,
        minOverlapSlots: 1,
      },
    } as unknown as Pool['program']
    return {
      program,
      settings: programSettings(program),
      menteeIds: mentees.map((_, i) => `mentee-${i}`),
      mentorIds: mentors.map((_, j) => `mentor-${j}`),
      mentees,
      mentors,
      context,
    }
  }
  const pairsOf = (inst: {
    edgeMentee: ArrayLike<number>
    edgeMentor: ArrayLike<number>
    edgeScore: ArrayLike<number>
  }) => Array.from(inst.edgeMentee, (i, k) => `${i}:${inst.edgeMentor[k]}:${inst.edgeScore[k]}`).sort()

  it('finds exactly the feasible pairs of the full M × N assessment, evaluating fewer', async () => {
    for (const maxKm of [4, 12, null]) {
      const p = pool(maxKm)
      const pairContext = new Map([...p.context].map(([k, ctx]) => [`${Math.floor(k / 90)}:${k % 90}`, ctx]))
      const full = buildInstance(p.mentees, p.mentors, { settings: p.settings, pairContext })
      const ours = await feasiblePairs(p)
      expect(ours.cappedMentees).toBe(0)
      expect(pairsOf(ours.instance)).toEqual(pairsOf(full))
      expect(full.edgeMentee.length).toBeGreaterThan(100)
      if (maxKm !== null) expect(ours.assessedPairs).toBeLessThan(160 * 90)
    }
  })

  it('over the budget, keeps each mentee’s best options and nothing else', async () => {
    const p = pool(null)
    const all = (await feasiblePairs(p)).instance
    const budget = Math.floor(all.edgeMentee.length * 0.6)
    const cut = await feasiblePairs(p, { edgeBudget: budget, floor: 5 })
    expect(cut.cappedMentees).toBeGreaterThan(0)
    expect(cut.instance.edgeMentee.length).toBeLessThanOrEqual(budget)
    expect(cut.instance.edgeMentee.length).toBeGreaterThan(budget * 0.9)
    const byMentee = (inst: typeof all) => {
      const out = new Map<number, number[]>()
      for (let k = 0; k < inst.edgeMentee.length; k++) {
        const i = inst.edgeMentee[k] as number
        out.set(i, [...(out.get(i) ?? []), inst.edgeScore[k] as number])
      }
      return out
    }
    const before = byMentee(all)
    for (const [i, kept] of byMentee(cut.instance)) {
      const best = [...(before.get(i) ?? [])].sort((a, b) => b - a).slice(0, kept.length)
      expect([...kept].sort((a, b) => b - a)).toEqual(best)
    }
  })

  it('reports growing progress while scoring, without changing the result', async () => {
    const p = pool(12)
    const shares: number[] = []
    const reported = await feasiblePairs(p, {
      progressPairs: 200,
      onProgress: async (share) => {
        shares.push(share)
      },
    })
    expect(shares.length).toBeGreaterThan(2)
    for (let k = 1; k < shares.length; k++) expect(shares[k]).toBeGreaterThan(shares[k - 1] as number)
    expect(shares.at(-1)).toBeLessThanOrEqual(1)
    expect(shares[0]).toBeGreaterThan(0)
    expect(pairsOf(reported.instance)).toEqual(pairsOf((await feasiblePairs(p)).instance))
  })

  it('names the dominant reason for mentees without any feasible mentor', () => {
    const p = pool(4)
    const far: Profile = {
      ...(p.mentees[0] as Profile),
      languages: [{ code: 'de', level: 'B2' }],
      location: { lat: 48.1, lon: 11.6 },
    }
    const mute: Profile = { ...(p.mentees[0] as Profile), languages: [{ code: 'ti', level: 'native' }] }
    p.mentees.push(far, mute)
    const reasons = diagnose(p, [p.mentees.length - 2, p.mentees.length - 1])
    expect([...reasons.values()]).toEqual(['too_far', 'no_shared_language'])
    const noMentors: Pool = { ...p, mentors: [], mentorIds: [] }
    expect(diagnose(noMentors, [0]).get(0)).toBe('no_mentors')
  })
})
