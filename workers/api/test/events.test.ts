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
import { Client, db, memberWithRole, orgWithOwner, unique } from './support/client'

type Org = { slug: string; owner: Client; email: string }
type Counts = {
  seatsTaken: number
  seatsFree: number | null
  goingParties: number
  waitingParties: number
  waitingPeople: number
  declined: number
  attended: number
  checkedIn: number
}
type EventOut = { id: string; programId: string | null; title: string; status: string; counts: Counts }
type EventDetail = EventOut & {
  supportsNeeded: Record<string, number>
  guestLanguages: { locale: string; parties: number }[]
}
type Rsvp = {
  id: string
  participantId: string
  status: string
  guests: number
  waitingPosition: number | null
  attended: number | null
}
type Reply = { status: string; guests: number; supports: string[]; waitingPosition: number | null }

const HOUR = 3_600_000
const DAY = 24 * HOUR

let org: Org
let tenantId: string
let programId: string

const put = (client: Client, path: string, body: unknown) => client.request('PUT', path, body)
const orgUrl = (o: Org = org) => `/api/v1/orgs/${o.slug}`

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
  body: Record<string, unknown> = {},
  where: { program?: string | null; inHours?: number } = {},
) {
  const start = Date.now() + (where.inHours ?? 7 * 24) * HOUR
  const url =
    where.program === null
      ? `${orgUrl()}/events`
      : `${orgUrl()}/programs/${where.program ?? programId}/events`
  const res = await org.owner.post(url, {
    title: 'Potluck',
    kind: 'potluck',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 2 * HOUR).toISOString(),
    place: 'Community hall',
    supports: ['child-care', 'interpretation'],
    ...body,
  })
  if (res.status !== 201) throw new Error(`event: ${res.status} ${await res.text()}`)
  return (await res.json()) as EventOut
}

/** Invites the event's people and returns each person's one-click token from their email. */
async function invite(eventId: string) {
  const res = await org.owner.post(`${orgUrl()}/events/${eventId}/invitations`)
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

/** A request to the public invitation route, from its own address (rate limits are per address). */
const byToken = (method: 'GET' | 'POST', token: string, body?: unknown) =>
  new Client().request(method, `/api/v1/event-invitations/${token}`, body)

const detail = async (eventId: string) =>
  (await (await org.owner.get(`${orgUrl()}/events/${eventId}`)).json()) as EventDetail
const guestList = async (eventId: string) =>
  ((await (await org.owner.get(`${orgUrl()}/events/${eventId}/rsvps`)).json()) as { items: Rsvp[] }).items

beforeAll(async () => {
  org = await orgWithOwner('events')
  await db.update(tenants).set({ timezone: 'UTC' }).where(eq(tenants.slug, org.slug))
  tenantId = (await db.select().from(tenants).where(eq(tenants.slug, org.slug)).get())?.id as string
  const res = await org.owner.post(`${orgUrl()}/programs`, {
    name: 'Events program',
    languages: ['de', 'ar'],
  })
  programId = ((await res.json()) as { id: string }).id
})

describe('events (coordinators)', () => {
  it('creates, lists upcoming and past with paging, changes and cancels events of a program and of the organization', async () => {
    const coordinator = await memberWithRole(org, 'coordinator')
    const bad = await coordinator.client.post(`${orgUrl()}/programs/${programId}/events`, {
      title: 'Backwards',
      kind: 'workshop',
      startsAt: '2027-01-10T18:00:00Z',
      endsAt: '2027-01-10T17:00:00Z',
      online: false,
    })
    expect(bad.status).toBe(400)
    const problem = (await bad.json()) as { errors: { path: string }[] }
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['endsAt', 'place'])

    const first = await newEvent({ title: 'Language morning', kind: 'language-exchange' }, { inHours: 48 })
    const second = await newEvent({ title: 'Info evening', kind: 'information-evening' }, { inHours: 72 })
    const orgWide = await newEvent({ title: 'Summer party', online: true, place: null }, { program: null })
    expect(orgWide.programId).toBeNull()
    const past = await newEvent({ title: 'Earlier walk', kind: 'outing' }, { inHours: 24 })
    await db
      .update(events)
      .set({ startsAt: new Date(Date.now() - 5 * DAY), endsAt: new Date(Date.now() - 5 * DAY + HOUR) })
      .where(eq(events.id, past.id))

    const page1 = (await (
      await coordinator.client.get(`${orgUrl()}/programs/${programId}/events?limit=1`)
    ).json()) as { items: EventOut[]; nextCursor: string | null }
    expect(page1.items.map((e) => e.title)).toEqual(['Language morning'])
    const page2 = (await (
      await coordinator.client.get(
        `${orgUrl()}/programs/${programId}/events?limit=1&cursor=${page1.nextCursor}`,
      )
    ).json()) as { items: EventOut[] }
    expect(page2.items.map((e) => e.title)).toEqual(['Info evening'])
    const pastList = (await (
      await coordinator.client.get(`${orgUrl()}/programs/${programId}/events?when=past`)
    ).json()) as { items: EventOut[] }
    expect(pastList.items.map((e) => e.id)).toContain(past.id)
    expect(pastList.items.map((e) => e.id)).not.toContain(first.id)
    // The organization's list holds its own events and its programs'.
    const all = (await (await coordinator.client.get(`${orgUrl()}/events?limit=100`)).json()) as {
      items: EventOut[]
    }
    expect(all.items.map((e) => e.id)).toEqual(expect.arrayContaining([first.id, second.id, orgWide.id]))

    const changed = await coordinator.client.patch(`${orgUrl()}/events/${second.id}`, { title: 'Info night' })
    expect(((await changed.json()) as EventOut).title).toBe('Info night')
    const cancelled = await coordinator.client.post(`${orgUrl()}/events/${second.id}/cancel`)
    expect(((await cancelled.json()) as EventOut).status).toBe('cancelled')
    expect(
      (await coordinator.client.patch(`${orgUrl()}/events/${second.id}`, { title: 'Again' })).status,
    ).toBe(409)
    const audited = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.targetId, second.id)))
    expect(audited.map((a) => a.action).sort()).toEqual(['event.cancelled', 'event.created', 'event.updated'])
  })

  it('an event of another organization is not found', async () => {
    const other = await orgWithOwner('events-other')
    const event = await newEvent()
    expect((await other.owner.get(`/api/v1/orgs/${other.slug}/events/${event.id}`)).status).toBe(404)
    expect((await other.owner.get(`/api/v1/orgs/${other.slug}/events/${event.id}/rsvps`)).status).toBe(404)
  })
})

describe('one-click replies from the invitation email', () => {
  it('invites the program’s people once each, in their language, skipping those who left, have no address or opted out', async () => {
    const program = (
      (await (
        await org.owner.post(`${orgUrl()}/programs`, { name: 'Invite program', languages: ['ar'] })
      ).json()) as { id: string }
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
    const again = await org.owner.post(`${orgUrl()}/events/${event.id}/invitations`)
    expect(((await again.json()) as { invited: number }).invited).toBe(0)
  })

  it('GET changes nothing; POST records once (409 after); lapsed 410; forged or foreign 404', async () => {
    const a = await person(programId, { locale: 'fa' })
    const b = await person(programId)
    const c = await person(programId)
    const event = await newEvent({ capacity: 10 })
    const tokens = await invite(event.id)
    const token = tokens.get(a) as string

    for (let i = 0; i < 3; i++) {
      const shown = await byToken('GET', token)
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
    const refused = await byToken('POST', token, { answer: 'going', supports: ['transport'] })
    expect(refused.status).toBe(400)
    const answered = await byToken('POST', token, { answer: 'going', guests: 2, supports: ['child-care'] })
    expect(answered.status).toBe(200)
    expect(await answered.json()).toEqual({
      status: 'going',
      guests: 2,
      supports: ['child-care'],
      waitingPosition: null,
    })
    const second = await byToken('POST', token, { answer: 'declined' })
    expect(second.status).toBe(409)
    expect(((await second.json()) as { code: string }).code).toBe('event-invitation-used')
    expect((await byToken('GET', token)).status).toBe(409)
    expect((await detail(event.id)).counts.seatsTaken).toBe(3)

    // Forged secret, malformed, another organization's prefix: simply not found.
    const [prefix] = token.split('.') as [string]
    expect((await byToken('GET', `${prefix}.${'a'.repeat(24)}`)).status).toBe(404)
    expect((await byToken('GET', 'nonsense')).status).toBe(404)
    const other = await orgWithOwner('events-token')
    const otherTenant = (await db.select().from(tenants).where(eq(tenants.slug, other.slug)).get())?.id
    expect((await byToken('GET', `${otherTenant}.${(tokens.get(b) as string).split('.')[1]}`)).status).toBe(
      404,
    )

    // The event is cancelled: B's link has lapsed. Once it has begun, C's too.
    await org.owner.post(`${orgUrl()}/events/${event.id}/cancel`)
    expect((await byToken('GET', tokens.get(b) as string)).status).toBe(410)
    expect((await byToken('POST', tokens.get(b) as string, { answer: 'going' })).status).toBe(410)
    await db
      .update(events)
      .set({ status: 'scheduled', startsAt: new Date(Date.now() - HOUR) })
      .where(eq(events.id, event.id))
    expect((await byToken('POST', tokens.get(c) as string, { answer: 'going' })).status).toBe(410)
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
      people.map((p) => byToken('POST', tokens.get(p) as string, { answer: 'going' })),
    )
    expect(answers.map((r) => r.status)).toEqual(people.map(() => 200))
    const replies = (await Promise.all(answers.map((r) => r.json()))) as Reply[]
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
    const rsvp = (i: number, body: unknown) =>
      put((users[i] as { client: Client }).client, `${orgUrl()}/my/events/${event.id}/rsvp`, body)

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
    expect(((await more.json()) as { code: string }).code).toBe('event-full')
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
    const raised = (await (
      await org.owner.patch(`${orgUrl()}/events/${event.id}`, { capacity: 5 })
    ).json()) as EventDetail
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
      (await (
        await org.owner.post(`${orgUrl()}/programs`, { name: 'Not mine', languages: ['de'] })
      ).json()) as { id: string }
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

    const reply = await put(mentee.client, `${orgUrl()}/my/events/${orgWide.id}/rsvp`, {
      answer: 'going',
      guests: 2,
    })
    expect(reply.status).toBe(200)
    const list = (await (await mentee.client.get(`${orgUrl()}/my/events`)).json()) as {
      items: { id: string; myReply: Reply | null; seatsFree: number | null }[]
    }
    const ids = list.items.map((e) => e.id)
    expect(ids).toEqual(expect.arrayContaining([mine.id, orgWide.id]))
    expect(ids).not.toContain(notMine.id)
    expect(list.items.find((e) => e.id === mine.id)?.myReply).toBeNull()
    expect(list.items.find((e) => e.id === orgWide.id)).toMatchObject({
      seatsFree: 47,
      myReply: { status: 'going', guests: 2 },
    })
    // An event of a program one is not in: not found, and nothing recorded.
    expect(
      (await put(mentee.client, `${orgUrl()}/my/events/${notMine.id}/rsvp`, { answer: 'going' })).status,
    ).toBe(404)
    expect(await db.select().from(eventRsvps).where(eq(eventRsvps.eventId, notMine.id))).toEqual([])
    // Too many guests: a field error.
    const many = await put(mentee.client, `${orgUrl()}/my/events/${mine.id}/rsvp`, {
      answer: 'going',
      guests: 10,
    })
    expect(many.status).toBe(400)
    expect(((await many.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('guests')
  })
})

describe('attendance', () => {
  it('checks parties in (at most the party) and counts the people who came as an outcome', async () => {
    const [a, b] = await Promise.all([person(programId), person(programId)])
    const event = await newEvent({ capacity: 20 })
    const tokens = await invite(event.id)
    await byToken('POST', tokens.get(a) as string, { answer: 'going', guests: 2 })
    await byToken('POST', tokens.get(b) as string, { answer: 'going' })
    const [ra, rb] = await guestList(event.id)
    const url = (r: Rsvp | undefined) => `${orgUrl()}/events/${event.id}/rsvps/${r?.id}/attendance`
    expect((await put(org.owner, url(ra), { attended: 4 })).status).toBe(400)
    expect(await (await put(org.owner, url(ra), { attended: 2 })).json()).toMatchObject({ attended: 2 })
    expect(await (await put(org.owner, url(rb), { attended: 1 })).json()).toMatchObject({ attended: 1 })
    expect((await detail(event.id)).counts).toMatchObject({ attended: 3, checkedIn: 2, seatsTaken: 4 })
    // A mentee may not check people in.
    const mentee = await memberWithRole(org, 'mentee')
    expect((await put(mentee.client, url(ra), { attended: 0 })).status).toBe(403)
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
    await byToken('POST', tokens.get(seated) as string, { answer: 'going', guests: 1 })
    await byToken('POST', tokens.get(quiet) as string, { answer: 'going' })
    await byToken('POST', tokens.get(waiting) as string, { answer: 'going' })
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
    const res = await exports.default.fetch('https://tandem.test/api/v1/event-invitations/')
    expect(res.status).toBe(404)
  })
})
