import { exports } from 'cloudflare:workers'
import {
  auditLog,
  emailPreferences,
  eventInvitations,
  eventRsvps,
  events,
  newId,
  outbox,
  participants,
  tenants,
} from '@tandem/db'
import { and, eq, like } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEV_EMAIL_LINK_SECRET } from '../src/env'
import { runScheduler } from '../src/features/email/scheduler'
import { eventReminderRule } from '../src/features/events/reminder.rule'
import { Client, db, memberWithRole, orgWithOwner, problemOf, unique } from './support/client'

type Org = { slug: string; owner: Client; email: string }
type EventBody = Parameters<Client['org']['programs'][':program']['events']['$post']>[0]['json']
type RsvpBody = Parameters<Client['org']['my']['events'][':event']['rsvp']['$put']>[0]['json']

const HOUR = 3_600_000
const DAY = 24 * HOUR

let org: Org
let tenantId: string
let programId: string

/** One event's routes and the param naming it, in this file's organization. */
const oneEvent = (client: Client = org.owner) => client.org.events[':event']
const eventParam = (event: string) => ({ param: { org: org.slug, event } })
/** A member's reply to an event, in the portal. */
const myRsvp = (client: Client, event: string, json: RsvpBody) =>
  client.org.my.events[':event'].rsvp.$put({ ...eventParam(event), json })

/** A participant of `program` with an email address, written straight into the database. */
async function person(
  program: string,
  opts: { locale?: string; userId?: string; email?: string | null; status?: 'ready' | 'exited' } = {},
) {
  const id = newId()
  await db.insert(participants).values({
    id,
    tenantId,
    programId: program,
    role: 'mentee',
    displayName: unique('Guest Person'),
    email: opts.email === undefined ? `${id}@example.org` : opts.email,
    preferredLocale: opts.locale ?? 'de',
    languages: [{ code: 'de', level: 'native' }],
    interests: [],
    status: opts.status ?? 'ready',
    userId: opts.userId ?? null,
    createdAt: new Date(),
  })
  return id
}

/** An event of the program (or of the organization), starting `inHours` from now, made through the API. */
async function newEvent(
  body: Partial<EventBody> = {},
  where: { program?: string | null; inHours?: number } = {},
) {
  const start = Date.now() + (where.inHours ?? 7 * 24) * HOUR
  const json: EventBody = {
    title: 'Potluck',
    kind: 'potluck',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 2 * HOUR).toISOString(),
    place: 'Community hall',
    supports: ['child-care', 'interpretation'],
    ...body,
  }
  const res =
    where.program === null
      ? await org.owner.org.events.$post({ param: { org: org.slug }, json })
      : await org.owner.org.programs[':program'].events.$post({
          param: { org: org.slug, program: where.program ?? programId },
          json,
        })
  if (res.status !== 201) throw new Error(`event: ${res.status} ${await res.text()}`)
  return await res.json()
}

/** Invites the event's people and returns each person's one-click token from their email. */
async function invite(eventId: string) {
  const res = await oneEvent().invitations.$post(eventParam(eventId))
  expect(res.status).toBe(200)
  const mails = await db
    .select()
    .from(outbox)
    .where(like(outbox.dedupKey, `event-invitation:${eventId}.%`))
  return new Map(
    mails.map((m) => [
      (m.dedupKey as string).split('.').at(-1) as string,
      /event-invitation\?token=([a-z2-9.]+)/.exec(m.text)?.[1] as string,
    ]),
  )
}

/** Requests to the public invitation route, each from its own address (rate limits are per address). */
const showByToken = (token: string) =>
  new Client().api.v1['event-invitations'][':token'].$get({ param: { token } })
const replyByToken = (token: string, json: RsvpBody) =>
  new Client().api.v1['event-invitations'][':token'].$post({ param: { token }, json })

const detail = async (eventId: string) => (await oneEvent().$get(eventParam(eventId))).json()
const guestList = async (eventId: string) =>
  (await (await oneEvent().rsvps.$get(eventParam(eventId))).json()).items

beforeAll(async () => {
  org = await orgWithOwner('events')
  await db.update(tenants).set({ timezone: 'UTC' }).where(eq(tenants.slug, org.slug))
  tenantId = (await db.select().from(tenants).where(eq(tenants.slug, org.slug)).get())?.id as string
  const res = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: { name: 'Events program', languages: ['de', 'ar'] },
  })
  programId = (await res.json()).id
})

describe('events (coordinators)', () => {
  it('creates, lists upcoming and past with paging, changes and cancels events of a program and of the organization', async () => {
    const coordinator = await memberWithRole(org, 'coordinator')
    const programEvents = coordinator.client.org.programs[':program'].events
    const param = { org: org.slug, program: programId }
    const bad = await programEvents.$post({
      param,
      json: {
        title: 'Backwards',
        kind: 'workshop',
        startsAt: '2027-01-10T18:00:00Z',
        endsAt: '2027-01-10T17:00:00Z',
        online: false,
      },
    })
    expect(bad.status).toBe(400)
    const problem = await problemOf(bad)
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['endsAt', 'place'])

    const first = await newEvent({ title: 'Language morning', kind: 'language-exchange' }, { inHours: 48 })
    const second = await newEvent({ title: 'Info evening', kind: 'information-evening' }, { inHours: 72 })
    const orgWide = await newEvent({ title: 'Summer party', online: true, place: null }, { program: null })
    expect(orgWide.programId).toBeNull()
    const past = await newEvent({ title: 'Earlier walk', kind: 'outing' }, { inHours: 24 })
    await db
      .update(events)
      .set({ startsAt: new Date(Date.now() - 5 * DAY), endsAt: new Date(Date.now() - 5 * DAY + HOUR) })
      .where(eq(events.id, past.id))

    const page1 = await (await programEvents.$get({ param, query: { limit: '1' } })).json()
    expect(page1.items.map((e) => e.title)).toEqual(['Language morning'])
    const page2 = await (
      await programEvents.$get({ param, query: { limit: '1', cursor: String(page1.nextCursor) } })
    ).json()
    expect(page2.items.map((e) => e.title)).toEqual(['Info evening'])
    const pastList = await (await programEvents.$get({ param, query: { when: 'past' } })).json()
    expect(pastList.items.map((e) => e.id)).toContain(past.id)
    expect(pastList.items.map((e) => e.id)).not.toContain(first.id)
    // The organization's list holds its own events and its programs'.
    const all = await (
      await coordinator.client.org.events.$get({ param: { org: org.slug }, query: { limit: '100' } })
    ).json()
    expect(all.items.map((e) => e.id)).toEqual(expect.arrayContaining([first.id, second.id, orgWide.id]))

    const theEvent = oneEvent(coordinator.client)
    const changed = await theEvent.$patch({ ...eventParam(second.id), json: { title: 'Info night' } })
    expect((await changed.json()).title).toBe('Info night')
    const cancelled = await theEvent.cancel.$post(eventParam(second.id))
    expect((await cancelled.json()).status).toBe('cancelled')
    expect((await theEvent.$patch({ ...eventParam(second.id), json: { title: 'Again' } })).status).toBe(409)
    const audited = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.targetId, second.id)))
    expect(audited.map((a) => a.action).sort()).toEqual(['event.cancelled', 'event.created', 'event.updated'])
  })

  it('an event of another organization is not found', async () => {
    const other = await orgWithOwner('events-other')
    const event = await newEvent()
    const viaOther = { param: { org: other.slug, event: event.id } }
    expect((await oneEvent(other.owner).$get(viaOther)).status).toBe(404)
    expect((await oneEvent(other.owner).rsvps.$get(viaOther)).status).toBe(404)
  })
})

describe('one-click replies from the invitation email', () => {
  it('invites the program’s people once each, in their language, skipping those who left, have no address or opted out', async () => {
    const program = (
      await (
        await org.owner.org.programs.$post({
          param: { org: org.slug },
          json: { name: 'Invite program', languages: ['ar'] },
        })
      ).json()
    ).id
    const arabic = await person(program, { locale: 'ar' })
    const german = await person(program)
    await person(program, { status: 'exited' })
    await person(program, { email: null })
    const quiet = await person(program)
    await db.insert(emailPreferences).values({
      id: newId(),
      tenantId,
      recipientType: 'participant',
      recipientId: quiet,
      kind: 'event-invitation',
      enabled: false,
      updatedAt: new Date(),
    })
    const event = await newEvent({}, { program })
    const tokens = await invite(event.id)
    expect([...tokens.keys()].sort()).toEqual([arabic, german].sort())
    const mail = await db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupKey, `event-invitation:${event.id}.${arabic}`))
      .get()
    expect(mail?.subject).toMatch(/[\u0600-\u06FF]/)
    expect(mail?.headers).toHaveProperty('List-Unsubscribe')
    // Only the hash of a token is stored.
    const stored = await db.select().from(eventInvitations).where(eq(eventInvitations.eventId, event.id))
    expect(stored.map((s) => s.tokenHash)).not.toContain(tokens.get(arabic))
    // Inviting again writes nothing new.
    const again = await oneEvent().invitations.$post(eventParam(event.id))
    expect((await again.json()).invited).toBe(0)
  })

  it('GET changes nothing; POST records once (409 after); lapsed 410; forged or foreign 404', async () => {
    const a = await person(programId, { locale: 'fa' })
    const b = await person(programId)
    const c = await person(programId)
    const event = await newEvent({ capacity: 10 })
    const tokens = await invite(event.id)
    const token = tokens.get(a) as string

    for (let i = 0; i < 3; i++) {
      const shown = await showByToken(token)
      expect(shown.status).toBe(200)
      expect(await shown.json()).toMatchObject({
        title: 'Potluck',
        locale: 'fa',
        seatsFree: 10,
        status: 'open',
      })
    }
    expect(await db.select().from(eventRsvps).where(eq(eventRsvps.eventId, event.id))).toEqual([])
    const used = await db.select().from(eventInvitations).where(eq(eventInvitations.participantId, a)).get()
    expect(used?.usedAt).toBeNull()

    // A support the event does not offer is refused, and the link still works.
    const refused = await replyByToken(token, { answer: 'going', supports: ['transport'] })
    expect(refused.status).toBe(400)
    const answered = await replyByToken(token, { answer: 'going', guests: 2, supports: ['child-care'] })
    expect(answered.status).toBe(200)
    expect(await answered.json()).toEqual({
      status: 'going',
      guests: 2,
      supports: ['child-care'],
      waitingPosition: null,
    })
    const second = await replyByToken(token, { answer: 'declined' })
    expect(second.status).toBe(409)
    expect((await problemOf(second)).code).toBe('event-invitation-used')
    expect((await showByToken(token)).status).toBe(409)
    expect((await detail(event.id)).counts.seatsTaken).toBe(3)

    // Forged secret, malformed, another organization's prefix: simply not found.
    const [prefix] = token.split('.') as [string]
    expect((await showByToken(`${prefix}.${'a'.repeat(24)}`)).status).toBe(404)
    expect((await showByToken('nonsense')).status).toBe(404)
    const other = await orgWithOwner('events-token')
    const otherTenant = (await db.select().from(tenants).where(eq(tenants.slug, other.slug)).get())?.id
    expect((await showByToken(`${otherTenant}.${(tokens.get(b) as string).split('.')[1]}`)).status).toBe(404)

    // The event is cancelled: B's link has lapsed. Once it has begun, C's too.
    await oneEvent().cancel.$post(eventParam(event.id))
    expect((await showByToken(tokens.get(b) as string)).status).toBe(410)
    expect((await replyByToken(tokens.get(b) as string, { answer: 'going' })).status).toBe(410)
    await db
      .update(events)
      .set({ status: 'scheduled', startsAt: new Date(Date.now() - HOUR) })
      .where(eq(events.id, event.id))
    expect((await replyByToken(tokens.get(c) as string, { answer: 'going' })).status).toBe(410)
    expect(await db.select().from(eventRsvps).where(eq(eventRsvps.eventId, event.id))).toHaveLength(1)
  })

  // 24 real requests at once, each kicking the outbox: give it time on a busy machine.
  it('never overbooks: 24 people reply at once for 5 seats → exactly 5 seated, 19 waiting in reply order', {
    timeout: 30_000,
  }, async () => {
    const people = await Promise.all(Array.from({ length: 24 }, () => person(programId)))
    const event = await newEvent({ capacity: 5 })
    const tokens = await invite(event.id)
    const answers = await Promise.all(
      people.map((p) => replyByToken(tokens.get(p) as string, { answer: 'going' })),
    )
    expect(answers.map((r) => r.status)).toEqual(people.map(() => 200))
    const replies = await Promise.all(answers.map((r) => r.json()))
    expect(replies.filter((r) => r.status === 'going')).toHaveLength(5)
    expect(replies.filter((r) => r.status === 'waitlisted')).toHaveLength(19)

    const totals = await detail(event.id)
    expect(totals.counts).toMatchObject({ seatsTaken: 5, seatsFree: 0, goingParties: 5, waitingParties: 19 })
    // The waiting list is in reply order: places 1…19 follow the reply times.
    const list = await guestList(event.id)
    const waiting = list.filter((r) => r.status === 'waitlisted')
    expect(waiting.map((r) => r.waitingPosition)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1))
    const rows = await db.select().from(eventRsvps).where(eq(eventRsvps.eventId, event.id))
    const at = new Map(rows.map((r) => [r.id, r.respondedAt.getTime()]))
    const times = waiting.map((r) => at.get(r.id) as number)
    expect(times).toEqual([...times].sort((x, y) => x - y))
  })
})

describe('the waiting list', () => {
  it('seats waiting parties in reply order when someone declines or the capacity rises, and tells them by email', async () => {
    const users = await Promise.all([1, 2, 3, 4].map(() => memberWithRole(org, 'mentee')))
    const [a, b, c, d] = await Promise.all(users.map((u) => person(programId, { userId: u.userId })))
    const event = await newEvent({ capacity: 4 })
    const rsvp = (i: number, body: RsvpBody) =>
      myRsvp((users[i] as { client: Client }).client, event.id, body)

    expect(await (await rsvp(0, { answer: 'going', guests: 1 })).json()).toMatchObject({ status: 'going' })
    expect(await (await rsvp(1, { answer: 'going', guests: 1 })).json()).toMatchObject({ status: 'going' })
    expect(await (await rsvp(2, { answer: 'going', guests: 1, supports: ['child-care'] })).json()).toEqual({
      status: 'waitlisted',
      guests: 1,
      supports: ['child-care'],
      waitingPosition: 1,
    })
    expect(await (await rsvp(3, { answer: 'going' })).json()).toMatchObject({
      status: 'waitlisted',
      waitingPosition: 2,
    })
    // A seated party asking for more seats than are free keeps its reply.
    const more = await rsvp(0, { answer: 'going', guests: 3 })
    expect(more.status).toBe(409)
    expect((await problemOf(more)).code).toBe('event-full')
    expect((await guestList(event.id)).find((r) => r.participantId === a)?.guests).toBe(1)

    // B declines: C's party of two takes the two seats; D still waits, now first.
    expect(await (await rsvp(1, { answer: 'declined' })).json()).toMatchObject({ status: 'declined' })
    const after = await guestList(event.id)
    expect(after.map((r) => [r.participantId, r.status, r.waitingPosition])).toEqual([
      [a, 'going', null],
      [c, 'going', null],
      [d, 'waitlisted', 1],
      [b, 'declined', null],
    ])
    const seatMail = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'event-seat'), eq(outbox.toAddress, `${c}@example.org`)))
    expect(seatMail).toHaveLength(1)
    expect(seatMail[0]?.text).toContain('Potluck')

    // The capacity rises by one: D is seated.
    const raised = await (await oneEvent().$patch({ ...eventParam(event.id), json: { capacity: 5 } })).json()
    expect(raised.counts).toMatchObject({ seatsTaken: 5, seatsFree: 0, waitingParties: 0 })
    expect(
      await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.kind, 'event-seat'), eq(outbox.toAddress, `${d}@example.org`))),
    ).toHaveLength(1)
    // Planning totals: supports by kind, guests' languages.
    expect(raised.supportsNeeded).toMatchObject({ 'child-care': 1, interpretation: 0 })
    expect(raised.guestLanguages).toEqual([{ locale: 'de', parties: 3 }])
  })
})

describe('the portal', () => {
  it('lists upcoming events of one’s programs and the organization’s, with one’s own reply only', async () => {
    const mentee = await memberWithRole(org, 'mentee')
    await person(programId, { userId: mentee.userId })
    const otherProgram = (
      await (
        await org.owner.org.programs.$post({
          param: { org: org.slug },
          json: { name: 'Not mine', languages: ['de'] },
        })
      ).json()
    ).id
    const mine = await newEvent({ title: 'Mine' })
    const orgWide = await newEvent({ title: 'Everyone', capacity: 50 }, { program: null })
    const notMine = await newEvent({ title: 'Not mine' }, { program: otherProgram })
    // Someone else's reply to my event is never shown to me.
    const someone = await person(programId)
    await db.insert(eventRsvps).values({
      id: newId(),
      tenantId,
      eventId: mine.id,
      participantId: someone,
      status: 'going',
      guests: 4,
      respondedAt: new Date(),
      createdAt: new Date(),
    })

    const reply = await myRsvp(mentee.client, orgWide.id, { answer: 'going', guests: 2 })
    expect(reply.status).toBe(200)
    const list = await (await mentee.client.org.my.events.$get({ param: { org: org.slug } })).json()
    const ids = list.items.map((e) => e.id)
    expect(ids).toEqual(expect.arrayContaining([mine.id, orgWide.id]))
    expect(ids).not.toContain(notMine.id)
    expect(list.items.find((e) => e.id === mine.id)?.myReply).toBeNull()
    expect(list.items.find((e) => e.id === orgWide.id)).toMatchObject({
      seatsFree: 47,
      myReply: { status: 'going', guests: 2 },
    })
    // An event of a program one is not in: not found, and nothing recorded.
    expect((await myRsvp(mentee.client, notMine.id, { answer: 'going' })).status).toBe(404)
    expect(await db.select().from(eventRsvps).where(eq(eventRsvps.eventId, notMine.id))).toEqual([])
    // Too many guests: a field error.
    const many = await myRsvp(mentee.client, mine.id, { answer: 'going', guests: 10 })
    expect(many.status).toBe(400)
    expect((await problemOf(many)).errors?.[0]?.path).toBe('guests')
  })
})

describe('attendance', () => {
  it('checks parties in (at most the party) and counts the people who came as an outcome', async () => {
    const [a, b] = await Promise.all([person(programId), person(programId)])
    const event = await newEvent({ capacity: 20 })
    const tokens = await invite(event.id)
    await replyByToken(tokens.get(a) as string, { answer: 'going', guests: 2 })
    await replyByToken(tokens.get(b) as string, { answer: 'going' })
    const [ra, rb] = await guestList(event.id)
    // `undefined` in the path when the guest list was short (the expectations below fail then).
    const checkIn = (client: Client, r: { id: string } | undefined, attended: number) =>
      oneEvent(client).rsvps[':rsvp'].attendance.$put({
        param: { org: org.slug, event: event.id, rsvp: String(r?.id) },
        json: { attended },
      })
    expect((await checkIn(org.owner, ra, 4)).status).toBe(400)
    expect(await (await checkIn(org.owner, ra, 2)).json()).toMatchObject({ attended: 2 })
    expect(await (await checkIn(org.owner, rb, 1)).json()).toMatchObject({ attended: 1 })
    expect((await detail(event.id)).counts).toMatchObject({ attended: 3, checkedIn: 2, seatsTaken: 4 })
    // A mentee may not check people in.
    const mentee = await memberWithRole(org, 'mentee')
    expect((await checkIn(mentee.client, ra, 0)).status).toBe(403)
  })
})

// ---------- reminders on a controlled clock ----------

const config = { APP_ORIGIN: 'http://localhost:8787', EMAIL_LINK_SECRET: DEV_EMAIL_LINK_SECRET }
const remindersAt = (iso: string) =>
  runScheduler([eventReminderRule], { control: db, db, placement: 'shared', now: new Date(iso), config })
const remindersOf = (eventId: string) =>
  db
    .select()
    .from(outbox)
    .where(like(outbox.dedupKey, `event-reminder:${eventId}.%`))

describe('event reminders', () => {
  it('remind those with seats at 11:00 the day before, once, in their language; not the waiting or those who opted out', async () => {
    const seated = await person(programId, { locale: 'uk' })
    const waiting = await person(programId)
    const quiet = await person(programId)
    const event = await newEvent({ capacity: 3 })
    const tokens = await invite(event.id)
    await replyByToken(tokens.get(seated) as string, { answer: 'going', guests: 1 })
    await replyByToken(tokens.get(quiet) as string, { answer: 'going' })
    await replyByToken(tokens.get(waiting) as string, { answer: 'going' })
    await db.insert(emailPreferences).values({
      id: newId(),
      tenantId,
      recipientType: 'participant',
      recipientId: quiet,
      kind: 'event-reminder',
      enabled: false,
      updatedAt: new Date(),
    })
    // The event starts at 18:00 UTC on a fixed day (the tenant is on UTC).
    const day = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10)
    const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - DAY).toISOString().slice(0, 10)
    await db
      .update(events)
      .set({ startsAt: new Date(`${day}T18:00:00Z`), endsAt: new Date(`${day}T20:00:00Z`) })
      .where(eq(events.id, event.id))

    await remindersAt(`${dayBefore}T10:30:00Z`)
    await remindersAt(`${day}T11:30:00Z`)
    expect(await remindersOf(event.id)).toEqual([])
    await remindersAt(`${dayBefore}T11:05:00Z`)
    await remindersAt(`${dayBefore}T11:45:00Z`)
    const sent = await remindersOf(event.id)
    expect(sent.map((m) => m.toAddress)).toEqual([`${seated}@example.org`])
    expect(sent[0]).toMatchObject({
      kind: 'event-reminder',
      dedupKey: `event-reminder:${event.id}.${seated}`,
    })
    expect(sent[0]?.subject).toMatch(/[\u0400-\u04FF]/)
    expect(sent[0]?.text).toContain('18:00')
    expect(sent[0]?.text).toContain('Community hall')
    expect(sent[0]?.headers).toHaveProperty('List-Unsubscribe')
  })
})

describe('the public routes answer only with a token', () => {
  it('a request without one is not routed to anything', async () => {
    // Raw: a path the typed tree does not have.
    const res = await exports.default.fetch('https://tandem.test/api/v1/event-invitations/')
    expect(res.status).toBe(404)
  })
})
