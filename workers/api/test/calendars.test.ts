import { exports } from 'cloudflare:workers'
import {
  auditLog,
  eventRsvps,
  events,
  matches,
  meetings,
  memberships,
  newId,
  participants,
  tenants,
  users,
} from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import ICAL from 'ical.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Client, db, memberWithRole, ORIGIN, orgWithOwner } from './support/client'
import { seedPair } from './support/operations'

type Org = { slug: string; owner: Client }

const DAY_MS = 86_400_000
const today = new Date().toISOString().slice(0, 10)
const dayOf = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

let org: Org
let tenantId: string
let programId: string
let otherProgramId: string

async function newProgram(o: Org, name: string) {
  const res = await o.owner.org.programs.$post({
    param: { org: o.slug },
    json: { name, languages: ['de', 'ar'] },
  })
  return (await res.json()).id
}

/** A program's calendar feed (making one, revoking it), as `client` asks for it. */
const programFeed = (client: Client, slug = org.slug) =>
  client.org.programs[':program']['calendar-feed'].$post({ param: { org: slug, program: programId } })
const revokeProgramFeed = (client: Client) =>
  client.org.programs[':program']['calendar-feed'].$delete({ param: { org: org.slug, program: programId } })
/** The caller's own calendar feed (making one, revoking it). */
const myFeed = (client: Client) => client.org.my['calendar-feed'].$post({ param: { org: org.slug } })
const revokeMyFeed = (client: Client) => client.org.my['calendar-feed'].$delete({ param: { org: org.slug } })

async function tenantOf(slug: string) {
  return (await db.select().from(tenants).where(eq(tenants.slug, slug)).get())?.id as string
}

/** An event written straight into the database (the events feature has its own routes). */
async function newEvent(values: Partial<typeof events.$inferInsert> & { title: string }) {
  const id = newId()
  const now = new Date()
  const startsAt = values.startsAt ?? new Date(Date.parse(`${dayOf(7)}T16:30:00Z`))
  await db.insert(events).values({
    id,
    tenantId,
    programId,
    kind: 'potluck',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
    createdAt: now,
    updatedAt: now,
    ...values,
  })
  return id
}

/** Fetches a feed as a calendar app does: no cookie, no browser headers. */
const fetchFeed = (url: string) => exports.default.fetch(new Request(url))

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((v) => ({ vevent: v, event: new ICAL.Event(v) })),
  }
}

/** RFC 5545's shape rules a parser forgives: CRLF line ends, lines of at most 75 octets. */
function expectWellFormed(text: string) {
  expect(text.endsWith('\r\n')).toBe(true)
  expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
  for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
}

beforeAll(async () => {
  org = await orgWithOwner('calendars')
  tenantId = await tenantOf(org.slug)
  programId = await newProgram(org, 'Calendar program')
  otherProgramId = await newProgram(org, 'Other program')
})

describe('a program’s calendar feed', () => {
  it('carries the program’s and the organization-wide events, parsed by a real iCalendar parser', async () => {
    const coordinator = await memberWithRole(org, 'coordinator')
    const long = `Bring a dish; children welcome, too!\nLine two: ${'ünïcödé — '.repeat(12)}`
    const potluck = await newEvent({
      title: 'Potluck, with music; and \\ more',
      description: long,
      place: 'Community hall, Room 2',
      startsAt: new Date('2027-01-15T17:00:00Z'),
      endsAt: new Date('2027-01-15T20:00:00Z'),
      languages: ['de', 'ar'],
    })
    const wide = await newEvent({ title: 'مساء المعلومات', programId: null, online: true })
    const cancelled = await newEvent({ title: 'Cancelled walk', status: 'cancelled' })
    const foreign = await newEvent({ title: 'Other program event', programId: otherProgramId })
    // A participant of the program who replied: a program feed carries no names.
    const pair = await seedPair(programId)
    await db.insert(eventRsvps).values({
      id: newId(),
      tenantId,
      eventId: potluck,
      participantId: pair.menteeId,
      status: 'going',
      respondedAt: new Date(),
    })

    const res = await programFeed(coordinator.client)
    expect(res.status).toBe(201)
    const feed = await res.json()
    expect(feed.url).toMatch(new RegExp(`^${ORIGIN}/api/v1/calendars/[a-z2-7]{24}\\.[a-z2-9]{24}\\.ics$`))
    expect(feed.webcalUrl).toBe(feed.url.replace('https:', 'webcal:'))

    const got = await fetchFeed(feed.url)
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const text = await got.text()
    expectWellFormed(text)
    const { calendar, events: items } = parse(text)
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0')
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy()
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(`Calendar program · Org ${org.slug}`)

    const byUid = new Map(items.map((i) => [i.event.uid, i]))
    expect([...byUid.keys()].sort()).toEqual(
      [potluck, wide, cancelled].map((id) => `event-${id}@tandem.test`).sort(),
    )
    expect(byUid.has(`event-${foreign}@tandem.test`)).toBe(false)

    const p = byUid.get(`event-${potluck}@tandem.test`)
    expect(p?.event.summary).toBe('Potluck, with music; and \\ more')
    expect(p?.event.description).toBe(long)
    expect(p?.event.location).toBe('Community hall, Room 2')
    expect(p?.event.startDate.isDate).toBe(false)
    expect(p?.event.startDate.zone?.tzid).toBe('UTC')
    expect(p?.event.startDate.toJSDate().toISOString()).toBe('2027-01-15T17:00:00.000Z')
    expect(p?.event.endDate.toJSDate().toISOString()).toBe('2027-01-15T20:00:00.000Z')
    expect(p?.vevent.getFirstPropertyValue('status')).toBe('CONFIRMED')
    expect(p?.vevent.getFirstPropertyValue('sequence')).toBe(0)
    expect(p?.vevent.getFirstPropertyValue('dtstamp')).toBeTruthy()
    expect(byUid.get(`event-${wide}@tandem.test`)?.event.summary).toBe('مساء المعلومات')
    expect(byUid.get(`event-${wide}@tandem.test`)?.event.location).toBe('Online')
    expect(byUid.get(`event-${cancelled}@tandem.test`)?.vevent.getFirstPropertyValue('status')).toBe(
      'CANCELLED',
    )
    // No participant names (nor ids) in a program's feed.
    const mentee = await db.select().from(participants).where(eq(participants.id, pair.menteeId)).get()
    expect(text).not.toContain(mentee?.displayName as string)
    expect(text).not.toContain(pair.menteeId)

    // A change to an event raises its SEQUENCE.
    await db
      .update(events)
      .set({ title: 'Potluck (moved)', updatedAt: new Date(Date.now() + 90_000) })
      .where(eq(events.id, potluck))
    const again = parse(await (await fetchFeed(feed.url)).text())
    const moved = again.events.find((i) => i.event.uid === `event-${potluck}@tandem.test`)
    expect(moved?.event.summary).toBe('Potluck (moved)')
    expect(moved?.vevent.getFirstPropertyValue('sequence')).toBeGreaterThan(0)
  })

  it('a new URL replaces the old one, revoking ends it; both audited; only a hash is stored', async () => {
    const first = await (await programFeed(org.owner)).json()
    expect((await fetchFeed(first.url)).status).toBe(200)
    const second = await (await programFeed(org.owner)).json()
    expect(second.url).not.toBe(first.url)
    expect((await fetchFeed(first.url)).status).toBe(404)
    expect((await fetchFeed(second.url)).status).toBe(200)

    const { calendarFeeds } = await import('@tandem/db')
    const rows = await db.select().from(calendarFeeds).where(eq(calendarFeeds.programId, programId))
    expect(rows).toHaveLength(1)
    const token = second.url.split('/').at(-1)?.replace('.ics', '') as string
    expect(JSON.stringify(rows)).not.toContain(token.split('.')[1])

    const revoked = await revokeProgramFeed(org.owner)
    expect(await revoked.json()).toEqual({ revoked: true })
    expect((await fetchFeed(second.url)).status).toBe(404)
    expect(await (await revokeProgramFeed(org.owner)).json()).toEqual({ revoked: false })

    const actions = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.targetId, programId)))
    const names = actions.map((a) => a.action)
    expect(names.filter((a) => a === 'calendar_feed.created').length).toBeGreaterThanOrEqual(2)
    expect(names.filter((a) => a === 'calendar_feed.revoked')).toHaveLength(1)
  })

  it('answers 404 for malformed, forged, unknown-organization and cross-organization tokens', async () => {
    const feed = await (await programFeed(org.owner)).json()
    const token = feed.url.split('/').at(-1)?.replace('.ics', '') as string
    const [tenant, secret] = token.split('.') as [string, string]
    const other = await orgWithOwner('calendars-b')
    const otherTenant = await tenantOf(other.slug)
    const base = `${ORIGIN}/api/v1/calendars/`
    for (const bad of [
      `${token}`, // without .ics
      `${token}.ics.ics`,
      `${tenant}.${secret.slice(0, 23)}a.ics`, // forged secret
      `${'a'.repeat(24)}.${secret}.ics`, // no such organization
      `${otherTenant}.${secret}.ics`, // the secret under another organization
      'not-a-token.ics',
    ]) {
      const res = await fetchFeed(`${base}${bad}`)
      expect(res.status, bad).toBe(404)
      expect(await res.text(), bad).not.toContain('BEGIN:VCALENDAR')
    }
    expect((await fetchFeed(feed.url)).status).toBe(200)
  })

  it('only coordinators (and above) make or revoke a program’s feed; another organization’s program is 404', async () => {
    const mentor = await memberWithRole(org, 'mentor')
    expect((await programFeed(mentor.client)).status).toBe(403)
    const other = await orgWithOwner('calendars-c')
    expect((await programFeed(other.owner, other.slug)).status).toBe(404)
  })
})

describe('a person’s calendar feed', () => {
  it('carries their own meetings (all-day, partner’s first name only) and events they are going to', async () => {
    const mentee = await memberWithRole(org, 'mentee')
    const pair = await seedPair(programId, { mentee: 'matched', mentor: 'matched' })
    await db
      .update(participants)
      .set({ userId: mentee.userId, displayName: 'Amal Haddad' })
      .where(eq(participants.id, pair.menteeId))
    await db
      .update(participants)
      .set({ displayName: 'Jonas Becker-Schmidt' })
      .where(eq(participants.id, pair.mentorId))
    const matchId = newId()
    await db.insert(matches).values({
      id: matchId,
      tenantId,
      programId,
      menteeId: pair.menteeId,
      mentorId: pair.mentorId,
      status: 'active',
      startedAt: new Date(Date.now() - 20 * DAY_MS),
    })
    const meeting = async (date: string, status: 'scheduled' | 'held' | 'missed', match = matchId) => {
      const id = newId()
      const now = new Date()
      await db.insert(meetings).values({
        id,
        tenantId,
        programId,
        matchId: match,
        date,
        status,
        source: 'coordinator',
        createdAt: now,
        updatedAt: now,
      })
      return id
    }
    const held = await meeting(dayOf(-3), 'held')
    const scheduled = await meeting(dayOf(4), 'scheduled')
    const missed = await meeting(dayOf(-10), 'missed')
    // Someone else's tandem in the same program.
    const others = await seedPair(programId, { mentee: 'matched', mentor: 'matched' })
    const otherMatch = newId()
    await db.insert(matches).values({
      id: otherMatch,
      tenantId,
      programId,
      menteeId: others.menteeId,
      mentorId: others.mentorId,
      status: 'active',
      startedAt: new Date(),
    })
    const foreignMeeting = await meeting(dayOf(2), 'scheduled', otherMatch)

    const going = await newEvent({ title: 'Language café' })
    const waiting = await newEvent({ title: 'Full trip' })
    const notReplied = await newEvent({ title: 'Not replied' })
    const othersEvent = await newEvent({ title: 'Someone else’s' })
    const rsvp = (eventId: string, participantId: string, status: 'going' | 'waitlisted') =>
      db.insert(eventRsvps).values({
        id: newId(),
        tenantId,
        eventId,
        participantId,
        status,
        respondedAt: new Date(),
      })
    await rsvp(going, pair.menteeId, 'going')
    await rsvp(waiting, pair.menteeId, 'waitlisted')
    await rsvp(othersEvent, others.menteeId, 'going')

    // A coordinator cannot make a personal feed (the portal's own routes are for mentors and mentees).
    const coordinator = await memberWithRole(org, 'coordinator')
    expect((await myFeed(coordinator.client)).status).toBe(403)

    // The feed speaks the person's language.
    await db.update(users).set({ locale: 'de' }).where(eq(users.id, mentee.userId))
    const res = await myFeed(mentee.client)
    expect(res.status).toBe(201)
    const feed = await res.json()
    const text = await (await fetchFeed(feed.url)).text()
    expectWellFormed(text)
    const { events: items } = parse(text)
    const uids = items.map((i) => i.event.uid).sort()
    expect(uids).toEqual(
      [
        `meeting-${held}@tandem.test`,
        `meeting-${scheduled}@tandem.test`,
        `event-${going}@tandem.test`,
      ].sort(),
    )
    for (const id of [missed, foreignMeeting, waiting, notReplied, othersEvent])
      expect(text).not.toContain(id)

    const m = items.find((i) => i.event.uid === `meeting-${scheduled}@tandem.test`)
    expect(m?.event.startDate.isDate).toBe(true)
    expect(m?.event.startDate.toString()).toBe(dayOf(4))
    expect(m?.event.endDate.toString()).toBe(dayOf(5))
    expect(m?.event.summary).toBe('Tandem-Treffen mit Jonas')
    expect(m?.event.description).toBe('Calendar program')
    // The partner's first name only; no other person's data.
    expect(text).not.toContain('Becker')
    expect(text).not.toContain('Haddad')
    expect(text).not.toContain(pair.mentorId)

    // Revoked: 404. A person no longer a mentee of the organization: 404 as well.
    const second = await (await myFeed(mentee.client)).json()
    expect((await fetchFeed(feed.url)).status).toBe(404)
    expect((await fetchFeed(second.url)).status).toBe(200)
    await db
      .delete(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, mentee.userId)))
    expect((await fetchFeed(second.url)).status).toBe(404)
  })

  it('revokes my feed', async () => {
    const mentor = await memberWithRole(org, 'mentor')
    const feed = await (await myFeed(mentor.client)).json()
    expect((await fetchFeed(feed.url)).status).toBe(200)
    expect(parse(await (await fetchFeed(feed.url)).text()).events).toEqual([])
    expect(await (await revokeMyFeed(mentor.client)).json()).toEqual({ revoked: true })
    expect((await fetchFeed(feed.url)).status).toBe(404)
  })
})

describe('one event as an .ics file', () => {
  it('for coordinators, and for mentors and mentees of its program (or organization-wide) only', async () => {
    const eventId = await newEvent({ title: 'Service project', place: 'Park' })
    const wide = await newEvent({ title: 'Summer fest', programId: null })
    const res = await org.owner.org.calendar.events[':event'].$get({
      param: { org: org.slug, event: eventId },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="event-${eventId}.ics"`)
    const text = await res.text()
    expectWellFormed(text)
    const [only, ...rest] = parse(text).events
    expect(rest).toEqual([])
    expect(only?.event.summary).toBe('Service project')
    expect(only?.event.location).toBe('Park')

    const inProgram = await memberWithRole(org, 'mentor')
    const outside = await memberWithRole(org, 'mentee')
    const pair = await seedPair(programId)
    await db.update(participants).set({ userId: inProgram.userId }).where(eq(participants.id, pair.mentorId))
    const mine = (who: { client: Client }, id: string) =>
      who.client.org.my.calendar.events[':event'].$get({ param: { org: org.slug, event: id } })
    expect((await mine(inProgram, eventId)).status).toBe(200)
    expect((await mine(outside, eventId)).status).toBe(404)
    expect((await mine(outside, wide)).status).toBe(200)

    const other = await orgWithOwner('calendars-d')
    expect(
      (await other.owner.org.calendar.events[':event'].$get({ param: { org: other.slug, event: eventId } }))
        .status,
    ).toBe(404)
  })
})

describe('the portal home’s next up', () => {
  it('shows only my tandems (partner’s first name), next meeting, open goals, my events and whether my feed is on', async () => {
    const mentor = await memberWithRole(org, 'mentor')
    const pair = await seedPair(programId, { mentee: 'matched', mentor: 'matched' })
    await db
      .update(participants)
      .set({ userId: mentor.userId, displayName: 'Lena Vogel' })
      .where(eq(participants.id, pair.mentorId))
    await db
      .update(participants)
      .set({ displayName: 'Omar Haddad' })
      .where(eq(participants.id, pair.menteeId))
    const matchId = newId()
    const now = new Date()
    await db.insert(matches).values({
      id: matchId,
      tenantId,
      programId,
      menteeId: pair.menteeId,
      mentorId: pair.mentorId,
      status: 'active',
      startedAt: new Date(Date.now() - 10 * DAY_MS),
    })
    const meeting = (date: string, status: 'scheduled' | 'held') =>
      db.insert(meetings).values({
        id: newId(),
        tenantId,
        programId,
        matchId,
        date,
        status,
        source: 'coordinator',
        createdAt: now,
        updatedAt: now,
      })
    await meeting(dayOf(-2), 'held')
    await meeting(dayOf(9), 'scheduled')
    await meeting(dayOf(3), 'scheduled')
    const { goals } = await import('@tandem/db')
    const goal = (title: string, status: 'open' | 'reached') =>
      db.insert(goals).values({
        id: newId(),
        tenantId,
        programId,
        matchId,
        area: 'housing',
        title,
        status,
        revisitDays: 30,
        nextRevisitOn: dayOf(20),
        createdAt: now,
        updatedAt: now,
      })
    await goal('Find a flat', 'open')
    await goal('Open a bank account', 'reached')
    const soon = await newEvent({ title: 'Language café', startsAt: new Date(Date.now() + 2 * DAY_MS) })
    const full = await newEvent({ title: 'Museum visit', startsAt: new Date(Date.now() + 5 * DAY_MS) })
    const past = await newEvent({ title: 'Last month', startsAt: new Date(Date.now() - 30 * DAY_MS) })
    for (const [eventId, status] of [
      [soon, 'going'],
      [full, 'waitlisted'],
      [past, 'going'],
    ] as const) {
      await db.insert(eventRsvps).values({
        id: newId(),
        tenantId,
        eventId,
        participantId: pair.mentorId,
        status,
        respondedAt: now,
      })
    }

    const nextUp = async (client: Client) =>
      await (await client.org.my['next-up'].$get({ param: { org: org.slug } })).json()
    const before = await nextUp(mentor.client)
    expect(before.tandems).toHaveLength(1)
    expect(before.tandems[0]).toMatchObject({
      matchId,
      side: 'mentor',
      partnerFirstName: 'Omar',
      nextMeeting: dayOf(3),
      openGoals: [{ title: 'Find a flat' }],
    })
    expect(JSON.stringify(before)).not.toContain('Haddad')
    expect(before.events.map((e) => [e.id, e.reply])).toEqual([
      [soon, 'going'],
      [full, 'waitlisted'],
    ])
    expect(before.calendarFeed).toBeNull()
    await myFeed(mentor.client)
    const after = await nextUp(mentor.client)
    expect(after.calendarFeed).not.toBeNull()

    // Someone else of the organization sees none of it.
    const other = await memberWithRole(org, 'mentee')
    const theirs = await nextUp(other.client)
    expect(theirs).toEqual({ tandems: [], events: [], calendarFeed: null })
  })
})
