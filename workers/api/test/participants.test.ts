import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { auditLog, matches, newId, outbox, participants } from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import worker from '../src/index'
import { type Client, db, orgWithOwner, problemOf } from './support/client'

type Org = { slug: string; owner: Client }

let org: Org
let programId: string
const base = () => `/api/v1/orgs/${org.slug}/programs/${programId}`
/** The program through the typed client (`hc<AppType>`), as the web client calls it. */
const program = () => org.owner.org.programs[':program']
const programParam = () => ({ param: { org: org.slug, program: programId } })
/** One participant of the program. */
const participantOf = () => program().participants[':participant']
const participantParam = (participant: string) => ({
  param: { org: org.slug, program: programId, participant },
})
type ChangeBody = Parameters<ReturnType<typeof participantOf>['$patch']>[0]['json']
type ScreeningBody = Parameters<ReturnType<typeof participantOf>['screening']['$patch']>[0]['json']
type ListQuery = Parameters<ReturnType<typeof program>['participants']['$get']>[0]['query']

const person = (displayName: string, extra: Partial<EnrollBody> = {}): EnrollBody => ({
  role: 'mentee',
  displayName,
  preferredLocale: 'ar',
  languages: [{ code: 'ar', level: 'native' }],
  ...extra,
})

type EnrollBody = Parameters<ReturnType<typeof program>['participants']['$post']>[0]['json']

async function enroll(body: EnrollBody) {
  const res = await program().participants.$post({ ...programParam(), json: body })
  if (res.status !== 201) throw new Error(`enroll: ${res.status} ${await res.text()}`)
  return await res.json()
}

beforeAll(async () => {
  org = await orgWithOwner('programs')
  const res = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: {
      name: 'Welcome Tandems',
      languages: ['de', 'ar', 'uk'],
      interests: ['football', 'cooking'],
      trainingModules: [{ id: 'safeguarding', title: 'Safeguarding basics' }],
      protectedFields: ['residenceStatus'],
      renewalWindowDays: 60,
      status: 'active',
    },
  })
  expect(res.status).toBe(201)
  programId = (await res.json()).id
})

describe('programs', () => {
  it('lists, reads and updates programs; bad settings name their fields', async () => {
    const listed = await org.owner.org.programs.$get({ param: { org: org.slug } })
    expect(listed.status).toBe(200)
    const list = await listed.json()
    expect(list.items.map((p) => p.id)).toContain(programId)
    const patched = await program().$patch({
      ...programParam(),
      json: {
        meetingCadenceDays: 21,
        description: 'Every three weeks',
      },
    })
    expect(await patched.json()).toMatchObject({ meetingCadenceDays: 21, description: 'Every three weeks' })
    const bad = await program().$patch({
      ...programParam(),
      json: {
        languages: [],
        meetingCadenceDays: 0,
        trainingModules: [{ id: 'Bad Id', title: '' }],
      },
    })
    expect(bad.status).toBe(400)
    const paths = (await problemOf(bad)).errors?.map((e) => e.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'languages',
        'meetingCadenceDays',
        'trainingModules.0.id',
        'trainingModules.0.title',
      ]),
    )
    expect((await program().$patch({ ...programParam(), json: {} })).status).toBe(400)
  })
})

describe('participants list', () => {
  it('filters by role, status, language, neighborhood and need, searches, and pages with a cursor', async () => {
    await enroll(person('Amal Khalil', { neighborhood: 'Nordviertel', settlementNeeds: ['housing'] }))
    await enroll(person('Omar Haddad', { neighborhood: 'Altstadt', accessNeeds: ['child_care'] }))
    await enroll(
      person('Olena Kovalenko', {
        preferredLocale: 'uk',
        languages: [{ code: 'uk', level: 'native' }],
        neighborhood: 'nordviertel',
      }),
    )
    await enroll({
      ...person('Jonas Weber', {
        languages: [
          { code: 'de', level: 'native' },
          { code: 'ar', level: 'B1' },
        ],
      }),
      role: 'mentor',
      capacity: 2,
    })
    for (let i = 0; i < 7; i++) await enroll(person(`Filler ${i}`, { email: `filler${i}@example.org` }))

    const list = async (query: ListQuery) => {
      const res = await program().participants.$get({ ...programParam(), query })
      if (res.status !== 200) throw new Error(`list: ${res.status} ${await res.text()}`)
      return await res.json()
    }
    const names = async (query: ListQuery) => (await list(query)).items.map((p) => p.displayName).sort()

    expect(await names({ role: 'mentor' })).toEqual(['Jonas Weber'])
    expect(await names({ language: 'uk' })).toEqual(['Olena Kovalenko'])
    expect(await names({ language: 'ar', role: 'mentor' })).toEqual(['Jonas Weber'])
    expect(await names({ neighborhood: 'Nordviertel' })).toEqual(['Amal Khalil', 'Olena Kovalenko'])
    expect(await names({ need: 'housing' })).toEqual(['Amal Khalil'])
    expect(await names({ need: 'child_care' })).toEqual(['Omar Haddad'])
    expect(await names({ q: 'KOVAL' })).toEqual(['Olena Kovalenko'])
    expect(await names({ q: 'filler3@example' })).toEqual(['Filler 3'])
    expect(await names({ q: '%' })).toEqual([])
    expect((await names({ status: 'applied' })).length).toBe(11)

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page = await list({ limit: '4', ...(cursor ? { cursor } : {}) })
      expect(page.items.length).toBeLessThanOrEqual(4)
      seen.push(...page.items.map((p) => p.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen.length).toBe(11)
    expect(new Set(seen).size).toBe(11)

    // Raw: an unknown role.
    const bad = await org.owner.get(`${base()}/participants?role=boss&status=applied,nope&limit=1000`)
    expect(bad.status).toBe(400)
    expect((await problemOf(bad)).errors?.map((e) => e.path).sort()).toEqual(['limit', 'role', 'status.1'])
  })
})

describe('participant profile and status pipeline', () => {
  it('needs consent for demographics and keeps a history of changes', async () => {
    const refused = await program().participants.$post({
      ...programParam(),
      json: person('No Consent', { demographics: { gender: 'f' } }),
    })
    expect(refused.status).toBe(400)
    expect((await problemOf(refused)).errors?.[0]?.path).toBe('demographics')

    const p = await enroll(
      person('With Consent', { demographics: { gender: 'f', ageBand: '26-35' }, demographicsConsent: true }),
    )
    const change = (json: ChangeBody) => participantOf().$patch({ ...participantParam(p.id), json })
    expect((await change({ status: 'matched' })).status).toBe(409)
    expect((await change({ status: 'ready' })).status).toBe(200)
    const exitWithoutReason = await change({ status: 'exited' })
    expect(exitWithoutReason.status).toBe(400)
    const exited = await change({
      status: 'exited',
      exitReason: 'moved_away',
    })
    expect(await exited.json()).toMatchObject({ status: 'exited', exitReason: 'moved_away' })
    // Withdrawing consent removes the demographic data.
    const withdrawn = await change({ demographicsConsent: false })
    expect(await withdrawn.json()).toMatchObject({ demographics: null, demographicsConsentAt: null })

    const profile = await (await participantOf().$get(participantParam(p.id))).json()
    expect(profile.history.map((h) => h.kind)).toEqual(['enrolled', 'status', 'status', 'profile.updated'])
    expect(profile.history[2]?.detail).toMatchObject({ from: 'ready', to: 'exited', reason: 'moved_away' })
  })
})

describe('how to reach a participant', () => {
  it('records a phone number and the preferred way of contact, without an email address', async () => {
    const p = await enroll(person('Phone Only', { phone: '+49 170 5550101', contactPreference: 'sms' }))
    expect(p).toMatchObject({ email: null, phone: '+49 170 5550101', contactPreference: 'sms' })
    const changed = await participantOf().$patch({
      ...participantParam(p.id),
      json: { contactPreference: 'whatsapp' },
    })
    expect(await changed.json()).toMatchObject({ contactPreference: 'whatsapp' })
    // Raw: a way of contact that does not exist.
    const bad = await org.owner.patch(`${base()}/participants/${p.id}`, { contactPreference: 'fax' })
    expect(bad.status).toBe(400)
    expect((await problemOf(bad)).errors?.[0]?.path).toBe('contactPreference')
    const list = await program().participants.$get({ ...programParam(), query: { q: 'phone only' } })
    const [row] = (await list.json()).items
    expect(row).toMatchObject({ phone: '+49 170 5550101', contactPreference: 'whatsapp' })
  })
})

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

describe('mentor screening', () => {
  it('makes a mentor matchable only when every requirement is met and unexpired', async () => {
    const m = await enroll({
      ...person('Layla Mentor', { email: 'layla.mentor@example.org' }),
      role: 'mentor',
      capacity: 3,
    })
    const screening = (json: ScreeningBody) =>
      participantOf().screening.$patch({ ...participantParam(m.id), json })
    expect(
      (await participantOf().$patch({ ...participantParam(m.id), json: { status: 'ready' } })).status,
    ).toBe(409)

    const early = await screening({ approved: true })
    expect(early.status).toBe(409)

    const steps = await screening({
      references: [
        { name: 'A. Referee', relation: 'employer', status: 'received', receivedOn: day(-10) },
        { name: 'B. Referee', relation: 'neighbor', status: 'received', receivedOn: day(-9) },
      ],
      checkStatus: 'clear',
      checkProviderRef: 'BC-2026-001',
      checkedOn: day(-5),
      checkExpiresOn: day(365),
      trainingCompleted: { safeguarding: day(-2) },
      safetyAcknowledged: true,
    })
    expect(steps.status).toBe(200)
    expect(await steps.json()).toMatchObject({ matchable: false, missing: ['approval'] })
    const unknownModule = await screening({ trainingCompleted: { cooking: day(-1) } })
    expect(unknownModule.status).toBe(400)
    const impossible = await screening({ checkExpiresOn: '2027-02-31' })
    expect(impossible.status).toBe(400)
    expect((await problemOf(impossible)).errors?.[0]?.path).toBe('checkExpiresOn')

    const approved = await screening({ approved: true })
    expect(await approved.json()).toMatchObject({
      matchable: true,
      missing: [],
      expired: false,
      expiringSoon: false,
    })
    const profile = await (await participantOf().$get(participantParam(m.id))).json()
    expect(profile).toMatchObject({ status: 'ready', screening: { matchable: true } })

    // Nearing expiry: on the panel and reminded once by the cron job.
    await screening({ checkExpiresOn: day(20) })
    const panel = await (await org.owner.org.screening.expiring.$get({ param: { org: org.slug } })).json()
    expect(panel.items.find((i) => i.participantId === m.id)).toMatchObject({ expired: false, daysLeft: 20 })
    for (let i = 0; i < 2; i++) {
      const ctx = createExecutionContext()
      await worker.scheduled(createScheduledController({ scheduledTime: Date.now() }), env, ctx)
      await waitOnExecutionContext(ctx)
    }
    const reminders = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, 'layla.mentor@example.org'), eq(outbox.kind, 'screening.renewal')))
    expect(reminders).toHaveLength(1)
    expect(reminders[0]?.subject).toMatch(/[\u0600-\u06FF]/) // the mentor's language (Arabic)

    // Expired: no longer matchable, and flagged.
    const expired = await screening({ checkExpiresOn: day(-1) })
    expect(await expired.json()).toMatchObject({
      matchable: false,
      expired: true,
      missing: ['background_check_expired'],
    })
    const after = await (await org.owner.org.screening.expiring.$get({ param: { org: org.slug } })).json()
    expect(after.items.find((i) => i.participantId === m.id)?.expired).toBe(true)
  })

  it('withdraws approval on concerns, and concurrent edits never leave an approved mentor with concerns', async () => {
    const m = await enroll({ ...person('Concern Mentor'), role: 'mentor' })
    const screening = (json: ScreeningBody) =>
      participantOf().screening.$patch({ ...participantParam(m.id), json })
    const ready: ScreeningBody = {
      references: [
        { name: 'A', relation: 'employer', status: 'received', receivedOn: day(-3) },
        { name: 'B', relation: 'friend', status: 'received', receivedOn: day(-3) },
      ],
      checkStatus: 'clear',
      checkExpiresOn: day(200),
      trainingCompleted: { safeguarding: day(-1) },
      safetyAcknowledged: true,
    }
    expect((await screening(ready)).status).toBe(200)
    const [approve, concerns] = await Promise.all([
      screening({ approved: true }),
      screening({ checkStatus: 'concerns' }),
    ])
    expect([approve.status, concerns.status]).toContain(200)
    for (const r of [approve, concerns]) expect([200, 409]).toContain(r.status)
    const after = await (await participantOf().$get(participantParam(m.id))).json()
    if (!after.screening) throw new Error('a mentor without screening')
    if (after.screening.checkStatus === 'concerns') expect(after.screening.approvedAt).toBeNull()
    // Concerns recorded after an approval withdraw it.
    await screening({ checkStatus: 'clear' })
    expect((await screening({ approved: true })).status).toBe(200)
    const withdrawn = await screening({ checkStatus: 'concerns' })
    expect(await withdrawn.json()).toMatchObject({ approvedAt: null, matchable: false })
  })

  it('has no screening for mentees', async () => {
    const p = await enroll(person('Mentee Only'))
    expect(
      (
        await participantOf().screening.$patch({
          ...participantParam(p.id),
          json: { checkStatus: 'pending' },
        })
      ).status,
    ).toBe(404)
  })
})

describe('protected fields', () => {
  it('are encrypted at rest, readable with a purpose, and every read is audited', async () => {
    const p = await enroll(person('Protected Person'))
    const url = `${base()}/participants/${p.id}/protected`
    const fields = () => participantOf().protected
    const notCollected = await fields().$put({ ...participantParam(p.id), json: { healthNotes: 'asthma' } })
    expect(notCollected.status).toBe(400)
    expect((await problemOf(notCollected)).errors?.[0]?.path).toBe('healthNotes')

    expect(
      (await fields().$put({ ...participantParam(p.id), json: { residenceStatus: 'asylum_seeker' } })).status,
    ).toBe(200)
    const raw = await env.DB.prepare('select * from participants where id = ?').bind(p.id).first()
    expect(JSON.stringify(raw)).not.toContain('asylum_seeker')
    expect(String(raw?.protected_data)).toMatch(/^v2\.[0-9a-f]{8}\./)

    expect((await org.owner.get(url)).status).toBe(400) // a purpose is required (raw: none sent)
    const read = await fields().$get({
      ...participantParam(p.id),
      query: { purpose: 'Checking eligibility for legal aid' },
    })
    expect(await read.json()).toEqual({
      fields: { residenceStatus: 'asylum_seeker' },
      version: expect.any(String),
    })
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'participant.protected_read'), eq(auditLog.targetId, p.id)))
    expect(entries[0]?.meta).toMatchObject({ purpose: 'Checking eligibility for legal aid' })
    expect(JSON.stringify(entries)).not.toContain('asylum_seeker')

    // A ciphertext copied onto another participant does not decrypt there.
    const other = await enroll(person('Other Person'))
    await db
      .update(participants)
      .set({ protectedData: String(raw?.protected_data) })
      .where(eq(participants.id, other.id))
    const copied = await fields().$get({ ...participantParam(other.id), query: { purpose: 'tamper test' } })
    expect(copied.status).toBe(500)
    expect(await copied.json()).toMatchObject({ title: 'Protected data unreadable' })
  })
})

describe('participants list order', () => {
  it('sorts by name, status and waiting time in both directions, and pages through each order', async () => {
    const made = await org.owner.org.programs.$post({
      param: { org: org.slug },
      json: {
        name: 'Sorting program',
        languages: ['de', 'ar'],
      },
    })
    const sortProgram = (await made.json()).id
    const url = `/api/v1/orgs/${org.slug}/programs/${sortProgram}/participants`
    const sortParam = { org: org.slug, program: sortProgram }
    // Enrolled one after another: enrolment order is the waiting order.
    const enrolled: { id: string; name: string }[] = []
    for (const name of ['delia', 'Bruno', 'amira', 'Chen', 'Emre', 'bao']) {
      const res = await program().participants.$post({ param: sortParam, json: person(name) })
      enrolled.push({ id: (await res.json()).id, name })
      await new Promise((resolve) => setTimeout(resolve, 3))
    }
    const byName = (n: string) => {
      const id = enrolled.find((e) => e.name === n)?.id
      if (!id) throw new Error(`not enrolled: ${n}`)
      return id
    }
    const change = (participant: string, json: ChangeBody) =>
      participantOf().$patch({ param: { ...sortParam, participant }, json })
    await change(byName('Chen'), { status: 'ready' })
    await change(byName('amira'), { status: 'screening' })
    await change(byName('Emre'), { status: 'exited', exitReason: 'withdrew' })
    const list = (query: ListQuery) => program().participants.$get({ param: sortParam, query })

    /** Every page of one order, two rows at a time. */
    const all = async (sort: ListQuery['sort']) => {
      const names: string[] = []
      let cursor: string | null = null
      do {
        const res = await list({ sort, limit: '2', ...(cursor ? { cursor } : {}) })
        expect(res.status).toBe(200)
        const page = await res.json()
        names.push(...page.items.map((p) => p.displayName))
        cursor = page.nextCursor
      } while (cursor)
      return names
    }
    const alphabetical = ['amira', 'bao', 'Bruno', 'Chen', 'delia', 'Emre']
    expect(await all('name')).toEqual(alphabetical)
    expect(await all('-name')).toEqual([...alphabetical].reverse())
    const waiting = enrolled.map((e) => e.name)
    expect(await all('waiting')).toEqual(waiting)
    expect(await all('-waiting')).toEqual([...waiting].reverse())
    // Pipeline order (applied, screening, ready, …, exited); within a status, ties by id (stable, complete).
    const statuses = async (sort: ListQuery['sort']) => {
      const names = await all(sort)
      const status = (n: string) =>
        ({ Chen: 'ready', amira: 'screening', Emre: 'exited' })[n as 'Chen'] ?? 'applied'
      return names.map(status)
    }
    expect(await statuses('status')).toEqual([
      'applied',
      'applied',
      'applied',
      'screening',
      'ready',
      'exited',
    ])
    expect(await statuses('-status')).toEqual([
      'exited',
      'ready',
      'screening',
      'applied',
      'applied',
      'applied',
    ])
    expect(new Set(await all('status')).size).toBe(6)
    // Filters and order together.
    const applied = await list({ sort: '-name', status: 'applied' })
    expect((await applied.json()).items.map((p) => p.displayName)).toEqual(['delia', 'Bruno', 'bao'])

    // Raw: an order that does not exist.
    const bad = await org.owner.get(`${url}?sort=age`)
    expect(bad.status).toBe(400)
    expect((await problemOf(bad)).errors?.[0]?.path).toBe('sort')
    // A cursor from another program's list does not page this one.
    const foreign = await enroll(person('Elsewhere'))
    const wrongCursor = await list({ sort: 'name', cursor: foreign.id })
    expect(wrongCursor.status).toBe(400)
    expect((await problemOf(wrongCursor)).errors?.[0]?.path).toBe('cursor')
  })
})

describe('a participant’s tandems', () => {
  it('lists current tandems first, then ended ones, with the partner, dates and end reason', async () => {
    const mentee = await enroll(person('Tandem Mentee'))
    const mentorA = await enroll({ ...person('First Mentor'), role: 'mentor' })
    const mentorB = await enroll({ ...person('Second Mentor'), role: 'mentor' })
    const tenantId = (await db.select().from(participants).where(eq(participants.id, mentee.id)).get())
      ?.tenantId as string
    const started = new Date('2026-01-10T10:00:00Z')
    const ended = new Date('2026-06-01T10:00:00Z')
    const endedId = newId()
    const activeId = newId()
    await db.batch([
      db.insert(matches).values({
        id: endedId,
        tenantId,
        programId,
        menteeId: mentee.id,
        mentorId: mentorA.id,
        status: 'ended',
        endReason: 'moved_away',
        startedAt: started,
        endedAt: ended,
      }),
      db.insert(matches).values({
        id: activeId,
        tenantId,
        programId,
        menteeId: mentee.id,
        mentorId: mentorB.id,
        status: 'active',
        startedAt: new Date('2026-07-01T10:00:00Z'),
      }),
    ])
    const res = await program().participants[':participant'].$get({
      param: { org: org.slug, program: programId, participant: mentee.id },
    })
    const profile = await res.json()
    expect(profile.tandems).toEqual([
      {
        id: activeId,
        status: 'active',
        partner: { id: mentorB.id, displayName: 'Second Mentor', role: 'mentor' },
        startedAt: '2026-07-01T10:00:00.000Z',
        endedAt: null,
        endReason: null,
      },
      {
        id: endedId,
        status: 'ended',
        partner: { id: mentorA.id, displayName: 'First Mentor', role: 'mentor' },
        startedAt: started.toISOString(),
        endedAt: ended.toISOString(),
        endReason: 'moved_away',
      },
    ])
    // The mentor's page shows the same tandem from the other side.
    const mentorPage = await (await participantOf().$get(participantParam(mentorA.id))).json()
    expect(mentorPage.tandems.map((t) => t.partner.id)).toEqual([mentee.id])
  })
})
