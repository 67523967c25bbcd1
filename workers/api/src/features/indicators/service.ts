import { type Database, programs } from '@tandem/db'
import {
  effectiveMinimum,
  gridMonths,
  type Month,
  nextMonth,
  type PeriodCell,
  suppressionReasons,
} from '@tandem/evidence'
import type { IndicatorBreakdown } from '@tandem/vocab'
import { inTenant } from '../../lib/sql'
import { localTime } from '../email/local-time'
import {
  applications,
  goalsMoved,
  groupActivities,
  type IndicatorContext,
  type IndicatorProvider,
  type RawFigure,
  surveyIndicators,
  tandems,
  waitingList,
  waitingTime,
} from './providers'

/**
 * Where the figures come from. Each provider returns raw figures for the grid months and the breakdown asked
 * for (and for `all`); suppression is applied once, over all of them together. Survey indicators plug in here.
 */
export const INDICATOR_PROVIDERS: readonly IndicatorProvider[] = [
  applications,
  waitingList,
  waitingTime,
  tandems,
  goalsMoved,
  groupActivities,
  surveyIndicators,
]

/** What an organization's figures depend on. */
export interface IndicatorTenant {
  id: string
  timezone: string
  minimumCellSize: number
}

export interface IndicatorQuery {
  /** Programs in scope; empty or null: every program of the organization. */
  programIds?: string[] | null
  /** First and last grid month, `YYYY-MM` (months that have not ended are left out). */
  from: Month
  to: Month
  by: IndicatorBreakdown
}

/** The instant local midnight of `day` (`YYYY-MM-DD`) begins in `timeZone`. */
export function zonedMidnight(day: string, timeZone: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`)
  // The zone's offset at that moment, read twice so a day that begins at a change of offset lands right.
  let at = guess
  for (let i = 0; i < 2; i++) {
    const local = localTime(new Date(at), timeZone)
    const wall = Date.parse(
      `${local.date}T${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}:00Z`,
    )
    at = guess - (wall - at)
  }
  return at
}

/** The grid months of a query on `now`, and where each begins (and the last ends) in the organization's zone. */
export function gridOf(tenant: IndicatorTenant, from: Month, to: Month, now: Date) {
  const months = gridMonths(from, to, localTime(now, tenant.timezone).date)
  const bounds = months.map((m) => zonedMidnight(`${m}-01`, tenant.timezone))
  const after = months.at(-1)
  if (after) bounds.push(zonedMidnight(`${nextMonth(after)}-01`, tenant.timezone))
  return { months, bounds }
}

/** Raw figures of every provider, unsuppressed: for the suppression step only, never for an answer. */
export async function rawFigures(
  db: Database,
  tenant: IndicatorTenant,
  query: IndicatorQuery,
  now: Date = new Date(),
  providers: readonly IndicatorProvider[] = INDICATOR_PROVIDERS,
): Promise<RawFigure[]> {
  const { months, bounds } = gridOf(tenant, query.from, query.to, now)
  if (months.length === 0) return []
  const ctx: IndicatorContext = {
    db,
    tenantId: tenant.id,
    programIds: query.programIds?.length ? query.programIds : null,
    months,
    bounds,
    by: query.by,
    year: Number(localTime(now, tenant.timezone).date.slice(0, 4)),
  }
  return (await Promise.all(providers.map((provider) => provider(ctx)))).flat()
}

/** Provider runs at once when figures are computed per program (each run is a handful of queries). */
const PROGRAMS_AT_ONCE = 4

/**
 * The figures of every program of the organization (no `program`) and of each of its programs (`program` set):
 * the one table every answer is suppressed in, so answers for different programs cannot be subtracted.
 */
async function figuresByProgram(
  db: Database,
  tenant: IndicatorTenant,
  query: IndicatorQuery,
  programIds: readonly string[],
  now: Date,
): Promise<RawFigure[]> {
  const out: RawFigure[] = await rawFigures(db, tenant, { ...query, programIds: null }, now)
  for (let i = 0; i < programIds.length; i += PROGRAMS_AT_ONCE) {
    const runs = programIds.slice(i, i + PROGRAMS_AT_ONCE).map(async (program) =>
      (await rawFigures(db, tenant, { ...query, programIds: [program] }, now)).map((f) => ({
        ...f,
        program,
      })),
    )
    for (const figures of await Promise.all(runs)) out.push(...figures)
  }
  return out
}

const cellKey = (f: { period: string; measure: string; group: { by: string; value: string } }) =>
  `${f.period}\u0000${f.measure}\u0000${f.group.by}\u0000${f.group.value}`

const cellOf = (f: RawFigure, hidden: boolean): PeriodCell =>
  hidden
    ? { period: f.period, group: f.group, measure: f.measure, value: null, n: null, suppressed: true }
    : { period: f.period, group: f.group, measure: f.measure, value: f.value, n: f.n, suppressed: false }

/**
 * An organization's indicators, suppressed: the one function every exit of figures calls (the API, the reports
 * page and its CSV, the public page, partner digests).
 *
 * `indicatorCells(db, tenant, { programIds, from, to, by }, now?) → PeriodCell[]`
 *
 * - `db`: the tenant's database (`dbFor(tenant)`); `tenant`: its id, time zone and minimum cell size.
 * - One cell per grid month (`period`, `YYYY-MM`, whole months in the organization's time zone that have ended,
 *   at most 24), measure and group: the `all` group always, and the groups of `by` when it is not `all`.
 * - Small cells and the cells that would let them be recomputed are suppressed (`value` and `n` null), by the
 *   organization's minimum (never below 3). See @tandem/evidence and decision 036.
 * - Suppression is done once, over the figures for every program and for each program together; every scope is
 *   answered from that one result. For every program: its cells. For one program: that program's cells. For
 *   several: their figures computed together, each shown only when that cell of every program in the scope is
 *   shown (it is then their sum, which anyone could add up). So no answer subtracted from another (one program
 *   from all, a partner's programs from all, the sum of single programs from all) gives back a hidden cell.
 * - Sorted by period, measure, then group.
 */
export async function indicatorCells(
  db: Database,
  tenant: IndicatorTenant,
  query: IndicatorQuery,
  now: Date = new Date(),
): Promise<PeriodCell[]> {
  const programIds = (
    await db.select({ id: programs.id }).from(programs).where(inTenant(programs, tenant.id))
  ).map((p) => p.id)
  const k = effectiveMinimum(tenant.minimumCellSize)
  const universe = await figuresByProgram(db, tenant, query, programIds, now)
  const reasons = suppressionReasons(universe, k)
  const scope = [...new Set(query.programIds ?? [])]
  let cells: PeriodCell[]
  if (scope.length === 0) {
    cells = universe.flatMap((f, i) => (f.program === undefined ? [cellOf(f, reasons[i] !== null)] : []))
  } else if (scope.length === 1) {
    cells = universe.flatMap((f, i) => (f.program === scope[0] ? [cellOf(f, reasons[i] !== null)] : []))
  } else {
    const hiddenIn = new Set(
      universe.flatMap((f, i) =>
        f.program !== undefined && scope.includes(f.program) && reasons[i] !== null ? [cellKey(f)] : [],
      ),
    )
    const together = await rawFigures(db, tenant, { ...query, programIds: scope }, now)
    const own = suppressionReasons(together, k)
    cells = together.map((f, i) => cellOf(f, own[i] === 'small' || hiddenIn.has(cellKey(f))))
  }
  return cells.sort(
    (a, b) =>
      a.period.localeCompare(b.period) ||
      a.measure.localeCompare(b.measure) ||
      (a.group.by === 'all' ? -1 : 0) - (b.group.by === 'all' ? -1 : 0) ||
      a.group.value.localeCompare(b.group.value),
  )
}
