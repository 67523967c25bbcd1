import {
  auditLog,
  eventRsvps,
  events,
  matches,
  meetings,
  neighborhoodIndicators,
  newId,
  participants,
  programs,
  surveyResponses,
  surveys,
  type Tenant,
  tenants,
} from '@tandem/db'
import type { PeriodCell } from '@tandem/evidence'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { impactCacheKey } from '../src/features/indicators/impact-page'
import { indicatorCells } from '../src/features/indicators/service'
import { Client, db, memberWithRole, orgWithOwner, problemOf, unique } from './support/client'

/** The day the figures are asked for: January to March 2026 have ended. */
const NOW = new Date('2026-04-10T12:00:00Z')
const at = (day: string) => new Date(`${day}T12:00:00Z`)

let tenant: Tenant
let programId: string
let org: { slug: string; owner: Client }

type Person = { gender?: string; consent?: boolean; created: string; role?: 'mentee' | 'mentor' }
async function people(count: number, p: Person) {
  const ids = Array.from({ length: count }, () => newId())
  const rows = ids.map((id) => ({
    id,
    tenantId: tenant.id,
    programId,
    role: p.role ?? ('mentee' as const),
    displayName: unique('Person'),
    preferredLocale: 'ar',
    languages: [{ code: 'ar', level: 'native' as const }],
    interests: [],
    status: 'ready' as const,
    demographics: p.gender ? { gender: p.gender } : null,
    demographicsConsentAt: p.consent === false ? null : at(p.created),
    createdAt: at(p.created),
  }))
  for (const row of rows) await db.insert(participants).values(row)
  return ids
}

async function match(
  menteeId: string,
  mentorId: string,
  started: string,
  extra: Partial<typeof matches.$inferInsert> = {},
) {
  const id = newId()
  await db.insert(matches).values({
    id,
    tenantId: tenant.id,
    programId,
    menteeId,
    mentorId,
    status: 'active',
    startedAt: at(started),
    ...extra,
  })
  return id
}

/**
 * Crafted: 12 women (Jan), 6 men and 2 of another gender (Feb), 3 who did not consent to tell (Mar); 8 mentors
 * from December. 10 women matched by the engine on 20 Jan (5 ended, completed, on 15 Mar), 6 men by hand on
 * 20 Feb. Two held meetings per women's tandem in February. An event on 14 Feb: 6 women came (one with two
 * family members), 2 asked for child care.
 */
beforeAll(async () => {
  org = await orgWithOwner('indicators')
  await db.update(tenants).set({ timezone: 'UTC' }).where(eq(tenants.slug, org.slug))
  tenant = (await db.select().from(tenants).where(eq(tenants.slug, org.slug)).get()) as Tenant
  programId = newId()
  await db.insert(programs).values({ id: programId, tenantId: tenant.id, name: 'Welcome', languages: ['ar'] })
  const women = await people(12, { gender: 'female', created: '2026-01-10' })
  const men = await people(6, { gender: 'Mann', created: '2026-02-05' })
  await people(2, { gender: 'divers', created: '2026-02-06' })
  await people(3, { gender: 'female', consent: false, created: '2026-03-03' })
  const mentors = await people(8, { role: 'mentor', created: '2025-12-01', consent: false })
  const womenMatches: string[] = []
  for (const [i, w] of women.slice(0, 10).entries())
    womenMatches.push(
      await match(
        w,
        mentors[i % 8] as string,
        '2026-01-20',
        i < 5
          ? { status: 'ended', endedAt: at('2026-03-15'), endReason: 'completed', proposalId: 'p' }
          : { proposalId: 'p' },
      ),
    )
  for (const [i, m] of men.entries()) await match(m, mentors[i] as string, '2026-02-20')
  const meetingRows = womenMatches.flatMap((matchId) =>
    ['2026-02-03', '2026-02-17'].map((date) => ({
      id: newId(),
      tenantId: tenant.id,
      programId,
      matchId,
      date,
      status: 'held' as const,
      source: 'coordinator' as const,
      updatedAt: NOW,
    })),
  )
  for (const row of meetingRows) await db.insert(meetings).values(row)
  const eventId = newId()
  await db.insert(events).values({
    id: eventId,
    tenantId: tenant.id,
    programId,
    title: 'Potluck',
    kind: 'potluck',
    startsAt: at('2026-02-14'),
    endsAt: at('2026-02-14'),
    online: true,
    updatedAt: NOW,
  })
  const rsvps = women.slice(0, 6).map((participantId, i) => ({
    id: newId(),
    tenantId: tenant.id,
    eventId,
    participantId,
    status: 'going' as const,
    guests: i === 0 ? 2 : 0,
    supports: i < 2 ? ['child-care'] : [],
    respondedAt: at('2026-02-01'),
    attended: i === 0 ? 3 : 1,
  }))
  for (const row of rsvps) await db.insert(eventRsvps).values(row)
})

const cellsOf = (cells: PeriodCell[]) =>
  Object.fromEntries(
    cells.map((c) => [
      `${c.period} ${c.measure} ${c.group.value}`,
      c.suppressed ? 'hidden' : c.value === c.n ? c.n : `${c.value} (n ${c.n})`,
    ]),
  )

describe('indicators on crafted data', () => {
  it('counts every measure exactly, per grid month', async () => {
    const cells = cellsOf(
      await indicatorCells(db, tenant, { from: '2026-01', to: '2026-04', by: 'all' }, NOW),
    )
    expect(cells).toMatchObject({
      '2026-01 applications all': 12,
      '2026-02 applications all': 8,
      '2026-03 applications all': 'hidden',
      '2026-01 waiting all': 'hidden', // 2 women still waiting
      '2026-03 waiting all': 7,
      '2026-01 waiting-days all': 10, // 10 days, 10 tandems
      '2026-02 waiting-days all': '15 (n 6)',
      '2026-01 matches-new all': 10,
      '2026-02 matches-new all': 6,
      '2026-02 matches-active all': 16,
      '2026-03 matches-active all': 16,
      '2026-02 meetings-per-match all': '1.3 (n 16)',
      '2026-03 closures all': 5,
      '2026-03 closures.completed all': 5,
      '2026-03 closures.mismatch all': 'hidden',
      '2026-03 closure-rate all': '31.3 (n 16)',
      '2026-03 match-length-days all': '54 (n 5)',
      '2026-02 event-attendance all': '8 (n 6)',
      '2026-02 supports-used.child-care all': 'hidden',
    })
    // April has not ended: nothing of it is published.
    expect(Object.keys(cells).some((k) => k.startsWith('2026-04'))).toBe(false)
  })

  it('breaks down by gender (through cohortOf) with small groups and their complements hidden', async () => {
    const cells = cellsOf(
      await indicatorCells(db, tenant, { from: '2026-01', to: '2026-03', by: 'gender' }, NOW),
    )
    expect(cells).toMatchObject({
      '2026-01 applications woman': 12,
      '2026-02 applications all': 8,
      '2026-02 applications other': 'hidden',
      // 6 men would give the 2 away from the total of 8.
      '2026-02 applications man': 'hidden',
      '2026-03 applications not-stated': 'hidden',
      '2026-02 matches-active woman': 10,
      '2026-02 matches-active man': 6,
      '2026-02 meetings-per-match woman': '2 (n 10)',
      '2026-02 meetings-per-match man': '0 (n 6)',
    })
  })

  it('breaks down by approach: matched by the engine, by hand, group activities', async () => {
    const cells = cellsOf(
      await indicatorCells(db, tenant, { from: '2026-02', to: '2026-02', by: 'approach' }, NOW),
    )
    expect(cells).toMatchObject({
      '2026-02 matches-active matched-by-engine': 10,
      '2026-02 matches-active matched-by-hand': 6,
      '2026-02 event-attendance group-activities': '8 (n 6)',
    })
  })
})

const Q1 = { from: '2026-01', to: '2026-03' }
const orgParam = () => ({ param: { org: org.slug } })

describe('every exit shows the same cells, suppressed the same way', () => {
  it('the API answers the cells of the service, with the minimum', async () => {
    const res = await org.owner.org.indicators.$get({
      ...orgParam(),
      query: { ...Q1, by: 'gender', program: programId },
    })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.minimumCellSize).toBe(5)
    expect(body.months).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(cellsOf(body.cells)).toMatchObject({
      '2026-02 applications other': 'hidden',
      '2026-02 applications man': 'hidden',
      '2026-02 matches-active man': 6,
    })
    const service = await indicatorCells(db, tenant, { from: '2026-01', to: '2026-03', by: 'gender' })
    expect(body.cells).toEqual(service)
    // A program of another organization is not found.
    const other = await orgWithOwner('other')
    const foreign = await other.owner.org.indicators.$get({
      param: { org: other.slug },
      query: { program: programId },
    })
    expect(foreign.status).toBe(404)
  })

  it('the CSV export holds the same cells (hidden ones empty), formula-safe with a BOM, and is audited', async () => {
    const [json, csv] = await Promise.all([
      org.owner.org.indicators.$get({ ...orgParam(), query: { ...Q1, by: 'gender' } }),
      org.owner.org.indicators.export.$get({ ...orgParam(), query: { ...Q1, by: 'gender' } }),
    ])
    const { cells } = await json.json()
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.startsWith('period,measure,by,group,value,n,suppressed\r\n')).toBe(true)
    const lines = text.trim().split('\r\n').slice(1)
    expect(lines).toHaveLength(cells.length)
    expect(lines).toContain('2026-02,applications,gender,other,,,yes')
    expect(lines).toContain('2026-02,matches-active,gender,man,6,6,no')
    for (const [i, c] of cells.entries())
      expect(lines[i]).toBe(
        [
          c.period,
          c.measure,
          c.group.by,
          c.group.value,
          c.value ?? '',
          c.n ?? '',
          c.suppressed ? 'yes' : 'no',
        ].join(','),
      )
    const logged = await db.select().from(auditLog).where(eq(auditLog.tenantId, tenant.id))
    expect(logged.some((e) => e.action === 'indicators.exported')).toBe(true)
  })

  it('the public page is off by default (404), and when on shows the same numbers and hides the same cells', async () => {
    // The public page is no route of the API.
    const page = () => new Client().get(`/o/${org.slug}/impact?lang=en`)
    expect((await page()).status).toBe(404)
    const patch = await org.owner.org['report-settings'].$patch({
      ...orgParam(),
      json: { impactPage: { enabled: true, measures: ['applications', 'matches-active', 'closures'] } },
    })
    expect(patch.status).toBe(200)
    const res = await page()
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toContain('max-age=')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await res.text()
    const all = await indicatorCells(db, tenant, { from: '2025-12', to: '2026-11', by: 'all' })
    const shownOnPage = (period: string, measure: string) => {
      const row =
        html.split(`<tr data-period="${period}" data-measure="${measure}">`)[1]?.split('</tr>')[0] ?? ''
      return row.includes('class="n hidden"')
        ? 'hidden'
        : row
            .replace(/<[^>]+>/g, '|')
            .split('|')
            .filter(Boolean)
            .at(-1)
    }
    for (const c of all.filter((c) => ['applications', 'matches-active', 'closures'].includes(c.measure)))
      expect(shownOnPage(c.period, c.measure)).toBe(c.suppressed ? 'hidden' : String(c.value))
    expect(shownOnPage('2026-03', 'applications')).toBe('hidden')
    expect(shownOnPage('2026-02', 'matches-active')).toBe('16')
    // Nothing else is published, nothing is fetched from elsewhere, and Arabic reads right to left.
    expect(html).not.toContain('waiting')
    expect(html).not.toMatch(/src="http|href="http/)
    const ar = await (await new Client().get(`/o/${org.slug}/impact?lang=ar`)).text()
    expect(ar).toContain('dir="rtl"')
  })

  it('a published page is rendered once per language and kept; what it publishes is read on every request', async () => {
    const page = (lang: string) =>
      new Client().get(`/o/${org.slug}/impact?lang=${lang}&visitor=${unique('v')}`)
    const on = await org.owner.org['report-settings'].$patch({
      ...orgParam(),
      json: { impactPage: { enabled: true, measures: ['applications'] } },
    })
    expect(on.status).toBe(200)
    const first = await page('de')
    expect(first.status).toBe(200)
    // Kept for the next visitors (whatever else their address carries), under the settings it was rendered with.
    const current = async () =>
      (await db.select().from(tenants).where(eq(tenants.id, tenant.id)).get()) as Tenant
    const kept = await caches.default.match(
      impactCacheKey('https://tandem.test', await current(), ['applications'], 'de'),
    )
    expect(await kept?.text()).toBe(await first.text())
    // Turned off behind the API's back: gone at once, although a rendered page is kept.
    const row = await current()
    await db
      .update(tenants)
      .set({ impactPage: { ...(row.impactPage ?? { measures: [] }), enabled: false } })
      .where(eq(tenants.id, tenant.id))
    expect((await page('de')).status).toBe(404)
    // On again with other measures: a page rendered under the old settings is never served.
    await org.owner.org['report-settings'].$patch({
      ...orgParam(),
      json: { impactPage: { enabled: true, measures: ['matches-active'] } },
    })
    const again = await (await page('de')).text()
    expect(again).toContain('data-measure="matches-active"')
    expect(again).not.toContain('data-measure="applications"')
    await org.owner.org['report-settings'].$patch({
      ...orgParam(),
      json: { impactPage: { enabled: false, measures: [] } },
    })
  })
})

describe('settings and neighbourhood statistics', () => {
  it('refuses a minimum below 3 with a field error, and a coordinator cannot change it', async () => {
    const low = await org.owner.org['report-settings'].$patch({ ...orgParam(), json: { minimumCellSize: 2 } })
    expect(low.status).toBe(400)
    const problem = await problemOf(low)
    expect(problem.errors).toContainEqual(
      expect.objectContaining({ path: 'minimumCellSize', code: 'too-small' }),
    )
    const coordinator = await memberWithRole(org, 'coordinator')
    const denied = await coordinator.client.org['report-settings'].$patch({
      ...orgParam(),
      json: { minimumCellSize: 8 },
    })
    expect(denied.status).toBe(403)
    const ok = await org.owner.org['report-settings'].$patch({ ...orgParam(), json: { minimumCellSize: 7 } })
    expect((await ok.json()).minimumCellSize).toBe(7)
    // A larger minimum hides more: the 6 men are now too few.
    const res = await coordinator.client.org.indicators.$get({
      ...orgParam(),
      query: { ...Q1, by: 'gender' },
    })
    expect(cellsOf((await res.json()).cells)['2026-02 matches-active man']).toBe('hidden')
    await org.owner.org['report-settings'].$patch({ ...orgParam(), json: { minimumCellSize: 5 } })
  })

  it('imports neighbourhood statistics from CSV, refusing the file with each bad row and column', async () => {
    const bad = await org.owner.org['neighborhood-indicators'].$post({
      ...orgParam(),
      json: {
        csv: 'neighbourhood,period,measure,value\nNordviertel,2026,school attendance %,91.5\n,2026-13,x,abc\n',
      },
    })
    expect(bad.status).toBe(400)
    const problem = await problemOf(bad)
    expect(problem.errors?.map((e) => `${e.path} ${e.code}`)).toEqual([
      'csv.3.neighbourhood required',
      'csv.3.period bad-format',
      'csv.3.value not-a-number',
    ])
    expect(
      await db.select().from(neighborhoodIndicators).where(eq(neighborhoodIndicators.tenantId, tenant.id)),
    ).toHaveLength(0)
    const good = await org.owner.org['neighborhood-indicators'].$post({
      ...orgParam(),
      json: {
        csv: '\ufeffNeighborhood;Period;Measure;Value;Source\n Nordviertel ;2026;school attendance %;91,5;City\nSüdpark;2026-Q1;civic participation %;40;City\n',
      },
    })
    expect(good.status).toBe(200)
    expect(await good.json()).toEqual({ imported: 2 })
    const list = await org.owner.org['neighborhood-indicators'].$get(orgParam())
    expect((await list.json()).items).toEqual([
      {
        neighborhoodGroup: 'nordviertel',
        period: '2026',
        measure: 'school attendance %',
        value: 91.5,
        source: 'City',
      },
      {
        neighborhoodGroup: 'südpark',
        period: '2026-Q1',
        measure: 'civic participation %',
        value: 40,
        source: 'City',
      },
    ])
  })
})

describe('survey indicators plug in as one more provider', () => {
  it('baseline answers per question, month by month, with small groups hidden', async () => {
    const surveyId = newId()
    await db.insert(surveys).values({
      id: surveyId,
      tenantId: tenant.id,
      programId,
      kind: 'baseline',
      audience: 'mentees',
      title: { en: 'Start' },
      questions: [
        { code: 'confidence.everyday', type: 'likert', text: { en: 'Confident?' }, required: true },
      ],
    })
    for (const [i, answer] of [4, 4, 5, 3, 4, 2].entries())
      await db.insert(surveyResponses).values({
        id: newId(),
        tenantId: tenant.id,
        surveyId,
        day: '2026-02-10',
        role: 'mentee',
        program: programId,
        languageGroup: 'ar',
        ageBand: 'other',
        gender: i < 3 ? 'woman' : 'man',
        arrivalBand: 'other',
        neighborhoodGroup: 'other',
        answers: { 'confidence.everyday': answer },
      })
    const cells = cellsOf(
      await indicatorCells(db, tenant, { from: '2026-02', to: '2026-02', by: 'gender' }, NOW),
    )
    expect(cells).toMatchObject({
      '2026-02 survey.confidence.everyday.baseline all': '3.67 (n 6)',
      '2026-02 survey.confidence.everyday.baseline woman': 'hidden',
      '2026-02 survey.confidence.everyday.baseline man': 'hidden',
    })
  })
})
