import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { auditLog, participantImportChunks, participantImports, participants, screenings } from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { parseCsv } from '../src/features/participants/import.parse'
import { runImportJob } from '../src/features/participants/import.service'
import worker from '../src/index'
import { type Client, db, orgWithOwner, problemOf, raiseLimits } from './support/client'

type Org = { slug: string; owner: Client }

let org: Org

async function newProgram(name = 'Willkommen') {
  const res = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: { name, languages: ['de', 'ar', 'uk'], status: 'active' },
  })
  expect(res.status).toBe(201)
  return (await res.json()).id
}

/** The imports' path, for the raw calls below and the Location an apply answers. */
const importsOf = (program: string) => `/api/v1/orgs/${org.slug}/programs/${program}/imports`

/** A program's imports, as the owner. */
const imports = () => org.owner.org.programs[':program'].imports
type ImportBody = Parameters<ReturnType<typeof imports>['$post']>[0]['json']
const oneImport = (program: string, id: string) => ({ param: { org: org.slug, program, import: id } })
const upload = (program: string, body: ImportBody) =>
  imports().$post({ param: { org: org.slug, program }, json: body })
type EnrollBody = Parameters<Client['org']['programs'][':program']['participants']['$post']>[0]['json']
const enroll = (program: string, body: EnrollBody) =>
  org.owner.org.programs[':program'].participants.$post({ param: { org: org.slug, program }, json: body })

async function preview(program: string, csv: string, role?: 'mentor' | 'mentee') {
  const res = await upload(program, role ? { csv, role } : { csv })
  expect(res.status, await res.clone().text()).toBe(201)
  return await res.json()
}
type Preview = Awaited<ReturnType<typeof preview>>

async function refusal(program: string, body: ImportBody) {
  const res = await upload(program, body)
  return { status: res.status, body: await problemOf(res) }
}

const importStatus = async (program: string, id: string) =>
  (await imports()[':import'].$get(oneImport(program, id))).json()

async function waitDone(program: string, id: string) {
  let last: Awaited<ReturnType<typeof importStatus>> | undefined
  await vi.waitUntil(
    async () => {
      last = await importStatus(program, id)
      return last.status === 'done' || last.status === 'failed'
    },
    { timeout: 15_000, interval: 50 },
  )
  if (!last) throw new Error(`no status of import ${id}`)
  return last
}

const inProgram = (program: string) =>
  db.select().from(participants).where(eq(participants.programId, program)).orderBy(participants.createdAt)

beforeAll(async () => {
  org = await orgWithOwner('csv-import')
  // Many programs and previews in one organization: more than a new one may make (decision 033).
  await raiseLimits(org.slug)
})

/**
 * What European Excel writes: a byte-order mark, semicolons, German headers; Arabic and Ukrainian
 * names; a quoted cell with a `;` and one spanning two lines; a blank line; and rows with mistakes.
 */
const excelFile = [
  '\ufeffName;E-Mail;Rolle;Sprachen;Sprache;Stadtteil;Interessen;Kapazität;Telefon;Dolmetschen;Notizen',
  'أمل خليل;amal@example.org;Mentee;"ar:native; de:A2";ar;"Nord; Ost";cooking, football;;;ja;',
  'Олена Коваленко;olena@example.org;mentee;uk native, de B1;uk;Altstadt;;;;nein;"Zeile eins',
  'Zeile zwei"',
  'Jonas Weber;JONAS@example.org;Mentor;de:native | ar:B1;de;Nordviertel;football;2;+49 30 1234567;;',
  '',
  ';nobody@example.org;Mentee;ar:native;ar;;;;;;',
  'Omar Haddad;not-an-email;Mentee;ar:native;ar;;;;;;',
  'Dmytro Shevchenko;dmytro@example.org;Mentee;uk:fluent;uk;;;;;;',
  'Karl Big;karl@example.org;Mentor;de:native;de;;;5;;;',
  'Amal Zweitens;Amal@Example.org;Mentee;ar:native;ar;;;;;;',
  'Already There;already@example.org;Mentee;ar:native;ar;;;;;;',
  'Sabine Müller;sabine@example.org;Mentorin;"de:native; en:C1";de;Südstadt;;1;;;',
  'Too Many;many@example.org;Mentee;ar:native;ar;;;;;;;extra',
].join('\r\n')

describe('CSV import: preview, apply, progress', () => {
  it('previews per row with row numbers and columns, creates nothing, then applies exactly the valid rows', async () => {
    const program = await newProgram()
    const already = await enroll(program, {
      role: 'mentee',
      displayName: 'Already Enrolled',
      email: 'already@example.org',
      preferredLocale: 'ar',
      languages: [{ code: 'ar', level: 'native' }],
    })
    expect(already.status).toBe(201)

    const p = await preview(program, excelFile)
    expect(p.status).toBe('previewed')
    expect(p.totalRows).toBe(11)
    expect(p.rows).toEqual([
      { row: 2, action: 'create', displayName: 'أمل خليل', role: 'mentee' },
      { row: 3, action: 'create', displayName: 'Олена Коваленко', role: 'mentee' },
      { row: 4, action: 'create', displayName: 'Jonas Weber', role: 'mentor' },
      { row: 12, action: 'create', displayName: 'Sabine Müller', role: 'mentor' },
    ])
    expect(p.validRows).toBe(4)
    const byRow = (row: number) => p.errors.filter((e) => e.row === row)
    expect(byRow(6)).toEqual([{ row: 6, column: 'Name', message: 'Enter a name.' }])
    expect(byRow(7)).toEqual([{ row: 7, column: 'E-Mail', message: 'Enter a valid email address.' }])
    expect(byRow(8)).toEqual([
      { row: 8, column: 'Sprachen', message: 'uk: Use a CEFR level A1–C2 or native.' },
    ])
    expect(byRow(9)).toEqual([{ row: 9, column: 'Kapazität', message: 'A mentor takes 1 to 3 mentees.' }])
    expect(byRow(10)).toEqual([
      { row: 10, column: 'E-Mail', message: 'The same email is already in row 2 of this file.' },
    ])
    expect(byRow(11)).toEqual([
      { row: 11, column: 'E-Mail', message: 'Someone with this email is already in this program.' },
    ])
    expect(byRow(13)).toHaveLength(1)
    expect(byRow(13)[0]).toMatchObject({ column: null })
    expect(byRow(13)[0]?.message).toMatch(/12 cells but the header has 11 columns.*semicolon/)
    expect(p.errorCount).toBe(7)
    expect(p.warnings).toEqual([{ column: 'Notizen', message: 'Unknown column; it was ignored.' }])

    // The dry run wrote no participant.
    expect((await inProgram(program)).map((x) => x.displayName)).toEqual(['Already Enrolled'])

    const apply = await imports()[':import'].apply.$post(oneImport(program, p.id))
    expect(apply.status).toBe(202)
    expect(apply.headers.get('location')).toBe(`${importsOf(program)}/${p.id}`)
    const done = await waitDone(program, p.id)
    expect(done).toMatchObject({
      status: 'done',
      validRows: 4,
      appliedRows: 4,
      skippedRows: 0,
      progress: 100,
    })

    const rows = await inProgram(program)
    expect(rows).toHaveLength(5)
    const created = rows.filter((r) => r.source === 'import')
    expect(created.map((r) => r.displayName).sort()).toEqual(
      ['Jonas Weber', 'Sabine Müller', 'Олена Коваленко', 'أمل خليل'].sort(),
    )
    const amal = created.find((r) => r.email === 'amal@example.org')
    expect(amal).toMatchObject({
      role: 'mentee',
      preferredLocale: 'ar',
      neighborhood: 'Nord; Ost',
      interests: ['cooking', 'football'],
      wantsInterpretation: true,
      status: 'applied',
      languages: [
        { code: 'ar', level: 'native' },
        { code: 'de', level: 'A2' },
      ],
    })
    const jonas = created.find((r) => r.displayName === 'Jonas Weber')
    expect(jonas).toMatchObject({ email: 'jonas@example.org', capacity: 2, phone: '+49 30 1234567' })
    expect(jonas?.languages).toEqual([
      { code: 'de', level: 'native' },
      { code: 'ar', level: 'B1' },
    ])
    expect(created.find((r) => r.displayName === 'Олена Коваленко')?.languages).toEqual([
      { code: 'uk', level: 'native' },
      { code: 'de', level: 'B1' },
    ])
    // Mentors get their screening record, as when a coordinator enrolls them.
    const mentorIds = created.filter((r) => r.role === 'mentor').map((r) => r.id)
    for (const id of mentorIds)
      expect(await db.select().from(screenings).where(eq(screenings.participantId, id)).get()).toBeTruthy()

    // Applying twice, or cancelling afterwards, is refused; the validated rows are gone.
    expect((await imports()[':import'].apply.$post(oneImport(program, p.id))).status).toBe(409)
    expect((await imports()[':import'].$delete(oneImport(program, p.id))).status).toBe(409)
    expect(
      await db.select().from(participantImportChunks).where(eq(participantImportChunks.importId, p.id)),
    ).toEqual([])
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, p.id), eq(auditLog.action, 'participants.imported')))
    expect(audits).toHaveLength(1)
    expect(audits[0]?.meta).toMatchObject({ created: 4, skipped: 0 })
  })

  it('applies large files in batches over several queue messages and reports progress', async () => {
    const program = await newProgram('Large')
    const lines = ['name,email,role,languages']
    for (let i = 0; i < 450; i++) lines.push(`Person ${i},p${i}@example.org,mentee,"ar:native, de:A1"`)
    const p = await preview(program, lines.join('\n'))
    expect(p).toMatchObject({ totalRows: 450, validRows: 450, errorCount: 0 })
    expect(
      await db.select().from(participantImportChunks).where(eq(participantImportChunks.importId, p.id)),
    ).toHaveLength(5)
    expect((await imports()[':import'].apply.$post(oneImport(program, p.id))).status).toBe(202)
    const seen = new Set<number>()
    await vi.waitUntil(
      async () => {
        const s = await importStatus(program, p.id)
        seen.add(s.progress)
        return s.status === 'done'
      },
      { timeout: 30_000, interval: 20 },
    )
    expect(seen.has(100)).toBe(true)
    expect(await inProgram(program)).toHaveLength(450)
  })

  it('skips a row whose email was enrolled between preview and apply', async () => {
    const program = await newProgram('Race')
    const p = await preview(
      program,
      'name;email;languages\nLate Comer;late@example.org;de:native\nOther;other@example.org;de:B2',
      'mentor',
    )
    expect(p.validRows).toBe(2)
    const res = await enroll(program, {
      role: 'mentee',
      displayName: 'Late Comer (manual)',
      email: 'late@example.org',
      preferredLocale: 'de',
      languages: [{ code: 'de', level: 'native' }],
    })
    expect(res.status).toBe(201)
    expect((await imports()[':import'].apply.$post(oneImport(program, p.id))).status).toBe(202)
    const done = await waitDone(program, p.id)
    expect(done).toMatchObject({ status: 'done', appliedRows: 1, skippedRows: 1, progress: 100 })
    expect(done.errors).toContainEqual({
      row: 2,
      column: 'email',
      message: 'Not created: someone with this email joined the program after the preview.',
    })
    expect((await inProgram(program)).map((x) => x.displayName).sort()).toEqual([
      'Late Comer (manual)',
      'Other',
    ])
  })

  it('cancels a preview, refuses a preview older than 24 hours, and keeps imports in their program', async () => {
    const program = await newProgram('Cancel')
    const csv = 'name,languages,role\nAna,uk:native,mentee'
    const p = await preview(program, csv)
    const cancelled = await imports()[':import'].$delete(oneImport(program, p.id))
    expect(cancelled.status).toBe(200)
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled' })
    expect((await imports()[':import'].apply.$post(oneImport(program, p.id))).status).toBe(409)
    expect((await imports()[':import'].$delete(oneImport(program, p.id))).status).toBe(409)

    const old = await preview(program, csv)
    await db
      .update(participantImports)
      .set({ createdAt: new Date(Date.now() - 25 * 3_600_000) })
      .where(eq(participantImports.id, old.id))
    const late = await imports()[':import'].apply.$post(oneImport(program, old.id))
    expect(late.status).toBe(409)
    expect((await problemOf(late)).detail).toMatch(/older than 24 hours/)
    // A new import sweeps the stale preview's rows.
    await preview(program, csv)
    expect(
      await db.select().from(participantImportChunks).where(eq(participantImportChunks.importId, old.id)),
    ).toEqual([])

    const other = await newProgram('Other')
    expect((await imports()[':import'].$get(oneImport(other, p.id))).status).toBe(404)
    expect((await imports()[':import'].apply.$post(oneImport(other, old.id))).status).toBe(404)
    expect(await inProgram(program)).toEqual([])
  })
})

describe('CSV import: bad input gives 4xx, never 500', () => {
  let program: string
  beforeAll(async () => {
    program = await newProgram('Bad input')
  })

  it('refuses files it cannot read, with a clear message', async () => {
    const cases: [unknown, RegExp][] = [
      [{ csv: '' }, /empty/],
      [{ csv: '\ufeff\r\n  \r\n' }, /empty/],
      [{ csv: 'Name;E-Mail;Rolle;Sprachen\r\n\r\n' }, /header row but no data rows/],
      [
        { csv: 'name|email|role|languages\nAna|ana@example.org|mentee|uk:native' },
        /Only one column.*comma, semicolon or tab/,
      ],
      [{ csv: 'name,email\nAna,ana@example.org', role: 'mentee' }, /no column for languages/],
      [{ csv: 'name,languages\nAna,uk:native' }, /no column for role/],
      [
        { csv: 'Name;display_name;languages;role\nA;B;uk:native;mentee' },
        /“Name” and “display_name” both mean name/,
      ],
      [{ csv: 42 }, /csv/],
      [{ csv: 'name,languages\nAna,uk:native', role: 'boss' }, /mentor or mentee/],
    ]
    for (const [body, message] of cases) {
      // Raw: two of these are bodies the types forbid (a number as `csv`, an unknown role).
      const res = await org.owner.post(importsOf(program), body)
      const problem = await problemOf(res)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(JSON.stringify(problem), JSON.stringify(body)).toMatch(message)
    }
  })

  it('answers 413 for a 2 MB file', async () => {
    const row = 'Someone With A Long Name,someone@example.org,mentee,"ar:native; de:A1"\n'
    const csv = `name,email,role,languages\n${row.repeat(Math.ceil((2 * 1024 * 1024) / row.length))}`
    const res = await upload(program, { csv })
    expect(res.status).toBe(413)
  })

  it('refuses a file with more than 10,000 rows', async () => {
    const csv = `name,role,languages\n${'A,mentee,ar:native\n'.repeat(10_001)}`
    const { status, body } = await refusal(program, { csv })
    expect(status).toBe(400)
    expect(body.detail).toMatch(/at most 10,000/)
  })

  it('reports unclosed quotes, bad yes/no, half a location and formats per row', async () => {
    const csv = [
      'name,role,languages,interpretation,latitude,longitude,arrival_year,capacity',
      'Ana,mentee,uk:native,maybe,52.5,,,',
      'Bo,mentee,uk,,52,5,13,4,2021,1',
      'Cy,mentee,uk:native,,,,soon,two',
      'Di,mentee,"uk:native',
      'Ed,mentee,uk:native,,,,,',
    ].join('\n')
    const p = await preview(program, csv)
    expect(p.errors).toEqual(
      expect.arrayContaining([
        { row: 2, column: 'interpretation', message: 'Write yes or no (ja or nein).' },
        { row: 2, column: 'longitude', message: 'Give both latitude and longitude.' },
        { row: 3, column: 'languages', message: 'uk: Use a CEFR level A1–C2 or native.' },
        { row: 4, column: 'arrival_year', message: 'Write a year like 2022.' },
        { row: 4, column: 'capacity', message: 'Write a whole number from 1 to 3.' },
      ]),
    )
    // Row 3 uses a decimal comma inside an unquoted comma-separated file: too many cells.
    expect(p.errors.some((e) => e.row === 3 && e.column === null)).toBe(true)
    // The unclosed quote swallows the rest of the file into row 5.
    expect(p.errors.some((e) => e.row === 5 && /never closed/.test(e.message))).toBe(true)
    expect(p.validRows).toBe(0)
  })

  it('accepts English and German header aliases, tabs, a default role and yes/no words', async () => {
    const csv = [
      'Display Name\tE-Mail-Adresse\tSprachkenntnisse\tBevorzugte Sprache\tVerfügbarkeit\tBedarfe\tGeschlecht\tEinwilligung Demografie',
      'Yusuf\tyusuf@example.org\tfa-AF (C2)\tfa-AF\tmon-am; sat-pm\tHealth care | housing\tm\tja',
    ].join('\n')
    const p = await preview(program, csv, 'mentee')
    expect(p.errors).toEqual([])
    expect(p.rows).toEqual([{ row: 2, action: 'create', displayName: 'Yusuf', role: 'mentee' }])
  })
})

describe('CSV import job: idempotent, validated messages', () => {
  it('applies each batch once even when two deliveries run at the same time', async () => {
    const program = await newProgram('Twice')
    const lines = ['name,role,languages']
    for (let i = 0; i < 250; i++) lines.push(`Twin ${i},mentee,ar:native`)
    const p = await preview(program, lines.join('\n'))
    // Start applying without the queue, then run the job twice concurrently, then once more.
    await db.update(participantImports).set({ status: 'applying' }).where(eq(participantImports.id, p.id))
    const row = await db.select().from(participantImports).where(eq(participantImports.id, p.id)).get()
    const tenantId = row?.tenantId ?? ''
    await Promise.all([
      runImportJob(db, tenantId, p.id, new Date(), 10),
      runImportJob(db, tenantId, p.id, new Date(), 10),
    ])
    expect(await runImportJob(db, tenantId, p.id, new Date(), 10)).toBe('nothing')
    expect(await inProgram(program)).toHaveLength(250)
    const after = await db.select().from(participantImports).where(eq(participantImports.id, p.id)).get()
    expect(after).toMatchObject({ status: 'done', appliedRows: 250 })
  })

  it('counts each row once when two deliveries run at the same time on rows with email addresses', async () => {
    const program = await newProgram('Twice with email')
    const lines = ['name,email,role,languages']
    for (let i = 0; i < 120; i++)
      lines.push(`Mail Twin ${i},twin${i}.${program}@example.org,mentee,ar:native`)
    const p = await preview(program, lines.join('\n'))
    await db.update(participantImports).set({ status: 'applying' }).where(eq(participantImports.id, p.id))
    const row = await db.select().from(participantImports).where(eq(participantImports.id, p.id)).get()
    const tenantId = row?.tenantId ?? ''
    await Promise.all([
      runImportJob(db, tenantId, p.id, new Date(), 10),
      runImportJob(db, tenantId, p.id, new Date(), 10),
    ])
    await runImportJob(db, tenantId, p.id, new Date(), 10)
    expect(await inProgram(program)).toHaveLength(120)
    const after = await db.select().from(participantImports).where(eq(participantImports.id, p.id)).get()
    expect(after).toMatchObject({ status: 'done', appliedRows: 120, skippedRows: 0, errorCount: 0 })
  })

  it('marks the import failed when a batch cannot be saved, keeping the batches before it', async () => {
    const program = await newProgram('Fails')
    const lines = ['name,role,languages']
    for (let i = 0; i < 250; i++) lines.push(`Row ${i},mentee,de:B1`)
    const p = await preview(program, lines.join('\n'))
    // Something else already holds the id the second batch's first row will get.
    const second = await db
      .select()
      .from(participantImportChunks)
      .where(and(eq(participantImportChunks.importId, p.id), eq(participantImportChunks.seq, 1)))
      .get()
    const blocker = await db.select().from(participantImports).where(eq(participantImports.id, p.id)).get()
    await db.insert(participants).values({
      id: second?.rows[0]?.id ?? '',
      tenantId: blocker?.tenantId ?? '',
      programId: await newProgram('Elsewhere'),
      role: 'mentee',
      displayName: 'Blocker',
      preferredLocale: 'de',
      languages: [{ code: 'de', level: 'native' }],
      interests: [],
    })
    expect((await imports()[':import'].apply.$post(oneImport(program, p.id))).status).toBe(202)
    const failed = await waitDone(program, p.id)
    expect(failed).toMatchObject({ status: 'failed', appliedRows: 100, progress: 40 })
    expect(failed.failure).toMatch(/^Rows 102–201 could not be saved/)
    expect(await inProgram(program)).toHaveLength(100)
    expect((await imports()[':import'].apply.$post(oneImport(program, p.id))).status).toBe(409)
  })

  it('drops malformed import messages and ignores unknown imports', async () => {
    const batch = createMessageBatch('tandem-jobs', [
      { id: 'bad', timestamp: new Date(), attempts: 1, body: { type: 'participants.import', importId: 'x' } },
      {
        id: 'unknown',
        timestamp: new Date(),
        attempts: 1,
        body: { type: 'participants.import', importId: 'a'.repeat(24), tenantId: 'nope' },
      },
    ])
    const ctx = createExecutionContext()
    await worker.queue(batch, env, ctx)
    const result = await getQueueResult(batch, ctx)
    expect(result.explicitAcks.sort()).toEqual(['bad', 'unknown'])
    expect(result.retryMessages).toEqual([])
  })

  it('numbers rows like a spreadsheet: header = 1, blank lines and multi-line cells count once', () => {
    const parsed = parseCsv('\ufeffa;b\r\n\r\n"x\ny";1\r\nz;2\r\n')
    expect(parsed.delimiter).toBe(';')
    expect(parsed.records.map((r) => r.row)).toEqual([3, 4])
    expect(parsed.records[0]?.cells).toEqual(['x\ny', '1'])
  })
})

describe('CSV import: very wide files', () => {
  it('refuses a header with thousands of columns with a 400, not a 500', async () => {
    const program = await newProgram('Wide')
    const header = ['name', 'languages', 'role', ...Array.from({ length: 5000 }, (_, i) => `x${i}`)].join(',')
    const res = await upload(program, { csv: `${header}\nA,ar:native,mentee\n` })
    expect(res.status).toBe(400)
    expect((await problemOf(res)).errors?.[0]?.path).toBe('csv')
  })
})

/** A committed byte fixture (test/fixtures), base64 as the web client sends it. */
function fixture(name: string): string {
  const bytes = env.TEST_FIXTURES[name]
  if (!bytes) throw new Error(`no fixture ${name}`)
  return bytes
}
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))

describe('CSV import: files as spreadsheet programs save them', () => {
  let program: string
  beforeAll(async () => {
    program = await newProgram('Encodings')
  })

  async function uploadFile(file: string, role?: 'mentor' | 'mentee') {
    const res = await upload(program, role ? { file, role } : { file })
    expect(res.status, await res.clone().text()).toBe(201)
    return await res.json()
  }
  const names = (p: Preview) => p.rows.map((r) => r.displayName)

  it('reads Windows-1252 from Excel on Windows: “Jürgen Müller”, not “J�rgen M�ller”', async () => {
    const p = await uploadFile(fixture('excel-windows-1252.csv'))
    expect(p.encoding).toBe('windows-1252')
    expect(p.errors).toEqual([])
    expect(names(p)).toEqual(['Jürgen Müller', 'François Côté', 'Zoë Ñúñez'])
    expect(p.warnings).toEqual([{ column: 'Notizen', message: 'Unknown column; it was ignored.' }])
    // What will be created is the decoded text too, not only the names in the answer.
    const chunk = await db
      .select()
      .from(participantImportChunks)
      .where(eq(participantImportChunks.importId, p.id))
      .get()
    expect(chunk?.rows.map((r) => r.input.neighborhood)).toEqual(['Südstadt', 'Altstadt', 'Weststraße'])
  })

  it('reads Excel’s “Unicode Text” (UTF-16 LE with a byte-order mark, tab separated)', async () => {
    const p = await uploadFile(fixture('excel-unicode-text.txt'))
    expect(p.encoding).toBe('utf-16le')
    expect(p.errors).toEqual([])
    expect(names(p)).toEqual(['أمل خليل', 'Олена Коваленко', 'Jürgen Müller'])
  })

  it('reads UTF-16 BE with a byte-order mark', async () => {
    const p = await uploadFile(fixture('utf-16be-bom.csv'))
    expect(p.encoding).toBe('utf-16be')
    expect(names(p)).toEqual(['Dmytro Шевченко'])
  })

  it('reads UTF-8 with a byte-order mark (Excel’s “CSV UTF-8”) and without one', async () => {
    const withBom = await uploadFile(fixture('excel-csv-utf8.csv'))
    expect(withBom.encoding).toBe('utf-8')
    expect(withBom.errors).toEqual([])
    expect(names(withBom)).toEqual(['Jürgen Müller', 'عمر الحداد'])
    // The byte-order mark is not part of the first column's name.
    expect(withBom.warnings).toEqual([])
    const plain = await uploadFile(fixture('utf8-no-bom.csv'))
    expect(plain.encoding).toBe('utf-8')
    expect(names(plain)).toEqual(['Jürgen Müller', 'Ліна Бондар'])
  })

  it('answers encoding null when the file was sent as text', async () => {
    const p = await preview(program, 'name,role,languages\nAna,mentee,uk:native')
    expect(p.encoding).toBeNull()
  })

  it('refuses pictures, workbooks and other code pages with one problem that says what to do, storing nothing', async () => {
    const imports = () =>
      db.select().from(participantImports).where(eq(participantImports.programId, program))
    const previewed = () =>
      db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'participants.import_previewed'))
        .then((rows) => rows.length)
    const chunkCount = () =>
      db
        .select()
        .from(participantImportChunks)
        .then((rows) => rows.length)
    const importsBefore = (await imports()).length
    const auditBefore = await previewed()
    const chunksBefore = await chunkCount()
    const cases: [string, string, RegExp][] = [
      ['a picture', fixture('picture.png'), /not text/],
      ['an Excel workbook', fixture('workbook.xlsx'), /Excel workbook \(\.xlsx\)/],
      ['Cyrillic saved as Windows-1251', fixture('excel-windows-1251.csv'), /Cyrillic/],
      [
        'an old .xls',
        base64(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])),
        /\.xls/,
      ],
      ['text with NULs', base64(new TextEncoder().encode('name,role\u0000\u0000,languages\n')), /not text/],
      [
        'broken UTF-8 after a UTF-8 mark',
        base64(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0x28])),
        /not UTF-8/,
      ],
      ['an odd number of UTF-16 bytes', base64(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42])), /UTF-16/],
    ]
    for (const [what, file, why] of cases) {
      const res = await upload(program, { file, role: 'mentee' })
      const problem = await problemOf(res)
      expect(res.status, what).toBe(400)
      expect(problem.code, what).toBe('csv-encoding-unsupported')
      expect(problem.detail, what).toMatch(why)
      expect(problem.detail, what).toMatch(/CSV UTF-8/)
      expect(
        problem.errors?.map((e) => e.path),
        what,
      ).toEqual(['file'])
    }
    expect(await imports()).toHaveLength(importsBefore)
    expect(await previewed()).toBe(auditBefore)
    expect(await chunkCount()).toBe(chunksBefore)
    expect(await inProgram(program)).toEqual([])
  })

  it('refuses a `file` that is not base64, and a body with both or neither of `file` and `csv`', async () => {
    const { status, body } = await refusal(program, { file: 'not base64!' })
    expect(status).toBe(400)
    expect(body.errors?.map((e) => e.path)).toEqual(['file'])
    const wrongs: ImportBody[] = [{ file: fixture('utf8-no-bom.csv'), csv: 'name\nAna' }, { role: 'mentee' }]
    for (const wrong of wrongs) {
      const refused = await refusal(program, wrong)
      expect(refused.status).toBe(400)
      expect(refused.body.errors?.[0]?.message).toMatch(/`file`.*`csv`: one of the two/)
    }
    expect(await inProgram(program)).toEqual([])
  })
})
