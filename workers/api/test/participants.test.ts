import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { auditLog, matches, newId, outbox, participants } from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import worker from '../src/index'
import { type Client, db, orgWithOwner } from './support/client'

type Org = { slug: string; owner: Client }

let org: Org
let programId: string
const base = () => `/api/v1/orgs/${org.slug}/programs/${programId}`
/** The program through the typed client (`hc<AppType>`), as the web client calls it. */
const program = () => org.owner.org.programs[':program']
const programParam = () => ({ param: { org: org.slug, program: programId } })

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
  const res = await org.owner.post(`/api/v1/orgs/${org.slug}/programs`, {
    name: 'Welcome Tandems',
    languages: ['de', 'ar', 'uk'],
    interests: ['football', 'cooking'],
    trainingModules: [{ id: 'safeguarding', title: 'Safeguarding basics' }],
    protectedFields: ['residenceStatus'],
    renewalWindowDays: 60,
    status: 'active',
  })
  expect(res.status).toBe(201)
  programId = ((await res.json()) as { id: string }).id
})

describe('programs', () => {
  it('lists, reads and updates programs; bad settings name their fields', async () => {
    const listed = await org.owner.org.programs.$get({ param: { org: org.slug } })
    expect(listed.status).toBe(200)
    const list = await listed.json()
    expect(list.items.map((p) => p.id)).toContain(programId)
    const patched = await org.owner.patch(base(), {
      meetingCadenceDays: 21,
      description: 'Every three weeks',
    })
    expect(await patched.json()).toMatchObject({ meetingCadenceDays: 21, description: 'Every three weeks' })
    const bad = await org.owner.patch(base(), {
      languages: [],
      meetingCadenceDays: 0,
      trainingModules: [{ id: 'Bad Id', title: '' }],
    })
    expect(bad.status).toBe(400)
    const paths = ((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'languages',
        'meetingCadenceDays',
        'trainingModules.0.id',
        'trainingModules.0.title',
      ]),
    )
    expect((await org.owner.patch(base(), {})).status).toBe(400)
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

    type Query = Parameters<ReturnType<typeof program>['participants']['$get']>[0]['query']
    const list = async (query: Query) => {
      const res = await program().participants.$get({ ...programParam(), query })
      if (res.status !== 200) throw new Error(`list: ${res.status} ${await res.text()}`)
      return await res.json()
    }
    const names = async (query: Query) => (await list(query)).items.map((p) => p.displayName).sort()

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

    const bad = await org.owner.get(`${base()}/participants?role=boss&status=applied,nope&limit=1000`)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual([
      'limit',
      'role',
      'status.1',
    ])
  })
})

describe('participant profile and status pipeline', () => {
  it('needs consent for demographics and keeps a history of changes', async () => {
    const refused = await org.owner.post(
      `${base()}/participants`,
      person('No Consent', { demographics: { gender: 'f' } }),
    )
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('demographics')

    const p = await enroll(
      person('With Consent', { demographics: { gender: 'f', ageBand: '26-35' }, demographicsConsent: true }),
    )
    expect((await org.owner.patch(`${base()}/participants/${p.id}`, { status: 'matched' })).status).toBe(409)
    expect((await org.owner.patch(`${base()}/participants/${p.id}`, { status: 'ready' })).status).toBe(200)
    const exitWithoutReason = await org.owner.patch(`${base()}/participants/${p.id}`, { status: 'exited' })
    expect(exitWithoutReason.status).toBe(400)
    const exited = await org.owner.patch(`${base()}/participants/${p.id}`, {
      status: 'exited',
      exitReason: 'moved_away',
    })
    expect(await exited.json()).toMatchObject({ status: 'exited', exitReason: 'moved_away' })
    // Withdrawing consent removes the demographic data.
    const withdrawn = await org.owner.patch(`${base()}/participants/${p.id}`, { demographicsConsent: false })
    expect(await withdrawn.json()).toMatchObject({ demographics: null, demographicsConsentAt: null })

    const profile = (await (await org.owner.get(`${base()}/participants/${p.id}`)).json()) as {
      history: { kind: string; detail: Record<string, string> }[]
    }
    expect(profile.history.map((h) => h.kind)).toEqual(['enrolled', 'status', 'status', 'profile.updated'])
    expect(profile.history[2]?.detail).toMatchObject({ from: 'ready', to: 'exited', reason: 'moved_away' })
  })
})

describe('how to reach a participant', () => {
  it('records a phone number and the preferred way of contact, without an email address', async () => {
    const p = await enroll(person('Phone Only', { phone: '+49 170 5550101', contactPreference: 'sms' }))
    expect(p).toMatchObject({ email: null, phone: '+49 170 5550101', contactPreference: 'sms' })
    const changed = await org.owner.patch(`${base()}/participants/${p.id}`, { contactPreference: 'whatsapp' })
    expect(await changed.json()).toMatchObject({ contactPreference: 'whatsapp' })
    const bad = await org.owner.patch(`${base()}/participants/${p.id}`, { contactPreference: 'fax' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('contactPreference')
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
    const screening = `${base()}/participants/${m.id}/screening`
    expect((await org.owner.patch(`${base()}/participants/${m.id}`, { status: 'ready' })).status).toBe(409)

    const early = await org.owner.patch(screening, { approved: true })
    expect(early.status).toBe(409)

    const steps = await org.owner.patch(screening, {
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
    const unknownModule = await org.owner.patch(screening, { trainingCompleted: { cooking: day(-1) } })
    expect(unknownModule.status).toBe(400)
    const impossible = await org.owner.patch(screening, { checkExpiresOn: '2027-02-31' })
    expect(impossible.status).toBe(400)
    expect(((await impossible.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      'checkExpiresOn',
    )

    const approved = await org.owner.patch(screening, { approved: true })
    expect(await approved.json()).toMatchObject({
      matchable: true,
      missing: [],
      expired: false,
      expiringSoon: false,
    })
    const profile = (await (await org.owner.get(`${base()}/participants/${m.id}`)).json()) as {
      status: string
      screening: { matchable: boolean }
    }
    expect(profile).toMatchObject({ status: 'ready', screening: { matchable: true } })

    // Nearing expiry: on the panel and reminded once by the cron job.
    await org.owner.patch(screening, { checkExpiresOn: day(20) })
    const panel = (await (await org.owner.get(`/api/v1/orgs/${org.slug}/screening/expiring`)).json()) as {
      items: { participantId: string; expired: boolean; daysLeft: number }[]
    }
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
    const expired = await org.owner.patch(screening, { checkExpiresOn: day(-1) })
    expect(await expired.json()).toMatchObject({
      matchable: false,
      expired: true,
      missing: ['background_check_expired'],
    })
    const after = (await (await org.owner.get(`/api/v1/orgs/${org.slug}/screening/expiring`)).json()) as {
      items: { participantId: string; expired: boolean }[]
    }
    expect(after.items.find((i) => i.participantId === m.id)?.expired).toBe(true)
  })

  it('withdraws approval on concerns, and concurrent edits never leave an approved mentor with concerns', async () => {
    const m = await enroll({ ...person('Concern Mentor'), role: 'mentor' })
    const screening = `${base()}/participants/${m.id}/screening`
    const ready = {
      references: [
        { name: 'A', relation: 'employer', status: 'received', receivedOn: day(-3) },
        { name: 'B', relation: 'friend', status: 'received', receivedOn: day(-3) },
      ],
      checkStatus: 'clear',
      checkExpiresOn: day(200),
      trainingCompleted: { safeguarding: day(-1) },
      safetyAcknowledged: true,
    }
    expect((await org.owner.patch(screening, ready)).status).toBe(200)
    const [approve, concerns] = await Promise.all([
      org.owner.patch(screening, { approved: true }),
      org.owner.patch(screening, { checkStatus: 'concerns' }),
    ])
    expect([approve.status, concerns.status]).toContain(200)
    for (const r of [approve, concerns]) expect([200, 409]).toContain(r.status)
    const after = (await (await org.owner.get(`${base()}/participants/${m.id}`)).json()) as {
      screening: { checkStatus: string; approvedAt: string | null; matchable: boolean }
    }
    if (after.screening.checkStatus === 'concerns') expect(after.screening.approvedAt).toBeNull()
    // Concerns recorded after an approval withdraw it.
    await org.owner.patch(screening, { checkStatus: 'clear' })
    expect((await org.owner.patch(screening, { approved: true })).status).toBe(200)
    const withdrawn = await org.owner.patch(screening, { checkStatus: 'concerns' })
    expect(await withdrawn.json()).toMatchObject({ approvedAt: null, matchable: false })
  })

  it('has no screening for mentees', async () => {
    const p = await enroll(person('Mentee Only'))
    expect(
      (await org.owner.patch(`${base()}/participants/${p.id}/screening`, { checkStatus: 'pending' })).status,
    ).toBe(404)
  })
})

describe('protected fields', () => {
  it('are encrypted at rest, readable with a purpose, and every read is audited', async () => {
    const p = await enroll(person('Protected Person'))
    const url = `${base()}/participants/${p.id}/protected`
    const notCollected = await org.owner.request('PUT', url, { healthNotes: 'asthma' })
    expect(notCollected.status).toBe(400)
    expect(((await notCollected.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      'healthNotes',
    )

    expect((await org.owner.request('PUT', url, { residenceStatus: 'asylum_seeker' })).status).toBe(200)
    const raw = await env.DB.prepare('select * from participants where id = ?').bind(p.id).first()
    expect(JSON.stringify(raw)).not.toContain('asylum_seeker')
    expect(String(raw?.protected_data)).toMatch(/^v2\.[0-9a-f]{8}\./)

    expect((await org.owner.get(url)).status).toBe(400) // a purpose is required
    const read = await org.owner.get(
      `${url}?purpose=${encodeURIComponent('Checking eligibility for legal aid')}`,
    )
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
    const copied = await org.owner.get(
      `${base()}/participants/${other.id}/protected?purpose=${encodeURIComponent('tamper test')}`,
    )
    expect(copied.status).toBe(500)
    expect(await copied.json()).toMatchObject({ title: 'Protected data unreadable' })
  })
})

describe('participants list order', () => {
  it('sorts by name, status and waiting time in both directions, and pages through each order', async () => {
    const made = await org.owner.post(`/api/v1/orgs/${org.slug}/programs`, {
      name: 'Sorting program',
      languages: ['de', 'ar'],
    })
    const sortProgram = ((await made.json()) as { id: string }).id
    const url = `/api/v1/orgs/${org.slug}/programs/${sortProgram}/participants`
    // Enrolled one after another: enrolment order is the waiting order.
    const enrolled: { id: string; name: string }[] = []
    for (const name of ['delia', 'Bruno', 'amira', 'Chen', 'Emre', 'bao']) {
      const res = await org.owner.post(url, person(name))
      enrolled.push({ id: ((await res.json()) as { id: string }).id, name })
      await new Promise((resolve) => setTimeout(resolve, 3))
    }
    const byName = (n: string) => enrolled.find((e) => e.name === n)?.id
    await org.owner.patch(`${url}/${byName('Chen')}`, { status: 'ready' })
    await org.owner.patch(`${url}/${byName('amira')}`, { status: 'screening' })
    await org.owner.patch(`${url}/${byName('Emre')}`, { status: 'exited', exitReason: 'withdrew' })

    /** Every page of one order, two rows at a time. */
    const all = async (sort: string) => {
      const names: string[] = []
      let cursor: string | null = null
      do {
        const res = await org.owner.get(`${url}?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        expect(res.status).toBe(200)
        const page = (await res.json()) as { items: { displayName: string }[]; nextCursor: string | null }
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
    const statuses = async (sort: string) => {
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
    const applied = await org.owner.get(`${url}?sort=-name&status=applied`)
    expect(
      ((await applied.json()) as { items: { displayName: string }[] }).items.map((p) => p.displayName),
    ).toEqual(['delia', 'Bruno', 'bao'])

    const bad = await org.owner.get(`${url}?sort=age`)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('sort')
    // A cursor from another program's list does not page this one.
    const foreign = await enroll(person('Elsewhere'))
    const wrongCursor = await org.owner.get(`${url}?sort=name&cursor=${foreign.id}`)
    expect(wrongCursor.status).toBe(400)
    expect(((await wrongCursor.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('cursor')
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
    const mentorPage = (await (await org.owner.get(`${base()}/participants/${mentorA.id}`)).json()) as {
      tandems: { partner: { id: string } }[]
    }
    expect(mentorPage.tandems.map((t) => t.partner.id)).toEqual([mentee.id])
  })
})
