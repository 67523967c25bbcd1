import {
  eventRsvps,
  events,
  insertTenant,
  matches,
  meetings,
  newId,
  participants,
  programs,
  type Tenant,
} from '@tandem/db'
import type { PeriodCell } from '@tandem/evidence'
import { beforeAll, describe, expect, it } from 'vitest'
import { indicatorCells } from '../src/features/indicators/service'
import { db, unique } from './support/client'

/** The day the figures are asked for: January to March 2026 have ended. */
const NOW = new Date('2026-04-10T12:00:00Z')
const at = (day: string) => new Date(`${day}T12:00:00Z`)

let tenant: Tenant
let programId: string

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
  const slug = unique('indicators')
  tenant = await insertTenant(db, {
    slug,
    name: 'Indicators',
    kind: 'ngo',
    country: 'DE',
    timezone: 'UTC',
    defaultLocale: 'en',
  })
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
