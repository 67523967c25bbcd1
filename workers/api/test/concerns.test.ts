import { auditLog, checkIns, concerns, matches, newId, outbox, participants, rateLimits } from '@tandem/db'
import type { AuditAction } from '@tandem/vocab'
import { and, eq, like, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { openConcernsQuery } from '../src/features/concerns/service'
import { newCheckInToken } from '../src/features/meetings/check-in.service'
import { Client, db, memberWithRole, orgWithOwner, problemOf } from './support/client'
import { seedPair } from './support/operations'

type Org = { slug: string; owner: Client }
type Member = Awaited<ReturnType<typeof memberWithRole>>

let org: Org
let programId: string
let coordinator: Member
let admin: Member

async function newProgram(o: Org, name = 'Concerns program') {
  const res = await o.owner.org.programs.$post({
    param: { org: o.slug },
    json: { name, languages: ['de', 'ar'] },
  })
  if (res.status !== 201) throw new Error(`program: ${res.status} ${await res.text()}`)
  return (await res.json()).id
}

/** An active match whose mentee and mentor have portal accounts in `o`. */
async function newTandem(o: Org, program: string) {
  const menteeAccount = await memberWithRole(o, 'mentee')
  const mentorAccount = await memberWithRole(o, 'mentor')
  const { tenantId, menteeId, mentorId } = await seedPair(program, { mentee: 'matched', mentor: 'matched' })
  await db
    .update(participants)
    .set({ displayName: 'Amal Haddad', userId: menteeAccount.userId })
    .where(eq(participants.id, menteeId))
  await db
    .update(participants)
    .set({ displayName: 'Jonas Weber', userId: mentorAccount.userId })
    .where(eq(participants.id, mentorId))
  const id = newId()
  await db.insert(matches).values({
    id,
    tenantId,
    programId: program,
    menteeId,
    mentorId,
    status: 'active',
    startedAt: new Date(Date.now() - 10 * 86_400_000),
  })
  return { id, tenantId, menteeId, mentorId, mentee: menteeAccount, mentor: mentorAccount }
}

/** Raising a concern about one's own match (portal), through the typed client. */
const raise = (c: Client, o: Org, match: string, json: RaiseBody) =>
  c.org.my.matches[':match'].concerns.$post({ param: { org: o.slug, match }, json })
type RaiseBody = Parameters<Client['org']['my']['matches'][':match']['concerns']['$post']>[0]['json']
/** A program's concerns (coordinators), and the params naming them. */
const concernsOf = (c: Client) => c.org.programs[':program'].concerns
type ActionBody = Parameters<ReturnType<typeof concernsOf>[':concern']['actions']['$post']>[0]['json']
const programParam = (o: Org, program: string) => ({ org: o.slug, program })
const concernParam = (o: Org, program: string, concern: string) => ({ org: o.slug, program, concern })
/** The person's own concerns in the portal. */
const myConcerns = (c: Client, o: Org) => c.org.my.concerns.$get({ param: { org: o.slug } })
/** Concerns raised with a check-in link (no session). */
const checkInConcerns = (c: Client) => c.api.v1['check-ins'][':token'].concerns

const audits = (action: AuditAction, concernId?: string) =>
  db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, action),
        concernId ? sql`json_extract(${auditLog.meta}, '$.concernId') = ${concernId}` : undefined,
      ),
    )

const description = 'He keeps asking me for money for his cousin.'

beforeAll(async () => {
  org = await orgWithOwner('concerns')
  programId = await newProgram(org)
  coordinator = await memberWithRole(org, 'coordinator')
  admin = await memberWithRole(org, 'admin')
})

describe('raising a concern from the portal', () => {
  it('seals the description, reaches the coordinators, and never the other side', async () => {
    const t = await newTandem(org, programId)
    const raised = await raise(t.mentee.client, org, t.id, {
      category: 'exploitation',
      severity: 'medium',
      description,
    })
    expect(raised.status).toBe(201)
    const mine = await raised.json()
    expect(mine).toMatchObject({ status: 'open', nameToOtherSide: false })
    expect(JSON.stringify(mine)).not.toContain('money')

    const stored = await db.select().from(concerns).where(eq(concerns.id, mine.id)).get()
    expect(stored?.sealedDescription).toMatch(/^v2\.[0-9a-f]{8}\./)
    expect(stored?.sealedDescription).not.toContain('money')
    expect(stored).toMatchObject({
      side: 'mentee',
      raisedById: t.menteeId,
      source: 'portal',
      alertedAt: null,
    })
    expect(await audits('concern.raised', mine.id)).toHaveLength(1)
    // Medium severity: no alert.
    expect(
      await db
        .select()
        .from(outbox)
        .where(like(outbox.text, `%${mine.id}%`)),
    ).toHaveLength(0)

    // The mentee follows it; the mentor of the same match sees nothing, anywhere.
    const menteeList = await myConcerns(t.mentee.client, org)
    expect((await menteeList.json()).items.map((c) => c.id)).toEqual([mine.id])
    const mentorList = await myConcerns(t.mentor.client, org)
    expect(mentorList.status).toBe(200)
    expect(await mentorList.json()).toEqual({ items: [] })
    expect(
      (await concernsOf(t.mentor.client).$get({ param: programParam(org, programId), query: {} })).status,
    ).toBe(403)
    expect(
      (await concernsOf(t.mentor.client)[':concern'].$get({ param: concernParam(org, programId, mine.id) }))
        .status,
    ).toBe(403)
    const mentorMatches = await t.mentor.client.org.my.matches.$get({ param: { org: org.slug } })
    expect(JSON.stringify(await mentorMatches.json())).not.toContain(mine.id)

    // The coordinator's list (audited) flags that the person must not be named to the partner.
    const before = (await audits('concern.list_read')).length
    const list = await concernsOf(coordinator.client).$get({
      param: programParam(org, programId),
      query: { status: 'open' },
    })
    expect(list.status).toBe(200)
    const { items } = await list.json()
    expect(items.find((c) => c.id === mine.id)).toMatchObject({ nameToOtherSide: false })
    expect(JSON.stringify(items)).not.toContain('money')
    expect((await audits('concern.list_read')).length).toBe(before + 1)

    // Opening it reads the description and is audited.
    const opened = await concernsOf(coordinator.client)[':concern'].$get({
      param: concernParam(org, programId, mine.id),
    })
    expect(opened.status).toBe(200)
    expect((await opened.json()).description).toBe(description)
    expect(await audits('concern.read', mine.id)).toHaveLength(1)
  })

  it('tracks actions with sealed notes (audited); the person sees the status, never the notes', async () => {
    const t = await newTandem(org, programId)
    const raised = await raise(t.mentor.client, org, t.id, {
      category: 'boundaries',
      severity: 'low',
      description: 'Messages late at night.',
      nameToOtherSide: true,
    })
    const { id } = await raised.json()
    const actions = concernsOf(admin.client)[':concern'].actions
    const act = (json: ActionBody) => actions.$post({ param: concernParam(org, programId, id), json })

    const started = await act({ status: 'in-progress', note: 'Called the mentor; talking again Friday.' })
    expect(started.status).toBe(201)
    const detail = await started.json()
    expect(detail).toMatchObject({ status: 'in-progress', nameToOtherSide: true })
    expect(detail.actions[0]).toMatchObject({
      statusBefore: 'open',
      statusAfter: 'in-progress',
      note: 'Called the mentor; talking again Friday.',
    })
    const note = (await act({ note: 'Second call done.' })).status
    expect(note).toBe(201)
    expect((await act({})).status).toBe(400)
    const resolved = await act({ status: 'resolved' })
    expect(resolved.status).toBe(201)
    // Not a step the table allows: 409, and nothing written.
    const backwards = await act({ status: 'in-progress' })
    expect(backwards.status).toBe(409)
    expect((await problemOf(backwards)).code).toBe('status-not-allowed')
    expect(await audits('concern.action_recorded', id)).toHaveLength(3)

    const mine = await myConcerns(t.mentor.client, org)
    const text = JSON.stringify(await mine.json())
    expect(text).toContain('"status":"resolved"')
    expect(text).not.toContain('Called the mentor')
    expect(text).not.toContain('late at night')
  })

  // Two organizations and many requests: give it time on a busy machine.
  it('answers 404 to a coordinator of another program path or another organization', {
    timeout: 20_000,
  }, async () => {
    const t = await newTandem(org, programId)
    const { id } = await (
      await raise(t.mentee.client, org, t.id, { category: 'safety', severity: 'low', description: 'x' })
    ).json()
    const otherProgram = await newProgram(org, 'Other program')
    const elsewhere = concernParam(org, otherProgram, id)
    expect((await concernsOf(coordinator.client)[':concern'].$get({ param: elsewhere })).status).toBe(404)
    expect(
      (
        await concernsOf(coordinator.client)[':concern'].actions.$post({
          param: elsewhere,
          json: { status: 'closed' },
        })
      ).status,
    ).toBe(404)
    const other = await orgWithOwner('concerns-other')
    const theirProgram = await newProgram(other)
    const theirCoordinator = await memberWithRole(other, 'coordinator')
    expect(
      (
        await concernsOf(theirCoordinator.client)[':concern'].$get({
          param: concernParam(other, theirProgram, id),
        })
      ).status,
    ).toBe(404)
    const theirList = await concernsOf(theirCoordinator.client).$get({
      param: programParam(other, theirProgram),
      query: {},
    })
    expect(JSON.stringify(await theirList.json())).not.toContain(id)
    // Someone else's match: 404, as if it did not exist.
    const stranger = await memberWithRole(org, 'mentee')
    expect(
      (await raise(stranger.client, org, t.id, { category: 'other', severity: 'low', description: 'x' }))
        .status,
    ).toBe(404)
  })
})

describe('high severity', () => {
  it('emails the program’s coordinators and admins at once, with no names and no details', async () => {
    const t = await newTandem(org, programId)
    const raised = await raise(t.mentee.client, org, t.id, {
      category: 'safety',
      severity: 'high',
      description,
    })
    expect(raised.status).toBe(201)
    const { id } = await raised.json()
    const alerts = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'safeguarding_alert'), like(outbox.text, `%/concerns/${id}%`)))
    expect(alerts.map((a) => a.toAddress).sort()).toEqual(
      [coordinator.email, admin.email, await ownerEmail()].sort(),
    )
    for (const a of alerts) {
      const all = `${a.subject}\n${a.text}\n${a.html}`
      for (const secret of ['Amal', 'Haddad', 'Jonas', 'Weber', 'money', 'safety', 'Safety:']) {
        expect(all, secret).not.toContain(secret)
      }
      expect(a.text).toContain(`/orgs/${org.slug}/programs/${programId}/concerns/${id}`)
    }
    const stored = await db.select().from(concerns).where(eq(concerns.id, id)).get()
    expect(stored?.alertedAt).toBeInstanceOf(Date)
  })

  it('spends no alert budget and sends nothing when the write fails', async () => {
    const t = await newTandem(org, programId)
    await db.run(
      sql.raw(
        `create trigger concerns_refuse before insert on concerns when new.match_id = '${t.id}' begin select raise(abort, 'refused in test'); end`,
      ),
    )
    try {
      const res = await raise(t.mentee.client, org, t.id, {
        category: 'safety',
        severity: 'high',
        description,
      })
      expect(res.status).toBe(500)
    } finally {
      await db.run(sql.raw('drop trigger concerns_refuse'))
    }
    expect(await db.select().from(concerns).where(eq(concerns.matchId, t.id))).toHaveLength(0)
    expect(
      await db
        .select()
        .from(rateLimits)
        .where(like(rateLimits.key, `concern-alert:${t.id}:%`)),
    ).toHaveLength(0)
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'concern.raised'), eq(auditLog.targetId, t.id))),
    ).toHaveLength(0)
    // The next high concern is alerted as usual.
    const again = await raise(t.mentee.client, org, t.id, {
      category: 'safety',
      severity: 'high',
      description,
    })
    const { id } = await again.json()
    expect(
      await db
        .select()
        .from(outbox)
        .where(like(outbox.text, `%/concerns/${id}%`)),
    ).toHaveLength(3)
  })
})

async function ownerEmail() {
  const me = await org.owner.api.v1.me.$get()
  return (await me.json()).user.email
}

async function checkInToken(t: { id: string; tenantId: string; menteeId: string }, expiresAt?: Date) {
  const { token, tokenHash } = newCheckInToken(t.tenantId)
  await db.insert(checkIns).values({
    id: newId(),
    tenantId: t.tenantId,
    matchId: t.id,
    participantId: t.menteeId,
    tokenHash,
    period: `test-${newId()}`,
    createdAt: new Date(),
    expiresAt: expiresAt ?? new Date(Date.now() + 14 * 86_400_000),
  })
  return token
}

describe('from a check-in link', () => {
  it('raises a concern with the check-in token, before and after the check-in is answered', async () => {
    const t = await newTandem(org, programId)
    const token = await checkInToken(t)
    const anyone = new Client()
    // Reading the address acts on nothing (raw: the address has no GET route).
    expect((await anyone.get(`/api/v1/check-ins/${token}/concerns`)).status).toBe(404)
    expect(await db.select().from(concerns).where(eq(concerns.matchId, t.id))).toHaveLength(0)

    expect(
      (await anyone.api.v1['check-ins'][':token'].$post({ param: { token }, json: { answer: 'reschedule' } }))
        .status,
    ).toBe(200)
    const raised = await checkInConcerns(anyone).$post({
      param: { token },
      json: { category: 'wellbeing', severity: 'high', description },
    })
    expect(raised.status).toBe(201)
    const { id } = await raised.json()
    const stored = await db.select().from(concerns).where(eq(concerns.id, id)).get()
    expect(stored).toMatchObject({
      source: 'check-in',
      side: 'mentee',
      raisedByUserId: t.mentee.userId,
      status: 'open',
    })
    expect(await audits('concern.raised', id)).toHaveLength(1)
    expect(
      await db
        .select()
        .from(outbox)
        .where(like(outbox.text, `%/concerns/${id}%`)),
    ).toHaveLength(3)
    // It shows in the person's portal.
    const mine = await myConcerns(t.mentee.client, org)
    expect(JSON.stringify(await mine.json())).toContain(id)
  })

  it('refuses a forged, damaged or expired token, and limits concerns per link', {
    timeout: 20_000,
  }, async () => {
    const t = await newTandem(org, programId)
    const anyone = new Client()
    const json: RaiseBody = { category: 'other', severity: 'low', description: 'x' }
    const raiseWith = (token: string) => checkInConcerns(anyone).$post({ param: { token }, json })
    const forged = newCheckInToken(t.tenantId).token
    expect((await raiseWith(forged)).status).toBe(404)
    expect((await raiseWith('not-a-token')).status).toBe(404)
    const expired = await checkInToken(t, new Date(Date.now() - 1000))
    const gone = await raiseWith(expired)
    expect(gone.status).toBe(410)
    // A token naming another organization than the one its check-in belongs to: 404.
    const other = await orgWithOwner('concerns-token')
    const otherTandem = await newTandem(other, await newProgram(other))
    const { token: crossed, tokenHash } = newCheckInToken(otherTandem.tenantId)
    await db.insert(checkIns).values({
      id: newId(),
      tenantId: t.tenantId,
      matchId: t.id,
      participantId: t.menteeId,
      tokenHash,
      period: 'cross',
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    expect((await raiseWith(crossed)).status).toBe(404)
    // Raw: a category that does not exist, and no description.
    const bad = await anyone.post(`/api/v1/check-ins/${forged}/concerns`, {
      category: 'nope',
      severity: 'low',
    })
    expect(bad.status).toBe(400)

    const token = await checkInToken(t)
    for (let i = 0; i < 5; i++) {
      expect((await raiseWith(token)).status).toBe(201)
    }
    expect((await raiseWith(token)).status).toBe(429)
    expect(await db.select().from(concerns).where(eq(concerns.matchId, t.id))).toHaveLength(5)
  })
})

describe('what needs attention', () => {
  it('lists open concerns oldest first for coordinators, and audits that read', async () => {
    const o = await orgWithOwner('concerns-attention')
    const program = await newProgram(o)
    const t = await newTandem(o, program)
    const first = await raise(t.mentee.client, o, t.id, {
      category: 'conduct',
      severity: 'low',
      description: 'x',
    })
    const { id } = await first.json()
    await db
      .update(concerns)
      .set({ createdAt: new Date(Date.now() - 3 * 86_400_000) })
      .where(eq(concerns.id, id))
    const res = await o.owner.org.attention.$get({ param: { org: o.slug } })
    expect(res.status).toBe(200)
    const { items } = await res.json()
    const item = items.find((i) => i.kind === 'concern')
    expect(item).toMatchObject({ days: 3, concern: { id, nameToOtherSide: false } })
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'concern.list_read'), eq(auditLog.targetType, 'organization'))),
    ).not.toHaveLength(0)
  })

  it('reads no concern for a role that may not read them, and both names come back apart in the batch', async () => {
    const o = await orgWithOwner('concerns-hidden')
    const program = await newProgram(o)
    const t = await newTandem(o, program)
    await raise(t.mentee.client, o, t.id, { category: 'conduct', severity: 'low', description: 'x' })
    const scope = { db, tenantId: t.tenantId }
    const [shown, hidden] = await db.batch([
      openConcernsQuery(scope, 10, true),
      openConcernsQuery(scope, 10, false),
    ])
    expect(hidden).toEqual([])
    expect(shown).toHaveLength(1)
    const [mentee, mentor] = await Promise.all(
      [t.menteeId, t.mentorId].map((id) =>
        db.select({ name: participants.displayName }).from(participants).where(eq(participants.id, id)).get(),
      ),
    )
    expect(mentee?.name).not.toBe(mentor?.name)
    expect(shown[0]).toMatchObject({ menteeName: mentee?.name, mentorName: mentor?.name })
  })
})
