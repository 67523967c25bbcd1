import { env } from 'cloudflare:workers'
import {
  auditLog,
  emailEvents,
  emailPreferences,
  emailSuppressions,
  eventRsvps,
  events,
  goalRevisits,
  goals,
  matchExclusions,
  matches,
  meetings,
  memberships,
  newId,
  outbox,
  participants,
  sessions,
  tenants,
  users,
} from '@tandem/db'
import { and, count, eq, type SQL } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { describe, expect, it, vi } from 'vitest'
import { nameOf, REGISTRY } from '../src/features/data-protection/registry'
import { applyDeletions, applyRetention, RETENTION_BATCH } from '../src/features/data-protection/service'
import {
  Client as Anonymous,
  type Client,
  db,
  lastEmail,
  memberWithRole,
  orgWithOwner,
  problemOf,
  unique,
} from './support/client'

type Org = Awaited<ReturnType<typeof orgWithOwner>>
type EnrollBody = Parameters<Client['org']['programs'][':program']['participants']['$post']>[0]['json']
const DAY = 86_400_000

/** Every table of the database, as SQLite lists it (the migration bookkeeping and SQLite's own left out). */
async function databaseTables(): Promise<string[]> {
  const rows = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name not like 'd1_%' and name not like '__drizzle%'",
  ).all<{ name: string }>()
  return rows.results.map((r) => r.name).sort()
}

/** A table's text columns (what personal data can hide in). */
async function textColumns(table: string): Promise<string[]> {
  const rows = await env.DB.prepare(`select name, type from pragma_table_info('${table}')`).all<{
    name: string
    type: string
  }>()
  return rows.results.filter((c) => c.type.toLowerCase() === 'text').map((c) => c.name)
}

/** Where any of `needles` still occurs, as `table has needle (n rows)`, over every text column of every table. */
async function occurrences(needles: string[]) {
  const found: string[] = []
  for (const table of await databaseTables()) {
    const columns = await textColumns(table)
    if (!columns.length) continue
    // One query per table: its text columns joined, each needle counted.
    const joined = columns.map((c) => `coalesce("${c}", '')`).join(' || char(31) || ')
    const counts = needles.map((_, i) => `sum(instr(t, ?${i + 1}) > 0) as n${i}`).join(', ')
    const row = await env.DB.prepare(`select ${counts} from (select lower(${joined}) as t from "${table}")`)
      .bind(...needles.map((n) => n.toLowerCase()))
      .first<Record<string, number | null>>()
    needles.forEach((needle, i) => {
      const n = row?.[`n${i}`] ?? 0
      if (n > 0) found.push(`${table} has ${needle} (${n})`)
    })
  }
  return found
}

const rowsWhere = async (table: SQLiteTable, where: SQL | undefined) =>
  (await db.select({ n: count() }).from(table).where(where))[0]?.n ?? 0

async function tenantIdOf(slug: string) {
  const t = await db.select().from(tenants).where(eq(tenants.slug, slug)).get()
  if (!t) throw new Error('no tenant')
  return t.id
}

/** The params naming a person's participant record. */
const participantParam = (p: Person) => ({ org: p.org.slug, program: p.programId, participant: p.subjectId })

interface Person {
  org: Org
  tenantId: string
  programId: string
  subjectId: string
  partnerId: string
  matchId: string
  eventId: string
  portal: Client
  portalUserId: string
  phone: string
  neighborhood: string
}

/**
 * A mentor with something in every place a person can leave traces: profile, protected field, a note, screening,
 * a portal account with a session, a tandem with a meeting note, a goal and a revisit, a proposal and an exclusion,
 * an event reply, email to them and email about them, a delivery event, a suppression and a preference.
 */
let people = 0

async function personEverywhere(prefix: string, name: string, email: string): Promise<Person> {
  // What identifies this person besides name and address (their phone, street, a reference), unique per call.
  const n = ++people
  const phone = `+49 30 555010${n}`
  const neighborhood = `Moabit-${name.split(' ')[0]}`
  const reference = `Layla ${name.split(' ')[1]}`
  const org = await orgWithOwner(prefix)
  const tenantId = await tenantIdOf(org.slug)
  const program = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: { name: 'Rights program', languages: ['ar', 'de'], protectedFields: ['residenceStatus'] },
  })
  const programId = (await program.json()).id
  const inProgram = org.owner.org.programs[':program']
  const enroll = async (body: Omit<EnrollBody, 'preferredLocale' | 'languages'>) => {
    const res = await inProgram.participants.$post({
      param: { org: org.slug, program: programId },
      json: { preferredLocale: 'ar', languages: [{ code: 'ar', level: 'native' }], ...body },
    })
    expect(res.status).toBe(201)
    return (await res.json()).id
  }
  const subjectId = await enroll({
    role: 'mentor',
    displayName: name,
    email,
    phone,
    neighborhood,
    capacity: 2,
  })
  const partnerId = await enroll({
    role: 'mentee',
    displayName: 'Jonas Keller',
    email: 'jonas.k@example.org',
  })
  const person = inProgram.participants[':participant']
  const param = { org: org.slug, program: programId, participant: subjectId }
  expect((await person.protected.$put({ param, json: { residenceStatus: 'refugee' } })).status).toBe(200)
  expect(
    (await person.notes.$post({ param, json: { text: `${name} prefers calls after 6 pm` } })).status,
  ).toBe(201)
  expect(
    (
      await person.screening.$patch({
        param,
        json: {
          references: [{ name: reference, relation: 'sister', status: 'requested', receivedOn: null }],
        },
      })
    ).status,
  ).toBe(200)
  // Their portal account: invited, accepted, signed in.
  expect((await person['portal-access'].$post({ param })).status).toBe(201)
  const { token } = await lastEmail(email)
  if (!token) throw new Error(`no invitation link in the email to ${email}`)
  const portal = new Anonymous()
  const accepted = await portal.api.v1.invitations.accept.$post({ json: { token, name } })
  expect(accepted.status).toBe(200)
  const portalUserId = (await accepted.json()).user.id
  // The invitation email leaves through the queue (a copy lands in the local mailbox) before anything else.
  await vi.waitUntil(async () => (await lastEmail(email)).status !== 'pending', { timeout: 5000 })

  const now = new Date()
  const matchId = newId()
  const meetingId = newId()
  const goalId = newId()
  const eventId = newId()
  const outboxId = newId()
  await db.batch([
    db.insert(matches).values({
      id: matchId,
      tenantId,
      programId,
      menteeId: partnerId,
      mentorId: subjectId,
      status: 'ended',
      overrideReason: `${name} speaks Kurdish too`,
      endReason: 'withdrew',
      endNote: `${name} moved to Hamburg`,
      startedAt: now,
      endedAt: now,
    }),
    db.insert(meetings).values({
      id: meetingId,
      tenantId,
      programId,
      matchId,
      date: '2026-11-02',
      status: 'held',
      source: 'coordinator',
      createdAt: now,
      updatedAt: now,
    }),
    db.insert(goals).values({
      id: goalId,
      tenantId,
      programId,
      matchId,
      area: 'housing',
      title: `${name} helps find a flat`,
      revisitDays: 30,
      nextRevisitOn: '2026-12-01',
      createdAt: now,
      updatedAt: now,
    }),
    db.insert(goalRevisits).values({
      id: newId(),
      tenantId,
      goalId,
      matchId,
      note: `${name} called the landlord`,
      statusBefore: 'open',
      statusAfter: 'in-progress',
      areaBefore: 'housing',
      areaAfter: 'housing',
      recordedBy: 'coordinator',
    }),
    db.insert(matchExclusions).values({
      tenantId,
      menteeId: partnerId,
      mentorId: subjectId,
      reason: `${name} knows the family`,
    }),
    db.insert(events).values({
      id: eventId,
      tenantId,
      programId,
      title: 'Potluck',
      kind: 'potluck',
      startsAt: now,
      endsAt: new Date(now.getTime() + 7_200_000),
      updatedAt: now,
    }),
    db.insert(eventRsvps).values({
      id: newId(),
      tenantId,
      eventId,
      participantId: subjectId,
      status: 'going',
      guests: 2,
      respondedAt: now,
      attended: 3,
    }),
    db.insert(outbox).values({
      id: outboxId,
      tenantId,
      kind: 'fixture',
      toAddress: email,
      subject: `Hello ${name}`,
      text: `Dear ${name}`,
      html: `<p>Dear ${name}</p>`,
      dueAt: now,
      status: 'sent',
    }),
    db.insert(outbox).values({
      tenantId,
      kind: 'fixture',
      toAddress: 'jonas.k@example.org',
      subject: 'Your mentor',
      text: `Your mentor is ${name}.`,
      html: `<p>Your mentor is ${name}.</p>`,
      dueAt: now,
      status: 'sent',
    }),
    db.insert(emailEvents).values({
      id: newId(),
      tenantId,
      outboxId,
      type: 'email.bounced',
      detail: `550 ${email} mailbox full`,
      occurredAt: now,
      receivedAt: now,
    }),
    db
      .insert(emailSuppressions)
      .values({ tenantId, address: email, reason: 'bounce', detail: `550 ${email}` }),
    db.insert(emailPreferences).values({
      tenantId,
      recipientType: 'participant',
      recipientId: subjectId,
      kind: 'summary.weekly',
      enabled: false,
      updatedAt: now,
    }),
  ])
  const meetingsOfMatch = inProgram.matches[':match'].meetings
  const matchParam = { org: org.slug, program: programId, match: matchId }
  const meetingNote = await meetingsOfMatch.$post({
    param: matchParam,
    json: { date: '2026-11-09', status: 'held', note: `${name} brought her cousin` },
  })
  // An ended match takes no new meeting: seal one on the stored meeting instead through an open match.
  if (meetingNote.status !== 201) {
    await db.update(matches).set({ status: 'active', endedAt: null }).where(eq(matches.id, matchId))
    const again = await meetingsOfMatch.$post({
      param: matchParam,
      json: { date: '2026-11-09', note: `${name} brought her cousin` },
    })
    expect(again.status).toBe(201)
  }
  return {
    org,
    tenantId,
    programId,
    subjectId,
    partnerId,
    matchId,
    eventId,
    portal,
    portalUserId,
    phone,
    neighborhood,
  }
}

describe('the registry of what Tandem holds', () => {
  it('lists every table of the database once, each with its organization rows and its participant rows', async () => {
    const listed = REGISTRY.map(nameOf)
    expect(new Set(listed).size).toBe(listed.length)
    // A table a feature adds without a registry entry fails here: export, erasure and offboarding would miss it.
    expect([...listed].sort()).toEqual(await databaseTables())
    for (const h of REGISTRY) {
      const name = nameOf(h)
      expect(h.ofTenant !== null || !!h.global, `${name}: organization rows or why global`).toBe(true)
      expect(!!h.ofParticipant || !!h.noPerson, `${name}: participant rows or why none`).toBe(true)
      if (h.ofParticipant) expect(h.erase, `${name}: what erasure does`).toBeDefined()
    }
  })
})

describe('a participant’s export and erasure', () => {
  it('exports everything the registry finds, opened, audited with its purpose', {
    timeout: 60_000,
  }, async () => {
    const name = 'Amira Haddad'
    const p = await personEverywhere('export', name, 'amira.haddad@example.org')
    const url = `/api/v1/orgs/${p.org.slug}/programs/${p.programId}/participants/${p.subjectId}/data-export`
    // Raw: without the purpose the types require.
    expect((await p.org.owner.get(url)).status).toBe(400)
    const coordinator = await memberWithRole(p.org, 'coordinator')
    const dataExport = (c: Client) =>
      c.org.programs[':program'].participants[':participant']['data-export'].$get({
        param: participantParam(p),
        query: { purpose: 'subject access request' },
      })
    expect((await dataExport(coordinator.client)).status).toBe(403)
    const res = await dataExport(p.org.owner)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('attachment')
    const data = await res.json()
    // Every table that can hold something about a person is in the export.
    const personal = REGISTRY.filter((h) => h.ofParticipant).map(nameOf)
    expect(Object.keys(data.tables).sort()).toEqual(personal.sort())
    for (const table of [
      'participants',
      'participant_notes',
      'participant_events',
      'screenings',
      'users',
      'memberships',
      'sessions',
      'invitations',
      'matches',
      'match_exclusions',
      'meetings',
      'goals',
      'goal_revisits',
      'event_rsvps',
      'outbox',
      'email_events',
      'email_suppressions',
      'email_preferences',
      'audit_log',
    ]) {
      expect(data.tables[table]?.length, `${table} rows`).toBeGreaterThan(0)
    }
    // Sealed things are opened; secrets are not exported.
    expect(data.tables.participants?.[0]).toMatchObject({ protectedFields: { residenceStatus: 'refugee' } })
    expect(data.tables.participant_notes?.[0]).toMatchObject({ text: `${name} prefers calls after 6 pm` })
    expect(data.tables.meetings?.some((m) => m.note === `${name} brought her cousin`)).toBe(true)
    const text = JSON.stringify(data)
    for (const secret of ['secretHash', 'tokenHash', 'codeHash', 'protectedData":"v1']) {
      expect(text).not.toContain(secret)
    }
    const entry = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'participant.data_exported'), eq(auditLog.targetId, p.subjectId)))
      .get()
    expect(entry?.meta).toEqual({ purpose: 'subject access request' })
  })

  it('erases the person everywhere, keeps anonymous rows for the counts, and ends their account', {
    timeout: 60_000,
  }, async () => {
    const name = 'Samira Okonkwo'
    const email = 'samira.okonkwo@example.org'
    const p = await personEverywhere('erase', name, email)
    const participant = (c: Client) => c.org.programs[':program'].participants[':participant']
    const param = participantParam(p)
    const needles = ['Samira', 'Okonkwo', email, p.phone, p.neighborhood]
    expect((await occurrences(needles)).length).toBeGreaterThan(5)
    expect((await p.portal.api.v1.me.$get()).status).toBe(200)
    const coordinator = await memberWithRole(p.org, 'coordinator')
    const counts = async () => ({
      matches: await rowsWhere(matches, eq(matches.tenantId, p.tenantId)),
      meetings: await rowsWhere(meetings, eq(meetings.tenantId, p.tenantId)),
      goals: await rowsWhere(goals, eq(goals.tenantId, p.tenantId)),
      rsvps: await rowsWhere(eventRsvps, eq(eventRsvps.eventId, p.eventId)),
      participants: await rowsWhere(participants, eq(participants.tenantId, p.tenantId)),
      emails: await rowsWhere(outbox, eq(outbox.tenantId, p.tenantId)),
    })
    const before = await counts()
    const snapshot = async () => JSON.stringify(await occurrences(needles))
    const untouched = await snapshot()

    // A wrong confirmation, and a role without the right, change nothing.
    const wrong = await participant(p.org.owner).erasure.$post({ param, json: { confirm: 'Samira' } })
    expect(wrong.status).toBe(400)
    expect((await problemOf(wrong)).errors?.[0]).toMatchObject({
      path: 'confirm',
      code: 'not-confirmed',
    })
    expect(
      (await participant(coordinator.client).erasure.$post({ param, json: { confirm: name } })).status,
    ).toBe(403)
    expect(await snapshot()).toBe(untouched)

    const erased = await participant(p.org.owner).erasure.$post({ param, json: { confirm: ` ${name} ` } })
    expect(erased.status).toBe(200)
    expect(await erased.json()).toEqual({ erased: true, participantId: p.subjectId })

    // No personal data left in any text column of any table.
    expect(await occurrences(needles)).toEqual([])
    // The counts stay: the tandem, its meetings and goals, the event's seats, the email log's entries.
    expect(await counts()).toEqual(before)
    const rsvp = await db.select().from(eventRsvps).where(eq(eventRsvps.participantId, p.subjectId)).get()
    expect(rsvp).toMatchObject({ guests: 2, attended: 3 })
    // The person is gone for people: their page, the lists; their account and sessions too.
    expect((await participant(p.org.owner).$get({ param })).status).toBe(404)
    const list = await (
      await p.org.owner.org.programs[':program'].participants.$get({
        param: { org: p.org.slug, program: p.programId },
        query: {},
      })
    ).json()
    expect(JSON.stringify(list)).not.toContain(p.subjectId)
    expect(await db.select().from(users).where(eq(users.id, p.portalUserId)).get()).toBeUndefined()
    expect(await rowsWhere(sessions, eq(sessions.userId, p.portalUserId))).toBe(0)
    expect(await rowsWhere(memberships, eq(memberships.userId, p.portalUserId))).toBe(0)
    expect((await p.portal.api.v1.me.$get()).status).toBe(401)
    // The audit entry holds ids only.
    const entry = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'participant.erased'), eq(auditLog.targetId, p.subjectId)))
      .get()
    expect(entry?.meta).toEqual({ reason: 'request' })
    // The partner is untouched.
    expect(await db.select().from(participants).where(eq(participants.id, p.partnerId)).get()).toMatchObject({
      displayName: 'Jonas Keller',
    })
    // Erased once: the record is not found again.
    expect((await participant(p.org.owner).erasure.$post({ param, json: { confirm: name } })).status).toBe(
      404,
    )
  })
})

describe('retention', () => {
  it('owners set periods; the scheduled job erases people exited longer ago and old email log entries', {
    timeout: 60_000,
  }, async () => {
    const org = await orgWithOwner('retain')
    const tenantId = await tenantIdOf(org.slug)
    const param = { org: org.slug }
    expect(await (await org.owner.org['data-protection'].$get({ param })).json()).toEqual({
      exitedParticipantMonths: null,
      emailLogDays: null,
      deletionRequestedAt: null,
    })
    const admin = await memberWithRole(org, 'admin')
    expect(
      (await admin.client.org['data-protection'].$put({ param, json: { exitedParticipantMonths: 6 } }))
        .status,
    ).toBe(403)
    expect(
      (await org.owner.org['data-protection'].$put({ param, json: { exitedParticipantMonths: 0 } })).status,
    ).toBe(400)
    const set = await org.owner.org['data-protection'].$put({
      param,
      json: { exitedParticipantMonths: 6, emailLogDays: 30 },
    })
    expect(set.status).toBe(200)
    expect(await set.json()).toMatchObject({ exitedParticipantMonths: 6, emailLogDays: 30 })
    const changed = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, 'org.retention_changed')))
      .get()
    expect(changed?.meta).toEqual({ exitedParticipantMonths: 6, emailLogDays: 30 })

    const program = await org.owner.org.programs.$post({
      param,
      json: { name: 'Retention program', languages: ['de'] },
    })
    const programId = (await program.json()).id
    // A controlled clock: "now" is 2027-06-15.
    const now = new Date('2027-06-15T03:00:00Z')
    const at = (iso: string) => new Date(iso)
    const person = (name: string, status: 'exited' | 'matched', updatedAt: Date) => ({
      id: newId(),
      tenantId,
      programId,
      role: 'mentee' as const,
      displayName: name,
      email: `${name.toLowerCase().replace(' ', '.')}@example.org`,
      preferredLocale: 'de',
      languages: [{ code: 'de', level: 'native' as const }],
      interests: [],
      status,
      createdAt: at('2026-01-01T00:00:00Z'),
      updatedAt,
    })
    const longGone = person('Long Gone', 'exited', at('2026-12-01T00:00:00Z'))
    const recent = person('Recently Left', 'exited', at('2027-02-01T00:00:00Z'))
    const active = person('Still Here', 'matched', at('2026-01-01T00:00:00Z'))
    const mail = (days: number, status: 'sent' | 'pending') => ({
      id: newId(),
      tenantId,
      kind: 'fixture',
      toAddress: 'someone@example.org',
      subject: 'Hello',
      text: '',
      html: '',
      dueAt: new Date(now.getTime() - days * DAY),
      status,
      createdAt: new Date(now.getTime() - days * DAY),
    })
    const oldMail = mail(40, 'sent')
    const newMail = mail(10, 'sent')
    const waiting = mail(40, 'pending')
    await db.batch([
      db.insert(participants).values([longGone, recent, active]),
      db.insert(outbox).values([oldMail, newMail, waiting]),
      db.insert(emailEvents).values({
        id: newId(),
        tenantId,
        outboxId: oldMail.id,
        type: 'email.delivered',
        occurredAt: now,
        receivedAt: now,
      }),
    ])

    expect(RETENTION_BATCH).toBeGreaterThan(1)
    expect(await applyRetention(db, db, 'shared', now)).toMatchObject({ erased: 1, emails: 1 })
    const byId = async (id: string) => db.select().from(participants).where(eq(participants.id, id)).get()
    expect(await byId(longGone.id)).toMatchObject({ displayName: '—', email: null, erasedAt: now })
    expect(await byId(recent.id)).toMatchObject({ displayName: 'Recently Left', erasedAt: null })
    expect(await byId(active.id)).toMatchObject({ displayName: 'Still Here', erasedAt: null })
    const left = (await db.select().from(outbox).where(eq(outbox.tenantId, tenantId))).map((r) => r.id)
    expect(left).not.toContain(oldMail.id)
    expect(left).toEqual(expect.arrayContaining([newMail.id, waiting.id]))
    expect(await rowsWhere(emailEvents, eq(emailEvents.outboxId, oldMail.id))).toBe(0)
    const entry = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'participant.erased'), eq(auditLog.targetId, longGone.id)))
      .get()
    expect(entry).toMatchObject({ actorUserId: null, meta: { reason: 'retention' } })
    // Run again: nothing more is due.
    expect(await applyRetention(db, db, 'shared', now)).toMatchObject({ erased: 0, emails: 0 })
    // Four months later the other one is due.
    expect(await applyRetention(db, db, 'shared', new Date('2027-08-15T03:00:00Z'))).toMatchObject({
      erased: 1,
    })
  })
})

describe('organization offboarding', () => {
  it('exports the organization as an archive, then deletes every row of it and nothing of another', {
    timeout: 60_000,
  }, async () => {
    const a = await personEverywhere('leaving', 'Rania Saleh', 'rania.saleh@example.org')
    const b = await personEverywhere('staying', 'Karim Nasser', 'karim.nasser@example.org')
    // A member of both: their account stays (it still belongs to B).
    const shared = await memberWithRole(a.org, 'coordinator')
    await db.insert(memberships).values({ tenantId: b.tenantId, userId: shared.userId, role: 'coordinator' })

    const param = { org: a.org.slug }
    const archive = await a.org.owner.org.archive.$get({ param, query: { purpose: 'leaving the service' } })
    expect(archive.status).toBe(200)
    // Streamed (`c.body`): the typed answer does not carry its shape.
    const data = (await archive.json()) as {
      organization: string
      tables: Record<string, Record<string, unknown>[]>
    }
    expect(data.organization).toBe(a.org.slug)
    expect(Object.keys(data.tables).sort()).toEqual(
      REGISTRY.filter((h) => h.ofTenant)
        .map(nameOf)
        .sort(),
    )
    expect(data.tables.participants?.some((r) => r.displayName === 'Rania Saleh')).toBe(true)
    expect(JSON.stringify(data)).toContain('refugee')
    expect(JSON.stringify(data)).not.toContain('Karim Nasser')
    expect(JSON.stringify(data)).not.toContain('secretHash')

    // Rows of each tenant, per registry entry and per tenant_id column of every table.
    const tablesWithTenant = async () => {
      const out: string[] = []
      for (const table of await databaseTables()) {
        const columns = await env.DB.prepare(`select name from pragma_table_info('${table}')`).all<{
          name: string
        }>()
        if (columns.results.some((c) => c.name === 'tenant_id')) out.push(table)
      }
      return out
    }
    const countsOf = async (tenantId: string) => {
      const out: Record<string, number> = {}
      for (const h of REGISTRY)
        if (h.ofTenant) out[nameOf(h)] = await rowsWhere(h.table, h.ofTenant(tenantId))
      for (const table of await tablesWithTenant()) {
        const row = await env.DB.prepare(`select count(*) as n from "${table}" where tenant_id = ?`)
          .bind(tenantId)
          .first<{ n: number }>()
        out[`${table}.tenant_id`] = row?.n ?? 0
      }
      return out
    }
    const bBefore = await countsOf(b.tenantId)
    expect(Object.values(await countsOf(a.tenantId)).filter((n) => n > 0).length).toBeGreaterThan(15)

    // A wrong confirmation and an admin change nothing; the owner's typed address asks for the deletion.
    expect((await a.org.owner.org.deletion.$post({ param, json: { confirm: 'leaving' } })).status).toBe(400)
    const admin = await memberWithRole(a.org, 'admin')
    expect((await admin.client.org.deletion.$post({ param, json: { confirm: a.org.slug } })).status).toBe(403)
    expect(
      (await db.select().from(tenants).where(eq(tenants.id, a.tenantId)).get())?.deletionRequestedAt,
    ).toBe(null)
    const asked = await a.org.owner.org.deletion.$post({ param, json: { confirm: a.org.slug } })
    expect(asked.status).toBe(202)

    expect(await applyDeletions(db, db, 'shared', new Date())).toBe(1)
    const aAfter = await countsOf(a.tenantId)
    expect(Object.entries(aAfter).filter(([, n]) => n > 0)).toEqual([])
    // B keeps every row; only the account of the member of both now counts as B's alone.
    const { users: _u, sessions: _s, sign_in_tokens: _t, ...bRows } = await countsOf(b.tenantId)
    const { users: _bu, sessions: _bs, sign_in_tokens: _bt, ...bRowsBefore } = bBefore
    expect(bRows).toEqual(bRowsBefore)
    expect(await db.select().from(users).where(eq(users.id, a.portalUserId)).get()).toBeUndefined()
    expect(await db.select().from(users).where(eq(users.id, shared.userId)).get()).toBeDefined()
    expect((await a.org.owner.org.$get({ param })).status).toBe(401)
    expect((await b.org.owner.org.$get({ param: { org: b.org.slug } })).status).toBe(200)
    // One entry outside any organization says it happened, with ids only.
    const deleted = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'org.deleted'), eq(auditLog.targetId, a.tenantId)))
      .get()
    expect(deleted).toMatchObject({ tenantId: null, actorUserId: null, meta: null })
    // Nothing of the departed organization's people is left anywhere.
    expect(await occurrences(['Rania Saleh', 'rania.saleh@example.org'])).toEqual([])
  })
})

describe('the audit log for owners', () => {
  it('filters by action, actor and days, and exports CSV (audited)', async () => {
    const org = await orgWithOwner('auditing')
    const api = `/api/v1/orgs/${org.slug}/audit-log`
    const param = { org: org.slug }
    const coordinator = await memberWithRole(org, 'coordinator')
    const program = await coordinator.client.org.programs.$post({
      param,
      json: { name: unique('Audited program'), languages: ['de'] },
    })
    expect(program.status).toBe(201)
    const auditLogOf = (c: Client) => c.org['audit-log']
    type AuditQuery = Parameters<ReturnType<typeof auditLogOf>['$get']>[0]['query']
    type ExportQuery = Parameters<ReturnType<typeof auditLogOf>['export']['$get']>[0]['query']
    const list = async (query: AuditQuery) => {
      const res = await auditLogOf(org.owner).$get({ param, query })
      expect(res.status).toBe(200)
      return (await res.json()).items
    }
    const created = await list({ action: 'program.created' })
    expect(created.length).toBe(1)
    expect(created[0]?.actor?.id).toBe(coordinator.userId)
    const byCoordinator = await list({ actor: coordinator.userId })
    expect(byCoordinator.length).toBeGreaterThan(0)
    expect(byCoordinator.every((e) => e.actor?.id === coordinator.userId)).toBe(true)
    const today = new Date().toISOString().slice(0, 10)
    expect((await list({ from: today, to: today })).length).toBeGreaterThan(1)
    expect(await list({ to: '2020-01-01' })).toEqual([])
    expect((await auditLogOf(org.owner).$get({ param, query: { from: '2026-02-31' } })).status).toBe(400)
    // Raw: an action the types do not know.
    expect((await org.owner.get(`${api}?action=no.such`)).status).toBe(400)

    // Raw: without the purpose the types require.
    expect((await org.owner.get(`${api}/export`)).status).toBe(400)
    const exportOf = (c: Client, query: ExportQuery) => auditLogOf(c).export.$get({ param, query })
    expect((await exportOf(coordinator.client, { purpose: 'yearly review' })).status).toBe(403)
    const csv = await exportOf(org.owner, { purpose: 'yearly review', action: 'program.created' })
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const text = await csv.text()
    const lines = text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('createdAt,action,actorId,actor,targetType,targetId,names,meta')
    expect(lines.length).toBe(2)
    expect(lines[1]).toContain('program.created')
    expect(csv.headers.get('x-total-count')).toBe('1')
    const exported = await list({ action: 'audit.exported' })
    expect(exported.length).toBe(1)
  })
})
