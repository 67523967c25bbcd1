import {
  auditLog,
  checkIns,
  emailPreferences,
  matches,
  meetings,
  newId,
  outbox,
  participants,
  tenants,
} from '@tandem/db'
import { and, eq, like } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEV_EMAIL_LINK_SECRET } from '../src/env'
import { runScheduler } from '../src/features/email/scheduler'
import { checkInRule, dueCheckIn } from '../src/features/meetings/check-in.rule'
import { newCheckInToken } from '../src/features/meetings/check-in.service'
import { Client, db, memberWithRole, orgWithOwner, problemOf } from './support/client'
import { seedPair } from './support/operations'

type Org = { slug: string; owner: Client }

let org: Org
let programId: string

async function newProgram(o: Org) {
  const res = await o.owner.org.programs.$post({
    param: { org: o.slug },
    json: {
      name: 'Meetings program',
      languages: ['de', 'ar'],
      goalAreas: ['housing', 'documents', 'language'],
    },
  })
  if (res.status !== 201) throw new Error(`program: ${res.status} ${await res.text()}`)
  return (await res.json()).id
}

/** An active match of a fresh pair, with email addresses; optionally linked to portal accounts. */
async function newMatch(program: string, links: { mentee?: string; mentor?: string } = {}) {
  const { tenantId, menteeId, mentorId } = await seedPair(program, { mentee: 'matched', mentor: 'matched' })
  await db
    .update(participants)
    .set({ email: `${menteeId}@example.org`, preferredLocale: 'ar', userId: links.mentee ?? null })
    .where(eq(participants.id, menteeId))
  await db
    .update(participants)
    .set({ email: `${mentorId}@example.org`, userId: links.mentor ?? null })
    .where(eq(participants.id, mentorId))
  const id = newId()
  await db.insert(matches).values({
    id,
    tenantId,
    programId: program,
    menteeId,
    mentorId,
    status: 'active',
    startedAt: new Date(Date.now() - 30 * 86_400_000),
  })
  return { id, tenantId, menteeId, mentorId }
}

/** One match's meetings through the typed client, and the params naming them. */
const meetingsOf = (c: Client) => c.org.programs[':program'].matches[':match'].meetings
const matchParam = (o: Org, program: string, match: string) => ({ org: o.slug, program, match })
type MeetingBody = Parameters<ReturnType<typeof meetingsOf>['$post']>[0]['json']
/** A check-in link's routes (no session). */
const checkIn = (c: Client) => c.api.v1['check-ins'][':token']

beforeAll(async () => {
  org = await orgWithOwner('meetings')
  // On UTC, so the rule's local hour is the hour of the clock the tests set.
  await db.update(tenants).set({ timezone: 'UTC' }).where(eq(tenants.slug, org.slug))
  programId = await newProgram(org)
})

describe('meetings of a match (coordinators)', () => {
  it('logs, lists newest first with the note opened (audited), and deletes a mistaken entry', async () => {
    const match = await newMatch(programId)
    const coordinator = await memberWithRole(org, 'coordinator')
    const ofMatch = meetingsOf(coordinator.client)
    const param = matchParam(org, programId, match.id)
    const first = await ofMatch.$post({
      param,
      json: {
        date: '2026-11-02',
        durationMinutes: 90,
        mode: 'in-person',
        topics: ['housing'],
        menteeCame: true,
        mentorCame: true,
        menteeRating: 5,
        note: 'Talked about the landlord letter.',
      },
    })
    expect(first.status).toBe(201)
    const logged = await first.json()
    expect(logged).toMatchObject({
      status: 'held',
      source: 'coordinator',
      topics: ['housing'],
      menteeRating: 5,
      mentorRating: null,
      hasNote: true,
      note: 'Talked about the landlord letter.',
    })
    const stored = await db.select().from(meetings).where(eq(meetings.id, logged.id)).get()
    expect(stored?.sealedNote).toMatch(/^v2\.[0-9a-f]{8}\./)
    expect(stored?.sealedNote).not.toContain('landlord')

    const second = await ofMatch.$post({ param, json: { date: '2026-11-20', status: 'scheduled' } })
    expect(second.status).toBe(201)

    const listed = await ofMatch.$get({ param })
    expect(listed.status).toBe(200)
    const { items } = await listed.json()
    expect(items.map((m) => [m.date, m.status])).toEqual([
      ['2026-11-20', 'scheduled'],
      ['2026-11-02', 'held'],
    ])
    expect(items[1]?.note).toBe('Talked about the landlord letter.')
    const reads = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, match.id), eq(auditLog.action, 'meeting.notes_read')))
    expect(reads).toHaveLength(1)

    const removed = await ofMatch[':meeting'].$delete({ param: { ...param, meeting: logged.id } })
    expect(removed.status).toBe(204)
    const after = await (await ofMatch.$get({ param })).json()
    expect(after.items.map((m) => m.date)).toEqual(['2026-11-20'])
    const actions = (
      await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, match.id))
    ).map((r) => r.action)
    expect(actions).toEqual(expect.arrayContaining(['meeting.logged', 'meeting.deleted']))
    expect((await ofMatch[':meeting'].$delete({ param: { ...param, meeting: logged.id } })).status).toBe(404)
  })

  it('corrects an entry: the whole meeting again, the note kept unless replaced or removed; audited by field', async () => {
    const match = await newMatch(programId)
    const param = matchParam(org, programId, match.id)
    const planned = await (
      await meetingsOf(org.owner).$post({
        param,
        json: { date: '2026-11-20', status: 'scheduled', note: 'Bring the school form.' },
      })
    ).json()
    const entry = meetingsOf(org.owner)[':meeting']
    const plannedParam = { ...param, meeting: planned.id }

    const held = await entry.$put({
      param: plannedParam,
      json: {
        date: '2026-11-21',
        status: 'held',
        durationMinutes: 45,
        topics: ['housing'],
        mentorCame: true,
        menteeCame: true,
        menteeRating: 4,
      },
    })
    expect(held.status).toBe(200)
    expect(await held.json()).toMatchObject({
      id: planned.id,
      date: '2026-11-21',
      status: 'held',
      durationMinutes: 45,
      menteeRating: 4,
      source: 'coordinator',
      hasNote: true,
      note: 'Bring the school form.',
    })
    const edits = await db
      .select({ meta: auditLog.meta })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, match.id), eq(auditLog.action, 'meeting.edited')))
    expect(edits.map((e) => e.meta?.fields)).toEqual([
      'date,durationMinutes,topics,status,mentorCame,menteeCame,menteeRating',
    ])
    expect(JSON.stringify(edits)).not.toContain('2026-11-21')

    const unnoted = await entry.$put({ param: plannedParam, json: { date: '2026-11-21', note: null } })
    expect(await unnoted.json()).toMatchObject({ hasNote: false, note: null, durationMinutes: null })
    const stored = await db.select().from(meetings).where(eq(meetings.id, planned.id)).get()
    expect(stored?.sealedNote).toBeNull()

    const wrongTopic = await entry.$put({
      param: plannedParam,
      json: { date: '2026-11-22', topics: ['astrology'] },
    })
    expect(wrongTopic.status).toBe(400)
    expect((await db.select().from(meetings).where(eq(meetings.id, planned.id)).get())?.date).toBe(
      '2026-11-21',
    )
    expect(
      (await entry.$put({ param: { ...param, meeting: newId() }, json: { date: '2026-11-22' } })).status,
    ).toBe(404)
  })

  it('two coordinators correcting the same entry at once: one wins, the other is told, nothing is lost', async () => {
    const match = await newMatch(programId)
    const param = matchParam(org, programId, match.id)
    const { id } = await (await meetingsOf(org.owner).$post({ param, json: { date: '2026-11-02' } })).json()
    const answers = await Promise.all(
      [30, 45, 60, 75, 90].map((minutes) =>
        meetingsOf(org.owner)[':meeting'].$put({
          param: { ...param, meeting: id },
          json: { date: '2026-11-02', durationMinutes: minutes },
        }),
      ),
    )
    // Statuses as numbers: the typed answer names only the 200 the route succeeds with.
    const statuses: number[] = answers.map((a) => a.status)
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true)
    expect(statuses).toContain(409)
    const won = await Promise.all(answers.filter((a) => a.status === 200).map((a) => a.json()))
    const stored = await db.select().from(meetings).where(eq(meetings.id, id)).get()
    expect(won.map((m) => m.durationMinutes)).toContain(stored?.durationMinutes)
    const edits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, match.id), eq(auditLog.action, 'meeting.edited')))
    expect(edits).toHaveLength(won.length)
  })

  it('takes topics only from the program’s goal areas, and no meeting for an ended match', async () => {
    const match = await newMatch(programId)
    const log = (json: MeetingBody) =>
      meetingsOf(org.owner).$post({ param: matchParam(org, programId, match.id), json })
    const badTopic = await log({ date: '2026-11-02', topics: ['housing', 'football'] })
    expect(badTopic.status).toBe(400)
    const problem = await problemOf(badTopic)
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'topics.1', code: 'one-of' })])
    const badDate = await log({ date: '2026-02-31' })
    expect(badDate.status).toBe(400)
    const badRating = await log({ date: '2026-11-02', menteeRating: 6 })
    expect(badRating.status).toBe(400)

    await db.update(matches).set({ status: 'ended', endedAt: new Date() }).where(eq(matches.id, match.id))
    const ended = await log({ date: '2026-11-02' })
    expect(ended.status).toBe(409)
    expect((await problemOf(ended)).code).toBe('match-ended')
    expect(await db.select().from(meetings).where(eq(meetings.matchId, match.id))).toEqual([])
  })

  it('answers 404 for a match of another program or organization', async () => {
    const other = await orgWithOwner('meetings-other')
    const otherProgram = await newProgram(other)
    const match = await newMatch(otherProgram)
    expect((await meetingsOf(org.owner).$get({ param: matchParam(org, programId, match.id) })).status).toBe(
      404,
    )
    const ownProgram2 = await newProgram(org)
    const mine = await newMatch(programId)
    expect((await meetingsOf(org.owner).$get({ param: matchParam(org, ownProgram2, mine.id) })).status).toBe(
      404,
    )
  })
})

describe('meetings in the portal', () => {
  it('a mentee logs their own side, never sees the partner’s rating or the note, and cannot reach another match', async () => {
    const mentee = await memberWithRole(org, 'mentee')
    const match = await newMatch(programId, { mentee: mentee.userId })
    const myMeetings = mentee.client.org.my.matches[':match'].meetings
    const param = { org: org.slug, match: match.id }
    const logged = await myMeetings.$post({
      param,
      json: { date: '2026-11-10', topics: ['documents'], came: true, rating: 4 },
    })
    expect(logged.status).toBe(201)
    const mine = await logged.json()
    expect(mine).toMatchObject({ side: 'mentee', came: true, rating: 4, source: 'portal' })
    const stored = await db.select().from(meetings).where(eq(meetings.id, mine.id)).get()
    expect(stored).toMatchObject({ menteeRating: 4, menteeCame: true, mentorRating: null, mentorCame: null })

    // The coordinator adds the mentor's rating and a note: the mentee sees neither.
    await meetingsOf(org.owner).$post({
      param: matchParam(org, programId, match.id),
      json: { date: '2026-11-12', mentorRating: 2, note: 'Mentor worried about the pace.' },
    })
    const listed = await myMeetings.$get({ param })
    expect(listed.status).toBe(200)
    const text = await listed.text()
    expect(text).not.toContain('worried')
    expect(text).not.toContain('mentorRating')
    const { items }: Awaited<ReturnType<typeof listed.json>> = JSON.parse(text)
    expect(items.map((m) => [m.date, m.rating])).toEqual([
      ['2026-11-12', null],
      ['2026-11-10', 4],
    ])
    expect(Object.keys(items[0] ?? {})).not.toContain('note')

    const someoneElses = await newMatch(programId)
    const other = { org: org.slug, match: someoneElses.id }
    expect((await myMeetings.$get({ param: other })).status).toBe(404)
    expect((await myMeetings.$post({ param: other, json: { date: '2026-11-10' } })).status).toBe(404)
  })
})

// ---------- check-ins ----------

/** A check-in for one side of a match, written as the scheduler would; `meetingId` for a scheduled meeting. */
async function newCheckIn(
  match: { id: string; tenantId: string; menteeId: string },
  options: { meetingId?: string; period?: string; expiresAt?: Date } = {},
) {
  const { token, tokenHash } = newCheckInToken(match.tenantId)
  await db.insert(checkIns).values({
    id: newId(),
    tenantId: match.tenantId,
    matchId: match.id,
    participantId: match.menteeId,
    meetingId: options.meetingId ?? null,
    tokenHash,
    period: options.period ?? `test-${newId()}`,
    createdAt: new Date(),
    expiresAt: options.expiresAt ?? new Date(Date.now() + 14 * 86_400_000),
  })
  return token
}

const rowsOf = async (matchId: string) =>
  JSON.stringify([
    await db.select().from(meetings).where(eq(meetings.matchId, matchId)),
    await db.select().from(checkIns).where(eq(checkIns.matchId, matchId)),
    await db.select().from(auditLog).where(eq(auditLog.targetId, matchId)),
  ])

describe('check-ins from email (no session)', () => {
  it('reading changes nothing; "met" logs one meeting; a second answer is refused', async () => {
    const match = await newMatch(programId)
    const token = await newCheckIn(match)
    const anyone = checkIn(new Client())
    const before = await rowsOf(match.id)
    const read = await anyone.$get({ param: { token } })
    expect(read.status).toBe(200)
    const page = await read.json()
    expect(page).toMatchObject({
      answers: ['met', 'not-met', 'reschedule'],
      programName: 'Meetings program',
      meetingDate: null,
      locale: 'ar',
      topics: ['housing', 'documents', 'language'],
      status: 'open',
    })
    expect(page.firstName).toMatch(/^Fixture$/)
    expect(await rowsOf(match.id)).toBe(before)

    const answered = await anyone.$post({
      param: { token },
      json: { answer: 'met', date: '2026-11-15', durationMinutes: 60, topics: ['language'], rating: 5 },
    })
    expect(answered.status).toBe(200)
    const { meetingId } = await answered.json()
    const meeting = await db
      .select()
      .from(meetings)
      .where(eq(meetings.id, meetingId ?? ''))
      .get()
    expect(meeting).toMatchObject({
      date: '2026-11-15',
      status: 'held',
      source: 'check-in',
      topics: ['language'],
      menteeRating: 5,
      mentorRating: null,
    })
    const again = await anyone.$post({ param: { token }, json: { answer: 'not-met' } })
    expect(again.status).toBe(409)
    expect((await problemOf(again)).code).toBe('check-in-used')
    expect((await anyone.$get({ param: { token } })).status).toBe(409)
    expect(await db.select().from(meetings).where(eq(meetings.matchId, match.id))).toHaveLength(1)
  })

  it('two answers at the same moment record one: the token is claimed in the same batch as the meeting', async () => {
    const match = await newMatch(programId)
    const token = await newCheckIn(match)
    const [a, b] = await Promise.all([
      checkIn(new Client()).$post({ param: { token }, json: { answer: 'met' } }),
      checkIn(new Client()).$post({ param: { token }, json: { answer: 'met' } }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    expect(await db.select().from(meetings).where(eq(meetings.matchId, match.id))).toHaveLength(1)
    const answered = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, match.id), eq(auditLog.action, 'check_in.answered')))
    expect(answered).toHaveLength(1)
  })

  it('"met" confirms the scheduled meeting; "not-met" marks it missed; "reschedule" changes no meeting', async () => {
    const match = await newMatch(programId)
    const schedule = async (date: string) => {
      const res = await meetingsOf(org.owner).$post({
        param: matchParam(org, programId, match.id),
        json: { date, status: 'scheduled' },
      })
      return (await res.json()).id
    }
    const [a, b, c] = [
      await schedule('2026-11-03'),
      await schedule('2026-11-04'),
      await schedule('2026-11-05'),
    ]
    const anyone = checkIn(new Client())
    const read = await anyone.$get({ param: { token: await newCheckIn(match, { meetingId: a }) } })
    expect((await read.json()).meetingDate).toBe('2026-11-03')

    const met = await anyone.$post({
      param: { token: await newCheckIn(match, { meetingId: a }) },
      json: { answer: 'met', rating: 3 },
    })
    expect(await met.json()).toEqual({ answer: 'met', meetingId: a })
    const notMet = await anyone.$post({
      param: { token: await newCheckIn(match, { meetingId: b }) },
      json: { answer: 'not-met' },
    })
    expect(await notMet.json()).toEqual({ answer: 'not-met', meetingId: null })
    const later = await anyone.$post({
      param: { token: await newCheckIn(match, { meetingId: c }) },
      json: { answer: 'reschedule' },
    })
    expect(later.status).toBe(200)
    const byId = new Map(
      (await db.select().from(meetings).where(eq(meetings.matchId, match.id))).map((m) => [m.id, m]),
    )
    expect(byId.get(a)).toMatchObject({ status: 'held', menteeRating: 3, menteeCame: true, mentorCame: true })
    expect(byId.get(b)?.status).toBe('missed')
    expect(byId.get(c)?.status).toBe('scheduled')
    expect(byId.size).toBe(3)
    // The partner says they did meet after all: the missed meeting is confirmed, not logged twice.
    const partner = await newCheckIn({ ...match, menteeId: match.mentorId }, { meetingId: b })
    expect(await (await anyone.$post({ param: { token: partner }, json: { answer: 'met' } })).json()).toEqual(
      {
        answer: 'met',
        meetingId: b,
      },
    )
    const confirmed = await db.select().from(meetings).where(eq(meetings.matchId, match.id))
    expect(confirmed).toHaveLength(3)
    expect(confirmed.find((m) => m.id === b)?.status).toBe('held')
  })

  it('expired links answer 410, forged ones 404, and nothing changes', async () => {
    const match = await newMatch(programId)
    const anyone = checkIn(new Client())
    const expired = await newCheckIn(match, { expiresAt: new Date(Date.now() - 1000) })
    const before = await rowsOf(match.id)
    const read = await anyone.$get({ param: { token: expired } })
    expect(read.status).toBe(410)
    expect((await problemOf(read)).code).toBe('check-in-expired')
    expect((await anyone.$post({ param: { token: expired }, json: { answer: 'met' } })).status).toBe(410)

    const valid = await newCheckIn(match)
    const [tenantPart, secret] = valid.split('.') as [string, string]
    const forged = `${tenantPart}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`
    const withValid = await rowsOf(match.id)
    for (const token of [forged, 'nonsense', `${newId()}.${secret}`]) {
      expect((await anyone.$get({ param: { token } })).status).toBe(404)
      expect((await anyone.$post({ param: { token }, json: { answer: 'met' } })).status).toBe(404)
    }
    expect(await rowsOf(match.id)).toBe(withValid)
    expect(before).not.toBe(withValid)
  })

  it('limits reads and answers per client address', async () => {
    const client = checkIn(new Client())
    const forged = `${newId()}.${'a'.repeat(24)}`
    const param = { token: forged }
    for (let i = 0; i < 60; i++) {
      const res =
        i % 2 ? await client.$get({ param }) : await client.$post({ param, json: { answer: 'met' } })
      expect(res.status).toBe(404)
    }
    const limited = await client.$get({ param })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await checkIn(new Client()).$get({ param })).status).toBe(404)
  })

  it('a token acts only in its own organization', async () => {
    const other = await orgWithOwner('meetings-b')
    const otherProgram = await newProgram(other)
    const theirs = await newMatch(otherProgram)
    const ours = await newMatch(programId)
    // A check-in row of B's match, but with A's tenant in the token: not found.
    const aTenant = (await db.select().from(tenants).where(eq(tenants.slug, org.slug)).get())?.id as string
    const { token, tokenHash } = newCheckInToken(aTenant)
    await db.insert(checkIns).values({
      id: newId(),
      tenantId: theirs.tenantId,
      matchId: theirs.id,
      participantId: theirs.menteeId,
      tokenHash,
      period: 'cross',
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    const anyone = checkIn(new Client())
    expect((await anyone.$get({ param: { token } })).status).toBe(404)
    expect((await anyone.$post({ param: { token }, json: { answer: 'met' } })).status).toBe(404)
    expect(await db.select().from(meetings).where(eq(meetings.matchId, theirs.id))).toEqual([])
    expect(await db.select().from(meetings).where(eq(meetings.matchId, ours.id))).toEqual([])
  })
})

// ---------- the check-in rule ----------

const config = { APP_ORIGIN: 'http://localhost:8787', EMAIL_LINK_SECRET: DEV_EMAIL_LINK_SECRET }
/** Runs the check-in rule at a fixed instant, as the cron would. */
const checkInsAt = (iso: string) =>
  runScheduler([checkInRule], { control: db, db, placement: 'shared', now: new Date(iso), config })

/** Days around today (UTC) on a clock the test controls; links must stay valid for the real clock of the routes. */
const DAY_MS = 86_400_000
const today = new Date().toISOString().slice(0, 10)
const dayOf = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
const at = (n: number, time: string) => `${dayOf(n)}T${time}:00Z`
const startedOn = (matchId: string, n: number) =>
  db
    .update(matches)
    .set({ startedAt: new Date(at(n, '09:00')) })
    .where(eq(matches.id, matchId))

const checkInEmails = (matchId: string) =>
  db
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, 'check-in'), like(outbox.dedupKey, `check-in:${matchId}.%`)))

describe('the check-in rule', () => {
  it('finds what is due: after a scheduled meeting, else once per quiet cadence window', () => {
    const match = { id: 'm', start: '2026-10-01', cadence: 14 }
    const due = (own: { id: string; date: string; status: string }[], today: string) =>
      dueCheckIn(match, own, today)?.period ?? null
    expect(due([], '2026-10-14')).toBeNull() // not one cadence old yet
    expect(due([], '2026-10-15')).toBe('cadence:1')
    expect(due([], '2026-10-29')).toBe('cadence:2')
    expect(due([{ id: 'a', date: '2026-10-20', status: 'held' }], '2026-10-29')).toBeNull()
    expect(due([{ id: 'a', date: '2026-10-15', status: 'held' }], '2026-10-29')).toBe('cadence:2')
    expect(due([{ id: 'a', date: '2026-10-20', status: 'missed' }], '2026-10-29')).toBe('cadence:2')
    expect(due([{ id: 'a', date: '2026-11-02', status: 'scheduled' }], '2026-10-29')).toBeNull()
    // The day after a scheduled meeting, for a week; then a past meeting nobody confirmed is no contact.
    const planned = [{ id: 'a', date: '2026-10-20', status: 'scheduled' }]
    expect(due(planned, '2026-10-20')).toBeNull()
    expect(due(planned, '2026-10-21')).toBe('meeting:a')
    expect(due(planned, '2026-10-27')).toBe('meeting:a')
    expect(due(planned, '2026-10-28')).toBe('cadence:1')
  })

  it('after a quiet cadence: one email per person and period, in their language, with three links that act only on POST', async () => {
    const match = await newMatch(programId)
    await startedOn(match.id, -19)
    // Before and after the morning hour: nothing.
    await checkInsAt(at(0, '08:59'))
    await checkInsAt(at(0, '10:00'))
    expect(await checkInEmails(match.id)).toEqual([])
    // Day 19 of a 14-day cadence, nothing logged: both get one; running again (and the next day) adds nothing.
    await checkInsAt(at(0, '09:00'))
    await checkInsAt(at(0, '09:01'))
    await checkInsAt(at(1, '09:30'))
    const emails = await checkInEmails(match.id)
    expect(emails.map((e) => e.toAddress).sort()).toEqual(
      [`${match.menteeId}@example.org`, `${match.mentorId}@example.org`].sort(),
    )
    expect(emails.map((e) => e.dedupKey?.split(':').at(-1))).toEqual(['1', '1'])
    const rows = await db.select().from(checkIns).where(eq(checkIns.matchId, match.id))
    expect(rows.map((r) => r.period)).toEqual(['cadence:1', 'cadence:1'])
    expect(rows[0]?.expiresAt.getTime()).toBe(Date.parse(at(0, '09:00')) + 14 * DAY_MS)

    const toMentee = emails.find((e) => e.toAddress === `${match.menteeId}@example.org`)
    if (!toMentee) throw new Error('no email to the mentee')
    expect(toMentee.html).toContain('lang="ar" dir="rtl"')
    expect(toMentee.headers?.['List-Unsubscribe']).toMatch(/unsubscribe\?token=/)
    const links = [
      ...toMentee.text.matchAll(/http:\/\/localhost:8787\/check-in\?token=([a-z2-9.]+)&answer=([a-z-]+)/g),
    ]
    expect(links.map((l) => l[2])).toEqual(['met', 'not-met', 'reschedule'])
    const token = links[0]?.[1] as string
    expect(new Set(links.map((l) => l[1]))).toEqual(new Set([token]))
    // Only the hash is stored.
    expect(JSON.stringify(rows)).not.toContain(token.split('.')[1])

    // Opening the link (what a mail scanner does) changes nothing; answering does, once.
    const before = await rowsOf(match.id)
    const read = await checkIn(new Client()).$get({ param: { token } })
    expect(read.status).toBe(200)
    expect(await read.json()).toMatchObject({ locale: 'ar', meetingDate: null })
    expect(await rowsOf(match.id)).toBe(before)
    const answered = await checkIn(new Client()).$post({
      param: { token },
      json: { answer: 'met', date: dayOf(-1) },
    })
    expect(answered.status).toBe(200)

    // The meeting just logged (yesterday) keeps the next window from being quiet: nothing new on day 30.
    await checkInsAt(at(11, '09:30'))
    expect(await checkInEmails(match.id)).toHaveLength(2)
  })

  it('the day after a scheduled meeting: asks about that meeting', async () => {
    const match = await newMatch(programId)
    await startedOn(match.id, -10)
    const planned = await meetingsOf(org.owner).$post({
      param: matchParam(org, programId, match.id),
      json: { date: dayOf(-1), status: 'scheduled' },
    })
    const meetingId = (await planned.json()).id
    await checkInsAt(at(-1, '09:30'))
    expect(await checkInEmails(match.id)).toEqual([])
    await checkInsAt(at(0, '09:10'))
    await checkInsAt(at(0, '09:40'))
    const emails = await checkInEmails(match.id)
    expect(emails).toHaveLength(2)
    const toMentor = emails.find((e) => e.toAddress === `${match.mentorId}@example.org`)
    const german = new Intl.DateTimeFormat('de', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(at(-1, '00:00')),
    )
    expect(toMentor?.subject).toBe(`Haben Sie Fixture am ${german} getroffen?`)
    const rows = await db.select().from(checkIns).where(eq(checkIns.matchId, match.id))
    expect(rows.map((r) => [r.period, r.meetingId])).toEqual([
      [`meeting:${meetingId}`, meetingId],
      [`meeting:${meetingId}`, meetingId],
    ])
    const token = /check-in\?token=([a-z2-9.]+)&/.exec(toMentor?.text ?? '')?.[1] as string
    const read = await checkIn(new Client()).$get({ param: { token } })
    expect(await read.json()).toMatchObject({ meetingDate: dayOf(-1), locale: 'de' })
    // The mentor confirms: the scheduled meeting is held; no second meeting.
    await checkIn(new Client()).$post({ param: { token }, json: { answer: 'met', rating: 4 } })
    const all = await db.select().from(meetings).where(eq(meetings.matchId, match.id))
    expect(all.map((m) => [m.id, m.status, m.mentorRating])).toEqual([[meetingId, 'held', 4]])
  })

  it('writes nothing for a tandem that met recently, a person without email, or one who turned it off', async () => {
    const recent = await newMatch(programId)
    await startedOn(recent.id, -50)
    await meetingsOf(org.owner).$post({
      param: matchParam(org, programId, recent.id),
      json: { date: dayOf(-5) },
    })
    const quiet = await newMatch(programId)
    await startedOn(quiet.id, -50)
    await db.update(participants).set({ email: null }).where(eq(participants.id, quiet.menteeId))
    await db.insert(emailPreferences).values({
      id: newId(),
      tenantId: quiet.tenantId,
      recipientType: 'participant',
      recipientId: quiet.mentorId,
      kind: 'check-in',
      enabled: false,
      updatedAt: new Date(),
    })
    await checkInsAt(at(0, '09:30'))
    expect(await checkInEmails(recent.id)).toEqual([])
    expect(await checkInEmails(quiet.id)).toEqual([])
    expect(await db.select().from(checkIns).where(eq(checkIns.matchId, quiet.id))).toEqual([])
  })
})
