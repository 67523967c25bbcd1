import { checkIns, type Database, matches, meetings, programs, type Tenant } from '@tandem/db'
import { can, type Role } from '@tandem/vocab'
import { and, asc, eq, isNotNull, lte, sql } from 'drizzle-orm'
import type { Scope } from '../../factory'
import { addDays, daysBetween } from '../../lib/days'
import { firstName } from '../../lib/participant-events'
import {
  mentee,
  menteeName,
  mentor,
  mentorName,
  named,
  notEnded,
  recipientOf,
  withTandem,
} from '../../lib/sides'
import { inTenant } from '../../lib/sql'
import { auditOpenConcernsRead, openConcernsQuery } from '../concerns/service'
import { localTime } from '../email/local-time'
import { endRequestsOf, openEndRequestQueries } from '../matches/service'
import { fadingOf, neverContactedOf, type TandemDates } from './fading'
import type { AttentionItem } from './schema'

/** At most this many items in one answer (with the total): the oldest, which have waited longest. */
export const ATTENTION_LIMIT = 100
/** A match (not ended) is listed this many days before its planned end, and after it until it ends. */
export const PLANNED_END_NOTICE_DAYS = 14

/** Matches not ended whose planned end is at most `PLANNED_END_NOTICE_DAYS` after `today`, earliest first. */
function endingTandemsQuery(db: Database, tenantId: string, today: string) {
  const horizon = addDays(today, PLANNED_END_NOTICE_DAYS)
  return withTandem(
    db
      .select({
        id: matches.id,
        programId: matches.programId,
        programName: programs.name,
        plannedEndOn: matches.plannedEndOn,
        mentee: menteeName,
        mentor: mentorName,
      })
      .from(matches)
      .$dynamic(),
  )
    .where(notEnded(tenantId, and(isNotNull(matches.plannedEndOn), lte(matches.plannedEndOn, horizon))))
    .orderBy(asc(matches.plannedEndOn), asc(matches.id))
    .limit(ATTENTION_LIMIT + 1)
}

/**
 * Every active match of the organization with what the fading check needs, in one query: the latest held
 * meeting up to today, whether one is planned from today on, and whether the two ever met (a held meeting or a
 * check-in answered "we met"). Dates are the organization's local days.
 */
export async function activeTandems(db: Database, tenant: Pick<Tenant, 'id' | 'timezone'>, now: Date) {
  const today = localTime(now, tenant.timezone).date
  return { today, tandems: tandemsOf(await activeTandemsQuery(db, tenant.id, today), tenant) }
}

/** The read of `activeTandems`, to send in a batch with others; `tandemsOf` makes its rows tandems. */
function activeTandemsQuery(db: Database, tenantId: string, today: string) {
  const ofMatch = sql`${meetings.tenantId} = ${matches.tenantId} and ${meetings.matchId} = ${matches.id}`
  return withTandem(
    db
      .select({
        id: matches.id,
        programId: matches.programId,
        programName: programs.name,
        cadence: programs.meetingCadenceDays,
        startedAt: matches.startedAt,
        lastHeld: sql<
          string | null
        >`(select max(${meetings.date}) from ${meetings} where ${ofMatch} and ${meetings.status} = 'held' and ${meetings.date} <= ${today})`,
        planned: sql<number>`exists (select 1 from ${meetings} where ${ofMatch} and ${meetings.status} = 'scheduled' and ${meetings.date} >= ${today})`,
        contacted: sql<number>`(exists (select 1 from ${meetings} where ${ofMatch} and ${meetings.status} = 'held') or exists (select 1 from ${checkIns} where ${checkIns.tenantId} = ${matches.tenantId} and ${checkIns.matchId} = ${matches.id} and ${checkIns.answer} = 'met'))`,
        mentee: { id: named(mentee.id, 'mentee_id'), name: menteeName },
        mentor: recipientOf(mentor),
      })
      .from(matches)
      .$dynamic(),
  ).where(inTenant(matches, tenantId, eq(matches.status, 'active')))
}

function tandemsOf(
  rows: Awaited<ReturnType<typeof activeTandemsQuery>>,
  tenant: Pick<Tenant, 'id' | 'timezone'>,
) {
  return rows.map((r) => {
    const dates: TandemDates = {
      start: localTime(r.startedAt, tenant.timezone).date,
      cadence: r.cadence,
      lastHeld: r.lastHeld,
      planned: Boolean(r.planned),
      contacted: Boolean(r.contacted),
    }
    return { ...r, dates }
  })
}

/**
 * What needs a coordinator now (decision 028), oldest first: never-contacted newcomers (since the start),
 * fading tandems (since the last meeting), open requests to end (since the earliest request), open or in-progress
 * concerns (since they were raised; only for a role that may read concerns, and that read is audited), and matches
 * reaching their planned end within `PLANNED_END_NOTICE_DAYS` (by that day; decision 031). A
 * never-contacted tandem is listed once, as such, though it is also quiet. At most `ATTENTION_LIMIT` items.
 */
export async function attentionList(scope: Scope, tenant: Pick<Tenant, 'id' | 'timezone'>, role: Role) {
  const today = localTime(scope.now, tenant.timezone).date
  const [requestRows, requestCount] = openEndRequestQueries(scope)
  // One round trip for the five reads (a batch; each names its columns apart, see `named`).
  const [tandemRows, requestItems, requestTotal, concerns, ending] = await scope.db.batch([
    activeTandemsQuery(scope.db, tenant.id, today),
    requestRows,
    requestCount,
    openConcernsQuery(scope, ATTENTION_LIMIT + 1, can(role, 'concerns:read')),
    endingTandemsQuery(scope.db, tenant.id, today),
  ])
  await auditOpenConcernsRead(scope, concerns.length)
  const tandems = tandemsOf(tandemRows, tenant)
  const requests = endRequestsOf(requestItems, requestTotal)
  const items: AttentionItem[] = []
  const base = (t: (typeof tandems)[number]) => ({
    matchId: t.id,
    programId: t.programId,
    programName: t.programName,
    mentee: firstName(t.mentee.name),
    mentor: firstName(t.mentor.name),
  })
  for (const t of tandems) {
    const never = neverContactedOf(t.dates, today)
    if (never) {
      items.push({ kind: 'never-contacted', ...base(t), since: never.since, days: never.days })
      continue
    }
    const fading = fadingOf(t.dates, today)
    if (fading) items.push({ kind: 'fading', ...base(t), since: fading.since, days: fading.days })
  }
  for (const m of requests.items) {
    const at = [m.endRequests.mentee?.at, m.endRequests.mentor?.at].filter((x): x is string => !!x).sort()[0]
    if (!at) continue
    const since = localTime(new Date(at), tenant.timezone).date
    items.push({
      kind: 'end-request',
      matchId: m.id,
      programId: m.programId,
      programName: m.programName,
      mentee: firstName(m.mentee.displayName),
      mentor: firstName(m.mentor.displayName),
      since,
      days: daysBetween(since, today),
    })
  }
  for (const { concern: c, programName, menteeName, mentorName } of concerns) {
    const since = localTime(c.createdAt, tenant.timezone).date
    items.push({
      kind: 'concern',
      matchId: c.matchId,
      programId: c.programId,
      programName,
      mentee: firstName(menteeName),
      mentor: firstName(mentorName),
      since,
      days: daysBetween(since, today),
      concern: { id: c.id, severity: c.severity, status: c.status, nameToOtherSide: c.nameToOtherSide },
    })
  }
  for (const m of ending.slice(0, ATTENTION_LIMIT)) {
    const since = m.plannedEndOn as string
    items.push({
      kind: 'planned-end',
      matchId: m.id,
      programId: m.programId,
      programName: m.programName,
      mentee: firstName(m.mentee),
      mentor: firstName(m.mentor),
      since,
      days: daysBetween(since, today),
    })
  }
  items.sort(
    (a, b) =>
      a.since.localeCompare(b.since) || a.kind.localeCompare(b.kind) || a.matchId.localeCompare(b.matchId),
  )
  // Requests to end beyond the first hundred are counted, not listed (planned ends beyond it: at least one more).
  return {
    items: items.slice(0, ATTENTION_LIMIT),
    total: items.length + requests.total - requests.items.length + (ending.length > ATTENTION_LIMIT ? 1 : 0),
  }
}
