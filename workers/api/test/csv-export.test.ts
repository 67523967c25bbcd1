import { env } from 'cloudflare:workers'
import { auditLog, type Participant, participants } from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import Papa from 'papaparse'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { type Client, db, orgWithOwner } from './support/client'

type Org = { slug: string; owner: Client }
let org: Org

/** One program's routes, as the owner. */
const programRoutes = () => org.owner.org.programs[':program']
type EnrollBody = Parameters<ReturnType<typeof programRoutes>['participants']['$post']>[0]['json']

async function newProgram(name: string) {
  const res = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: { name, languages: ['de', 'ar', 'uk'], protectedFields: ['residenceStatus'] },
  })
  expect(res.status).toBe(201)
  return (await res.json()).id
}
const programParam = (program: string) => ({ org: org.slug, program })

async function enroll(program: string, body: Partial<EnrollBody> & Pick<EnrollBody, 'displayName'>) {
  const res = await programRoutes().participants.$post({
    param: programParam(program),
    json: { role: 'mentee', preferredLocale: 'ar', languages: [{ code: 'ar', level: 'native' }], ...body },
  })
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()).id
}

const exportOf = (program: string, query: { delimiter?: 'semicolon'; q?: string; role?: 'mentee' } = {}) =>
  programRoutes().participants.export.$get({ param: programParam(program), query })

async function reimport(program: string, csv: string) {
  const res = await programRoutes().imports.$post({ param: programParam(program), json: { csv } })
  expect(res.status, await res.clone().text()).toBe(201)
  const preview = await res.json()
  const param = { ...programParam(program), import: preview.id }
  expect((await programRoutes().imports[':import'].apply.$post({ param })).status).toBe(202)
  await vi.waitUntil(
    async () => (await (await programRoutes().imports[':import'].$get({ param })).json()).status === 'done',
    { timeout: 10_000, interval: 50 },
  )
  return preview
}

/** What a participant's profile says, without ids, status and timestamps. */
const profile = (p: Participant) => ({
  role: p.role,
  displayName: p.displayName,
  email: p.email,
  phone: p.phone,
  preferredLocale: p.preferredLocale,
  languages: p.languages,
  wantsInterpretation: p.wantsInterpretation,
  interests: p.interests,
  sector: p.sector,
  availability: p.availability,
  neighborhood: p.neighborhood,
  location: p.location,
  settlementNeeds: p.settlementNeeds,
  accessNeeds: p.accessNeeds,
  capacity: p.capacity,
  demographics: p.demographics,
  consent: p.demographicsConsentAt !== null,
})
const profilesOf = async (program: string) =>
  (await db.select().from(participants).where(eq(participants.programId, program)))
    .map(profile)
    .sort((a, b) => a.displayName.localeCompare(b.displayName))

let program: string
beforeAll(async () => {
  org = await orgWithOwner('csv-export')
  program = await newProgram('Welcome Tandems')
  await enroll(program, {
    displayName: 'أمل خليل',
    email: 'amal@example.org',
    phone: '+49 30 1234567',
    languages: [
      { code: 'ar', level: 'native' },
      { code: 'de', level: 'A2' },
    ],
    wantsInterpretation: true,
    interests: ['cooking', 'football'],
    availability: ['mon-am', 'sat-pm'],
    neighborhood: 'Nord; Ost, Mitte',
    location: { lat: 52.52, lon: 13.405 },
    settlementNeeds: ['housing', 'health_care'],
    accessNeeds: ['child_care'],
    demographics: { gender: 'f', ageBand: '26-35', arrivalYear: 2022, regionOfOrigin: 'Levant' },
    demographicsConsent: true,
  })
  await enroll(program, {
    displayName: 'Олена "Лена" Коваленко',
    email: 'olena@example.org',
    preferredLocale: 'uk',
    languages: [{ code: 'uk', level: 'native' }],
    sector: 'Pflege, Gesundheit',
  })
  // A spreadsheet formula as a name (names with web addresses are refused at entry, so no HYPERLINK to a site).
  await enroll(program, { displayName: "=cmd|' /C calc'!A0" })
  const withSecret = await enroll(program, { displayName: 'Secret Keeper', email: 'keeper@example.org' })
  const put = await programRoutes().participants[':participant'].protected.$put({
    param: { ...programParam(program), participant: withSecret },
    json: { residenceStatus: 'asylum_seeker' },
  })
  expect(put.status).toBe(200)
  await enroll(program, {
    role: 'mentor',
    displayName: 'Jonas Weber',
    email: 'jonas@example.org',
    preferredLocale: 'de',
    languages: [{ code: 'de', level: 'native' }],
    capacity: 3,
  })
})

describe('CSV export', () => {
  it('exports a filtered list with a BOM, as an attachment, audit-logged, and the file imports again', async () => {
    const res = await exportOf(program, { role: 'mentee' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const today = new Date().toISOString().slice(0, 10)
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="participants-welcome-tandems-${today}.csv"`,
    )
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csv = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes)
    expect(csv.startsWith('\ufeffrole,name,email,phone,locale,languages,')).toBe(true)

    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true })
    expect(parsed.errors).toEqual([])
    expect(parsed.data.map((r) => r.name).sort()).toEqual(
      ["=cmd|' /C calc'!A0", 'Secret Keeper', 'Олена "Лена" Коваленко', 'أمل خليل']
        .map((n) => (n.startsWith('=') ? `'${n}` : n))
        .sort(),
    )
    const amal = parsed.data.find((r) => r.email === 'amal@example.org')
    expect(amal).toMatchObject({
      role: 'mentee',
      phone: '+49 30 1234567',
      languages: 'ar:native; de:A2',
      interpretation: 'yes',
      neighborhood: 'Nord; Ost, Mitte',
      latitude: '52.52',
      longitude: '13.405',
      settlement_needs: 'housing; health_care',
      demographics_consent: 'yes',
      arrival_year: '2022',
      status: 'applied',
    })
    // Protected fields never leave through the export.
    expect(csv).not.toContain('asylum_seeker')
    expect(csv).not.toMatch(/residence|protected|health_notes/i)

    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'participants.exported'), eq(auditLog.targetId, program)))
    expect(entry?.meta).toMatchObject({ count: 4, 'filter.role': 'mentee' })

    // Round trip: the exported file, imported into another program, gives the same people.
    const copy = await newProgram('Copy')
    const preview = await reimport(copy, csv)
    expect(preview.errors).toEqual([])
    expect(preview.validRows).toBe(4)
    expect(preview.warnings.map((w) => w.column).sort()).toEqual(['created_at', 'id', 'status'])
    const original = (await profilesOf(program)).filter((p) => p.role === 'mentee')
    expect(await profilesOf(copy)).toEqual(original)
  })

  it('writes semicolons for European Excel on request, and that file imports again too', async () => {
    const res = await exportOf(program, { delimiter: 'semicolon', q: 'jonas' })
    const csv = await res.text()
    const [header, row, ...rest] = csv.replace(/^\ufeff/, '').split('\r\n')
    expect(header?.split(';').slice(0, 3)).toEqual(['role', 'name', 'email'])
    expect(row?.startsWith('mentor;Jonas Weber;jonas@example.org;')).toBe(true)
    expect(rest.filter(Boolean)).toEqual([])
    const copy = await newProgram('Semicolons')
    await reimport(copy, csv)
    expect(await profilesOf(copy)).toEqual((await profilesOf(program)).filter((p) => p.role === 'mentor'))
  })

  it('streams 10,000 participants page by page', async () => {
    const big = await newProgram('Big')
    const tenantId = (await db.select().from(participants).where(eq(participants.programId, program)).get())
      ?.tenantId
    const people = Array.from({ length: 10_000 }, (_, i) => ({
      id: `big${String(i).padStart(21, '0')}`,
      name: i % 2 ? `Олена ${i}` : `أمل ${i}`,
      email: `big${i}@example.org`,
    }))
    await env.DB.prepare(
      `insert into participants (id, tenant_id, program_id, role, display_name, email, preferred_locale, languages, interests, search_text, created_at)
       select json_extract(value, '$.id'), ?1, ?2, 'mentee', json_extract(value, '$.name'), json_extract(value, '$.email'),
              'ar', '[{"code":"ar","level":"native"}]', '[]', '', ?3
       from json_each(?4)`,
    )
      .bind(tenantId, big, Date.now(), JSON.stringify(people))
      .run()
    const res = await exportOf(big)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-total-count')).toBe('10000')
    const lines = (await res.text()).split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(10_001)
    expect(new Set(lines.slice(1).map((l) => l.split(',')[2])).size).toBe(10_000)
  })

  it('is documented in the OpenAPI document with its filters and media type', async () => {
    // Raw: the document is served beside the typed API, not in it.
    const doc = (await (await org.owner.get('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string }[]; responses: object }>>
    }
    const op = doc.paths['/api/v1/orgs/{org}/programs/{program}/participants/export']?.get
    expect(op?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['role', 'status', 'language', 'neighborhood', 'need', 'q', 'delimiter']),
    )
    expect(op?.parameters?.map((p) => p.name)).not.toContain('cursor')
    expect(JSON.stringify(op?.responses)).toContain('text/csv')
  })

  it('refuses bad filters and other organizations’ programs', async () => {
    // Raw: a role and a delimiter the types do not allow.
    const exportPath = `/api/v1/orgs/${org.slug}/programs/${program}/participants/export`
    expect((await org.owner.get(`${exportPath}?role=boss`)).status).toBe(400)
    expect((await org.owner.get(`${exportPath}?delimiter=pipe`)).status).toBe(400)
    const other = await orgWithOwner('csv-export-other')
    const res = await other.owner.org.programs[':program'].participants.export.$get({
      param: { org: other.slug, program },
      query: {},
    })
    expect(res.status).toBe(404)
  })
})
