import {
  type Database,
  eventRsvps,
  events,
  goalRevisits,
  matches,
  meetings,
  participants,
  programs,
} from '@tandem/db'
import type { Figure, Month } from '@tandem/evidence'
import {
  type CohortAttribute,
  type CohortSource,
  cohortOf,
  EVENT_SUPPORTS,
  type IndicatorBreakdown,
  MATCH_END_REASONS,
} from '@tandem/vocab'
import { and, type Column, isNotNull, ne, or, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { inIds, inTenant } from '../../lib/sql'
import { surveyFigures } from '../surveys/indicators'

/** A figure before suppression (see @tandem/evidence): `n` people (or tandems) in a group and grid month. */
export interface RawFigure extends Figure {
  period: Month
}

/** What every provider is asked: one organization, its programs in scope, the grid months and one breakdown. */
export interface IndicatorContext {
  db: Database
  tenantId: string
  /** null: every program of the organization. */
  programIds: string[] | null
  months: Month[]
  /** `months.length + 1` instants (ms): where each month begins in the organization's time zone, and the end. */
  bounds: number[]
  by: IndicatorBreakdown
  /** The year cohorts are taken in (arrival bands). */
  year: number
}

/** A source of figures; the list in service.ts is where more (survey indicators) plug in. */
export type IndicatorProvider = (ctx: IndicatorContext) => Promise<RawFigure[]>

/** The group people without a stated value fall into (not told, or not consented to tell). */
export const NOT_STATED = 'not-stated'

const DAY = 86_400_000
const MONTH_MS = 30.4375 * DAY

// ---- grouping: SQL groups by the raw columns a cohort attribute reads; cohortOf() names the group -------------

/** The columns of `participants`, or of an alias of it (`mentee`, `waiter`): what a breakdown reads. */
type Person = Record<keyof typeof participants._.columns, Column>
const num = (n: number) => sql.raw(String(Math.trunc(n)))
const text = (s: string) => sql.raw(`'${s.replace(/'/g, "''")}'`)

/** The raw column of `p` the breakdown `by` reads (one expression), and whether `p` consented. */
function rawKey(by: IndicatorBreakdown, p: Person): SQL {
  switch (by) {
    case 'role':
      return sql`${p.role}`
    case 'program':
      return sql`${p.programId}`
    case 'languageGroup':
      return sql`${p.preferredLocale}`
    case 'ageBand':
      return sql`json_extract(${p.demographics}, '$.ageBand')`
    case 'gender':
      return sql`json_extract(${p.demographics}, '$.gender')`
    case 'arrivalBand':
      return sql`json_extract(${p.demographics}, '$.arrivalYear')`
    case 'neighborhoodGroup':
      return sql`${p.neighborhood}`
    default:
      return sql`'all'`
  }
}

/** The group a raw key falls into: `cohortOf()` itself decides (one definition with anonymous survey answers). */
function groupOf(by: IndicatorBreakdown, key: unknown, consented: boolean, year: number): string {
  if (by === 'all') return 'all'
  const k = key == null ? null : String(key)
  if (by === 'approach') return k ?? NOT_STATED
  const source: CohortSource = {
    role: by === 'role' ? (k ?? '') : '',
    programId: by === 'program' ? (k ?? '') : '',
    preferredLocale: by === 'languageGroup' ? (k ?? '') : '',
    neighborhood: by === 'neighborhoodGroup' ? k : null,
    demographics: {
      gender: by === 'gender' ? (k ?? undefined) : undefined,
      ageBand: by === 'ageBand' ? (k ?? undefined) : undefined,
      arrivalYear: by === 'arrivalBand' && k != null ? Number(k) : undefined,
    },
    demographicsConsentAt: consented ? 1 : null,
  }
  return cohortOf(source, year)[by as CohortAttribute] || NOT_STATED
}

/** The month of an instant column, on the organization's grid; null outside the months asked for. */
function monthOfInstant(ctx: IndicatorContext, column: Column | SQL): SQL {
  const whens = ctx.months.map(
    (m, i) =>
      sql`when ${column} >= ${num(ctx.bounds[i] as number)} and ${column} < ${num(ctx.bounds[i + 1] as number)} then ${text(m)}`,
  )
  return sql`case ${sql.join(whens, sql` `)} else null end`
}

const first = (ctx: IndicatorContext) => ctx.bounds[0] as number
const last = (ctx: IndicatorContext) => ctx.bounds[ctx.bounds.length - 1] as number

/** One aggregated row: a month, a raw key, consent, how many (n) and a sum for averages and rates. */
type Row = { period: string | null; key: unknown; consented: number; n: number; total: number | null }

/**
 * Rows of the same month and group merged (several raw keys fall into one group), then turned into figures:
 * `value` is `n` (a count), `total / n` (an average) or `100 × total / n` (a share, in percent).
 */
function figures(
  ctx: IndicatorContext,
  measure: string,
  rows: Row[],
  kind: 'count' | 'average' | 'percent' | 'sum',
  by: IndicatorBreakdown = ctx.by,
  fixedGroup?: string,
): RawFigure[] {
  const merged = new Map<string, { period: string; group: string; n: number; total: number }>()
  for (const r of rows) {
    if (!r.period) continue
    const group = fixedGroup ?? groupOf(by, r.key, Boolean(r.consented), ctx.year)
    const k = `${r.period}\u0000${group}`
    const m = merged.get(k) ?? { period: r.period, group, n: 0, total: 0 }
    m.n += Number(r.n)
    m.total += Number(r.total ?? 0)
    merged.set(k, m)
  }
  return [...merged.values()].map((m) => ({
    period: m.period,
    group: { by, value: m.group },
    measure,
    n: m.n,
    ...(kind === 'percent' ? { numerator: { count: m.total } } : {}),
    value:
      kind === 'count'
        ? m.n
        : kind === 'sum'
          ? m.total
          : m.n === 0
            ? 0
            : Math.round(((kind === 'percent' ? 100 : 1) * m.total * 10) / m.n) / 10,
  }))
}

/** The figures of one breakdown and of `all` (the totals the breakdown adds up to). */
async function both(
  ctx: IndicatorContext,
  run: (by: IndicatorBreakdown) => Promise<RawFigure[]>,
): Promise<RawFigure[]> {
  if (ctx.by === 'all') return run('all')
  const [all, grouped] = await Promise.all([run('all'), run(ctx.by)])
  return [...all, ...grouped]
}

const programFilter = (ctx: IndicatorContext, column: Column) =>
  ctx.programIds ? inIds(column, ctx.programIds) : undefined

// ---- people ------------------------------------------------------------------------------------------------

/** Applications: people (mentors and newcomers) who joined a program in the month. */
export const applications: IndicatorProvider = (ctx) =>
  both(ctx, async (by) => {
    if (by === 'approach') return []
    const p = participants
    const period = monthOfInstant(ctx, p.createdAt)
    const key = rawKey(by, p)
    const consented = sql<number>`(${p.demographicsConsentAt} is not null)`
    const rows = await ctx.db
      .select({
        period: sql<string>`${period}`,
        key: sql`${key}`,
        consented,
        n: sql<number>`count(*)`,
        total: sql<null>`null`,
      })
      .from(p)
      .where(
        inTenant(
          p,
          ctx.tenantId,
          programFilter(ctx, p.programId),
          sql`${p.createdAt} >= ${num(first(ctx))}`,
          sql`${p.createdAt} < ${num(last(ctx))}`,
        ),
      )
      .groupBy(period, key, consented)
    return figures(ctx, 'applications', rows, 'count', by)
  })

const mentee = alias(participants, 'mentee')
const menteeJoin = and(sql`${mentee.id} = ${matches.menteeId}`, sql`${mentee.tenantId} = ${matches.tenantId}`)
const menteeConsented = sql<number>`(${mentee.demographicsConsentAt} is not null)`

/** How the tandem was made: by the matching engine (from a proposal) or by hand. */
const approachKey = sql`case when ${matches.proposalId} is not null then 'matched-by-engine' else 'matched-by-hand' end`
const matchKey = (by: IndicatorBreakdown) => (by === 'approach' ? approachKey : rawKey(by, mentee))
const matchFigures = (
  ctx: IndicatorContext,
  by: IndicatorBreakdown,
  measure: string,
  rows: Row[],
  kind: 'count' | 'average' | 'percent',
) => figures(ctx, measure, rows, kind, by)

/** Newcomers waiting at the end of the month: joined before it ended, not matched by then, not exited. */
const waiter = alias(participants, 'waiter')

export const waitingList: IndicatorProvider = (ctx) =>
  both(ctx, async (by) => {
    if (by === 'approach') return []
    // An alias, so the columns of the correlated subquery below are named with their table.
    const p = waiter
    const key = rawKey(by, p)
    const consented = sql<number>`(${p.demographicsConsentAt} is not null)`
    const perMonth = ctx.months.map(
      (_, i) =>
        sql`sum(case when ${p.createdAt} < ${num(ctx.bounds[i + 1] as number)} and not exists (select 1 from "matches" "m" where "m"."tenant_id" = "waiter"."tenant_id" and "m"."mentee_id" = "waiter"."id" and "m"."started_at" < ${num(ctx.bounds[i + 1] as number)}) then 1 else 0 end)`,
    )
    const select: Record<string, SQL> = { key: sql`${key}`, consented }
    perMonth.forEach((s, i) => {
      select[`m${i}`] = s
    })
    const rows = (await ctx.db
      .select(select)
      .from(p)
      .where(
        inTenant(
          p,
          ctx.tenantId,
          programFilter(ctx, p.programId),
          sql`${p.role} = 'mentee'`,
          ne(p.status, 'exited'),
        ),
      )
      .groupBy(key, consented)) as Record<string, unknown>[]
    const flat: Row[] = rows.flatMap((r) =>
      ctx.months.map((m, i) => ({
        period: m,
        key: r.key,
        consented: Number(r.consented),
        n: Number(r[`m${i}`] ?? 0),
        total: null,
      })),
    )
    return figures(ctx, 'waiting', flat, 'count', by)
  })

/** Waiting time: days from joining to the start of the tandem, for tandems that started in the month. */
export const waitingTime: IndicatorProvider = (ctx) =>
  both(ctx, async (by) => {
    const period = monthOfInstant(ctx, matches.startedAt)
    const key = matchKey(by)
    const rows = await ctx.db
      .select({
        period: sql<string>`${period}`,
        key: sql`${key}`,
        consented: menteeConsented,
        n: sql<number>`count(*)`,
        total: sql<number>`sum(max(0, ${matches.startedAt} - ${mentee.createdAt}) / 86400000.0)`,
      })
      .from(matches)
      .innerJoin(mentee, menteeJoin)
      .where(
        inTenant(
          matches,
          ctx.tenantId,
          programFilter(ctx, matches.programId),
          sql`${matches.startedAt} >= ${num(first(ctx))}`,
          sql`${matches.startedAt} < ${num(last(ctx))}`,
        ),
      )
      .groupBy(period, key, menteeConsented)
    return matchFigures(ctx, by, 'waiting-days', rows, 'average')
  })

// ---- tandems -----------------------------------------------------------------------------------------------

/** Per month: tandems active at some time in it, started in it, ended in it (and why), their length. */
export const tandems: IndicatorProvider = async (ctx) =>
  (await Promise.all(chunksOf(ctx, 4).map(tandemsOfMonths))).flat()

/**
 * A query answers at most 100 columns (D1), and a month takes 18 here: the months are asked for four at a time,
 * each query one pass over the organization's tandems.
 */
function chunksOf(ctx: IndicatorContext, size: number): IndicatorContext[] {
  const chunks: IndicatorContext[] = []
  for (let i = 0; i < ctx.months.length; i += size)
    chunks.push({ ...ctx, months: ctx.months.slice(i, i + size), bounds: ctx.bounds.slice(i, i + size + 1) })
  return chunks
}

const tandemsOfMonths: IndicatorProvider = (ctx) =>
  both(ctx, async (by) => {
    const key = matchKey(by)
    const select: Record<string, SQL> = { key: sql`${key}`, consented: menteeConsented }
    ctx.months.forEach((_, i) => {
      const start = num(ctx.bounds[i] as number)
      const end = num(ctx.bounds[i + 1] as number)
      const active = sql`${matches.startedAt} < ${end} and (${matches.endedAt} is null or ${matches.endedAt} >= ${start})`
      const ended = sql`${matches.status} = 'ended' and ${matches.endedAt} >= ${start} and ${matches.endedAt} < ${end}`
      select[`active${i}`] = sql`sum(case when ${active} then 1 else 0 end)`
      select[`new${i}`] =
        sql`sum(case when ${matches.startedAt} >= ${start} and ${matches.startedAt} < ${end} then 1 else 0 end)`
      select[`ended${i}`] = sql`sum(case when ${ended} then 1 else 0 end)`
      select[`days${i}`] =
        sql`sum(case when ${ended} then (${matches.endedAt} - ${matches.startedAt}) / 86400000.0 else 0 end)`
      for (const reason of MATCH_END_REASONS)
        select[`r${i}_${reason}`] =
          sql`sum(case when ${ended} and ${matches.endReason} = ${text(reason)} then 1 else 0 end)`
      select[`r${i}_none`] = sql`sum(case when ${ended} and ${matches.endReason} is null then 1 else 0 end)`
      // Retention: tandems that reached 3, 6, 12 months in this month, and whether they were still going then.
      for (const months of [3, 6, 12]) {
        const at = sql`(${matches.startedAt} + ${num(months * MONTH_MS)})`
        const reached = sql`${at} >= ${start} and ${at} < ${end}`
        select[`base${months}_${i}`] = sql`sum(case when ${reached} then 1 else 0 end)`
        select[`kept${months}_${i}`] =
          sql`sum(case when ${reached} and (${matches.endedAt} is null or ${matches.endedAt} >= ${at}) then 1 else 0 end)`
      }
    })
    const period = sql`substr(${meetings.date}, 1, 7)`
    const heldQuery = ctx.db
      .select({
        period: sql<string>`${period}`,
        key: sql`${key}`,
        consented: menteeConsented,
        n: sql<number>`count(*)`,
        total: sql<null>`null`,
      })
      .from(meetings)
      .innerJoin(
        matches,
        and(sql`${matches.id} = ${meetings.matchId}`, sql`${matches.tenantId} = ${meetings.tenantId}`),
      )
      .innerJoin(mentee, menteeJoin)
      .where(
        inTenant(
          meetings,
          ctx.tenantId,
          programFilter(ctx, meetings.programId),
          sql`${meetings.status} = 'held'`,
          sql`${meetings.date} >= ${text(`${ctx.months[0]}-01`)}`,
          sql`${meetings.date} <= ${text(`${ctx.months[ctx.months.length - 1]}-31`)}`,
        ),
      )
      .groupBy(period, key, menteeConsented)
    const rowsQuery = ctx.db
      .select(select)
      .from(matches)
      .innerJoin(mentee, menteeJoin)
      .where(
        inTenant(
          matches,
          ctx.tenantId,
          programFilter(ctx, matches.programId),
          sql`${matches.startedAt} < ${num(last(ctx))}`,
          or(
            sql`${matches.endedAt} is null`,
            sql`${matches.endedAt} >= ${num(first(ctx) - 12 * MONTH_MS - DAY)}`,
          ),
        ),
      )
      .groupBy(sql`${key}`, menteeConsented)
    const [held, rows] = (await Promise.all([heldQuery, rowsQuery])) as [Row[], Record<string, unknown>[]]
    const rowsOf = (
      n: (r: Record<string, unknown>, i: number) => number,
      total?: (r: Record<string, unknown>, i: number) => number,
    ): Row[] =>
      rows.flatMap((r) =>
        ctx.months.map((m, i) => ({
          period: m,
          key: r.key,
          consented: Number(r.consented),
          n: n(r, i),
          total: total ? total(r, i) : null,
        })),
      )
    const col = (name: string) => (r: Record<string, unknown>, i: number) =>
      Number(r[name.replace('#', String(i))] ?? 0)
    const out: RawFigure[] = [
      ...matchFigures(ctx, by, 'matches-active', rowsOf(col('active#')), 'count'),
      ...matchFigures(ctx, by, 'matches-new', rowsOf(col('new#')), 'count'),
      ...matchFigures(ctx, by, 'closures', rowsOf(col('ended#')), 'count'),
      ...matchFigures(ctx, by, 'closure-rate', rowsOf(col('active#'), col('ended#')), 'percent').map((f) => ({
        ...f,
        numerator: { count: f.numerator?.count ?? 0, measure: 'closures' },
      })),
      ...matchFigures(ctx, by, 'match-length-days', rowsOf(col('ended#'), col('days#')), 'average'),
    ]
    for (const reason of [...MATCH_END_REASONS, 'none'] as const)
      out.push(
        ...matchFigures(
          ctx,
          by,
          `closures.${reason === 'none' ? NOT_STATED : reason}`,
          rowsOf(col(`r#_${reason}`)),
          'count',
        ),
      )
    // Meetings held per active tandem in the month (n: active tandems).
    const heldBy = new Map<string, number>()
    for (const f of figures(ctx, 'held', held, 'count', by))
      heldBy.set(`${f.period}\u0000${f.group.value}`, f.n)
    for (const f of out.filter((f) => f.measure === 'matches-active'))
      out.push({
        ...f,
        measure: 'meetings-per-match',
        value:
          f.n === 0
            ? 0
            : Math.round(((heldBy.get(`${f.period}\u0000${f.group.value}`) ?? 0) * 10) / f.n) / 10,
      })
    for (const months of [3, 6, 12])
      out.push(
        ...matchFigures(
          ctx,
          by,
          `retention-${months}m`,
          rowsOf(col(`base${months}_#`), col(`kept${months}_#`)),
          'percent',
        ),
      )
    return out
  })

/** Goals moved (to another status or area) in the month, by the area they are in now (n: tandems). */
export const goalsMoved: IndicatorProvider = (ctx) =>
  both(ctx, async (by) => {
    const key = matchKey(by)
    const period = monthOfInstant(ctx, goalRevisits.createdAt)
    const moved = or(
      ne(goalRevisits.statusBefore, goalRevisits.statusAfter),
      ne(goalRevisits.areaBefore, goalRevisits.areaAfter),
    )
    const select = {
      period: sql<string>`${period}`,
      area: goalRevisits.areaAfter,
      key: sql`${key}`,
      consented: menteeConsented,
      n: sql<number>`count(distinct ${goalRevisits.matchId})`,
      total: sql<number>`count(*)`,
    }
    const where = inTenant(
      goalRevisits,
      ctx.tenantId,
      programFilter(ctx, matches.programId),
      moved,
      sql`${goalRevisits.createdAt} >= ${num(first(ctx))}`,
      sql`${goalRevisits.createdAt} < ${num(last(ctx))}`,
    )
    const join = and(
      sql`${matches.id} = ${goalRevisits.matchId}`,
      sql`${matches.tenantId} = ${goalRevisits.tenantId}`,
    )
    const [byArea, overall] = await Promise.all([
      ctx.db
        .select(select)
        .from(goalRevisits)
        .innerJoin(matches, join)
        .innerJoin(mentee, menteeJoin)
        .where(where)
        .groupBy(period, goalRevisits.areaAfter, key, menteeConsented),
      ctx.db
        .select({ ...select, area: sql<string>`''` })
        .from(goalRevisits)
        .innerJoin(matches, join)
        .innerJoin(mentee, menteeJoin)
        .where(where)
        .groupBy(period, key, menteeConsented),
    ])
    const fix = (rows: Row[]) => rows
    const areas = [...new Set(byArea.map((r) => r.area))]
    return [
      ...figures(ctx, 'goals-moved', fix(overall), 'sum', by),
      ...areas.flatMap((area) =>
        figures(ctx, `goals-moved.${area}`, fix(byArea.filter((r) => r.area === area)), 'sum', by),
      ),
    ]
  })

// ---- group activities --------------------------------------------------------------------------------------

/** People who came to group activities in the month (value: everyone who came, family included) and supports used. */
export const groupActivities: IndicatorProvider = (ctx) =>
  both(ctx, async (by) => {
    const p = participants
    const key = by === 'approach' ? sql`'group-activities'` : rawKey(by, p)
    const consented = sql<number>`(${p.demographicsConsentAt} is not null)`
    const period = monthOfInstant(ctx, events.startsAt)
    const base = and(
      inTenant(
        events,
        ctx.tenantId,
        programFilter(ctx, events.programId as Column),
        ne(events.status, 'cancelled'),
      ),
      sql`${events.startsAt} >= ${num(first(ctx))}`,
      sql`${events.startsAt} < ${num(last(ctx))}`,
    )
    const joinRsvp = and(
      sql`${eventRsvps.eventId} = ${events.id}`,
      sql`${eventRsvps.tenantId} = ${events.tenantId}`,
    )
    const joinPerson = and(
      sql`${p.id} = ${eventRsvps.participantId}`,
      sql`${p.tenantId} = ${eventRsvps.tenantId}`,
    )
    const supportCols: Record<string, SQL> = {}
    for (const s of EVENT_SUPPORTS)
      supportCols[s] =
        sql`count(distinct case when exists (select 1 from json_each(${eventRsvps.supports}) where value = ${text(s)}) then ${eventRsvps.participantId} end)`
    const rows = (await ctx.db
      .select({
        period: sql<string>`${period}`,
        key: sql`${key}`,
        consented,
        came: sql<number>`count(distinct case when ${eventRsvps.attended} > 0 then ${eventRsvps.participantId} end)`,
        everyone: sql<number>`coalesce(sum(case when ${eventRsvps.attended} > 0 then ${eventRsvps.attended} else 0 end), 0)`,
        supported: sql<number>`count(distinct case when json_array_length(${eventRsvps.supports}) > 0 and ${eventRsvps.status} = 'going' then ${eventRsvps.participantId} end)`,
        ...supportCols,
      })
      .from(events)
      .innerJoin(eventRsvps, joinRsvp)
      .innerJoin(p, joinPerson)
      .where(and(base, isNotNull(eventRsvps.id)))
      .groupBy(period, key, consented)) as (Record<string, unknown> & {
      period: string
      key: unknown
      consented: number
    })[]
    const fix = (r: (typeof rows)[number]) => ({
      period: r.period,
      key: r.key,
      consented: Number(r.consented),
    })
    const out = [
      ...figures(
        ctx,
        'event-attendance',
        rows.map((r) => ({ ...fix(r), n: Number(r.came), total: Number(r.everyone) })),
        'sum',
        by,
      ),
      ...figures(
        ctx,
        'supports-used',
        rows.map((r) => ({ ...fix(r), n: Number(r.supported), total: null })),
        'count',
        by,
      ),
    ]
    for (const s of EVENT_SUPPORTS)
      out.push(
        ...figures(
          ctx,
          `supports-used.${s}`,
          rows.map((r) => ({ ...fix(r), n: Number(r[s]), total: null })),
          'count',
          by,
        ),
      )
    return out
  })

// ---- surveys -----------------------------------------------------------------------------------------------

/**
 * Survey indicators (decision 035): the mean answer per Likert question at baseline and at exit
 * (`survey.<code>.baseline`, `survey.<code>.exit`), from anonymous answers and the cohort groups stored with them,
 * month by month like every other figure; `n` is the number of answers. Suppressed with the rest.
 */
export const surveyIndicators: IndicatorProvider = async (ctx) => {
  const programIds =
    ctx.programIds ??
    (await ctx.db.select({ id: programs.id }).from(programs).where(inTenant(programs, ctx.tenantId))).map(
      (p) => p.id,
    ) // every program: `inIds` binds the list as one parameter
  if (programIds.length === 0) return []
  const perMonth = await Promise.all(
    ctx.months.map(async (period) => {
      const from = `${period}-01`
      const to = `${period}-31`
      const run = async (by: IndicatorBreakdown) =>
        (await surveyFigures(ctx.db, ctx.tenantId, { programIds, from, to, by })).map((f) => ({
          ...f,
          period,
        }))
      return ctx.by === 'all' ? run('all') : (await Promise.all([run('all'), run(ctx.by)])).flat()
    }),
  )
  return perMonth.flat()
}
