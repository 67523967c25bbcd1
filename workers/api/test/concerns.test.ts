import { auditLog, checkIns, concerns, matches, newId, outbox, participants, rateLimits } from '@tandem/db'
import type { AuditAction } from '@tandem/vocab'
import { and, eq, like, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { openConcernsQuery } from '../src/features/concerns/service'
import { newCheckInToken } from '../src/features/meetings/check-in.service'
import { Client, db, memberWithRole, orgWithOwner } from './support/client'
import { seedPair } from './support/operations'

type Org = { slug: string; owner: Client }
type Member = Awaited<ReturnType<typeof memberWithRole>>
type ConcernDetail = {
  id: string
  status: string
  severity: string
  nameToOtherSide: boolean
  description: string | null
  alertedAt: string | null
  actions: { statusBefore: string; statusAfter: string; note: string | null; hasNote: boolean }[]
}

let org: Org
let programId: string
let coordinator: Member
let admin: Member

async function newProgram(o: Org, name = 'Concerns program') {
  const res = await o.owner.post(`/api/v1/orgs/${o.slug}/programs`, { name, languages: ['de', 'ar'] })
  if (res.status !== 201) throw new Error(`program: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { id: string }).id
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

const raiseUrl = (o: Org, match: string) => `/api/v1/orgs/${o.slug}/my/matches/${match}/concerns`
const listUrl = (o: Org, program: string) => `/api/v1/orgs/${o.slug}/programs/${program}/concerns`
const concernUrl = (o: Org, program: string, id: string) => `${listUrl(o, program)}/${id}`

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
    const raised = await t.mentee.client.post(raiseUrl(org, t.id), {
      category: 'exploitation',
      severity: 'medium',
      description,
    })
    expect(raised.status).toBe(201)
    const mine = (await raised.json()) as { id: string; status: string; nameToOtherSide: boolean }
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
    const menteeList = await t.mentee.client.get(`/api/v1/orgs/${org.slug}/my/concerns`)
    expect(((await menteeList.json()) as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([
      mine.id,
    ])
    const mentorList = await t.mentor.client.get(`/api/v1/orgs/${org.slug}/my/concerns`)
    expect(mentorList.status).toBe(200)
    expect(await mentorList.json()).toEqual({ items: [] })
    expect((await t.mentor.client.get(listUrl(org, programId))).status).toBe(403)
    expect((await t.mentor.client.get(concernUrl(org, programId, mine.id))).status).toBe(403)
    const mentorMatches = await t.mentor.client.get(`/api/v1/orgs/${org.slug}/my/matches`)
    expect(JSON.stringify(await mentorMatches.json())).not.toContain(mine.id)

    // The coordinator's list (audited) flags that the person must not be named to the partner.
    const before = (await audits('concern.list_read')).length
    const list = await coordinator.client.get(`${listUrl(org, programId)}?status=open`)
    expect(list.status).toBe(200)
    const { items } = (await list.json()) as { items: { id: string; nameToOtherSide: boolean }[] }
    expect(items.find((c) => c.id === mine.id)).toMatchObject({ nameToOtherSide: false })
    expect(JSON.stringify(items)).not.toContain('money')
    expect((await audits('concern.list_read')).length).toBe(before + 1)

    // Opening it reads the description and is audited.
    const opened = await coordinator.client.get(concernUrl(org, programId, mine.id))
    expect(opened.status).toBe(200)
    expect(((await opened.json()) as ConcernDetail).description).toBe(description)
    expect(await audits('concern.read', mine.id)).toHaveLength(1)
  })

  it('tracks actions with sealed notes (audited); the person sees the status, never the notes', async () => {
    const t = await newTandem(org, programId)
    const raised = await t.mentor.client.post(raiseUrl(org, t.id), {
      category: 'boundaries',
      severity: 'low',
      description: 'Messages late at night.',
      nameToOtherSide: true,
    })
    const { id } = (await raised.json()) as { id: string }
    const act = (body: unknown) => admin.client.post(`${concernUrl(org, programId, id)}/actions`, body)

    const started = await act({ status: 'in-progress', note: 'Called the mentor; talking again Friday.' })
    expect(started.status).toBe(201)
    const detail = (await started.json()) as ConcernDetail
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
    expect(((await backwards.json()) as { code: string }).code).toBe('status-not-allowed')
    expect(await audits('concern.action_recorded', id)).toHaveLength(3)

    const mine = await t.mentor.client.get(`/api/v1/orgs/${org.slug}/my/concerns`)
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
    const { id } = (await (
      await t.mentee.client.post(raiseUrl(org, t.id), {
        category: 'safety',
        severity: 'low',
        description: 'x',
      })
    ).json()) as { id: string }
    const otherProgram = await newProgram(org, 'Other program')
    expect((await coordinator.client.get(concernUrl(org, otherProgram, id))).status).toBe(404)
    expect(
      (await coordinator.client.post(`${concernUrl(org, otherProgram, id)}/actions`, { status: 'closed' }))
        .status,
    ).toBe(404)
    const other = await orgWithOwner('concerns-other')
    const theirProgram = await newProgram(other)
    const theirCoordinator = await memberWithRole(other, 'coordinator')
    expect((await theirCoordinator.client.get(concernUrl(other, theirProgram, id))).status).toBe(404)
    const theirList = await theirCoordinator.client.get(listUrl(other, theirProgram))
    expect(JSON.stringify(await theirList.json())).not.toContain(id)
    // Someone else's match: 404, as if it did not exist.
    const stranger = await memberWithRole(org, 'mentee')
    expect(
      (
        await stranger.client.post(raiseUrl(org, t.id), {
          category: 'other',
          severity: 'low',
          description: 'x',
        })
      ).status,
    ).toBe(404)
  })
})

describe('high severity', () => {
  it('emails the program’s coordinators and admins at once, with no names and no details', async () => {
    const t = await newTandem(org, programId)
    const raised = await t.mentee.client.post(raiseUrl(org, t.id), {
      category: 'safety',
      severity: 'high',
      description,
    })
    expect(raised.status).toBe(201)
    const { id } = (await raised.json()) as { id: string }
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
      const res = await t.mentee.client.post(raiseUrl(org, t.id), {
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
    const again = await t.mentee.client.post(raiseUrl(org, t.id), {
      category: 'safety',
      severity: 'high',
      description,
    })
    const { id } = (await again.json()) as { id: string }
    expect(
      await db
        .select()
        .from(outbox)
        .where(like(outbox.text, `%/concerns/${id}%`)),
    ).toHaveLength(3)
  })
})

async function ownerEmail() {
  const me = await org.owner.get('/api/v1/me')
  return ((await me.json()) as { user: { email: string } }).user.email
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
    const url = `/api/v1/check-ins/${token}/concerns`
    // Reading the address acts on nothing.
    expect((await anyone.get(url)).status).toBe(404)
    expect(await db.select().from(concerns).where(eq(concerns.matchId, t.id))).toHaveLength(0)

    expect((await anyone.post(`/api/v1/check-ins/${token}`, { answer: 'reschedule' })).status).toBe(200)
    const raised = await anyone.post(url, { category: 'wellbeing', severity: 'high', description })
    expect(raised.status).toBe(201)
    const { id } = (await raised.json()) as { id: string }
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
    const mine = await t.mentee.client.get(`/api/v1/orgs/${org.slug}/my/concerns`)
    expect(JSON.stringify(await mine.json())).toContain(id)
  })

  it('refuses a forged, damaged or expired token, and limits concerns per link', {
    timeout: 20_000,
  }, async () => {
    const t = await newTandem(org, programId)
    const anyone = new Client()
    const body = { category: 'other', severity: 'low', description: 'x' }
    const forged = newCheckInToken(t.tenantId).token
    expect((await anyone.post(`/api/v1/check-ins/${forged}/concerns`, body)).status).toBe(404)
    expect((await anyone.post('/api/v1/check-ins/not-a-token/concerns', body)).status).toBe(404)
    const expired = await checkInToken(t, new Date(Date.now() - 1000))
    const gone = await anyone.post(`/api/v1/check-ins/${expired}/concerns`, body)
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
    expect((await anyone.post(`/api/v1/check-ins/${crossed}/concerns`, body)).status).toBe(404)
    const bad = await anyone.post(`/api/v1/check-ins/${forged}/concerns`, {
      category: 'nope',
      severity: 'low',
    })
    expect(bad.status).toBe(400)

    const token = await checkInToken(t)
    for (let i = 0; i < 5; i++) {
      expect((await anyone.post(`/api/v1/check-ins/${token}/concerns`, body)).status).toBe(201)
    }
    expect((await anyone.post(`/api/v1/check-ins/${token}/concerns`, body)).status).toBe(429)
    expect(await db.select().from(concerns).where(eq(concerns.matchId, t.id))).toHaveLength(5)
  })
})

describe('what needs attention', () => {
  it('lists open concerns oldest first for coordinators, and audits that read', async () => {
    const o = await orgWithOwner('concerns-attention')
    const program = await newProgram(o)
    const t = await newTandem(o, program)
    const first = await t.mentee.client.post(raiseUrl(o, t.id), {
      category: 'conduct',
      severity: 'low',
      description: 'x',
    })
    const { id } = (await first.json()) as { id: string }
    await db
      .update(concerns)
      .set({ createdAt: new Date(Date.now() - 3 * 86_400_000) })
      .where(eq(concerns.id, id))
    const res = await o.owner.get(`/api/v1/orgs/${o.slug}/attention`)
    expect(res.status).toBe(200)
    const { items } = (await res.json()) as {
      items: { kind: string; days: number; concern?: { id: string; nameToOtherSide: boolean } }[]
    }
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
    await t.mentee.client.post(raiseUrl(o, t.id), { category: 'conduct', severity: 'low', description: 'x' })
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
