import { type Database, neighborhoodIndicators, programs, type Tenant } from '@tandem/db'
import {
  effectiveMinimum,
  lastCompleteMonth,
  MAX_MONTHS,
  type Month,
  type PeriodCell,
} from '@tandem/evidence'
import { type IndicatorBreakdown, MINIMUM_CELL_SIZE, neighborhoodGroup } from '@tandem/vocab'
import { sql } from 'drizzle-orm'
import Papa from 'papaparse'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor, changeTenant } from '../../lib/audit'
import type { FieldError } from '../../lib/field-errors'
import { notFound, Problem } from '../../lib/problem'
import { inTenant, tenantRow } from '../../lib/sql'
import { localTime } from '../email/local-time'
import { formulaLike } from '../participants/csv-columns'
import {
  type ImpactPage,
  MEASURE_FAMILIES,
  type MeasureFamily,
  type NeighborhoodImportBody,
  type ReportSettingsBody,
} from './schema'
import { indicatorCells } from './service'

export interface IndicatorRequest {
  program?: string
  from?: Month
  to?: Month
  by: IndicatorBreakdown
}

/** The months a request covers: by default the twelve that ended last (the grid drops months still running). */
export function requestedMonths(tenant: Tenant, q: { from?: Month; to?: Month }, now: Date) {
  const last = lastCompleteMonth(localTime(now, tenant.timezone).date)
  const to = q.to ?? last
  const year = Number(to.slice(0, 4))
  const month = Number(to.slice(5, 7))
  const back = year * 12 + month - 1 - 11
  const from = q.from ?? `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, '0')}`
  return { from, to }
}

/** The indicators of a request, suppressed, with what the answer is about. A foreign program answers 404. */
export async function indicatorsFor(db: Database, tenant: Tenant, q: IndicatorRequest, now: Date) {
  if (q.program) {
    const program = await db
      .select({ id: programs.id })
      .from(programs)
      .where(tenantRow(programs, tenant.id, q.program))
      .get()
    if (!program) throw notFound('No such program in this organization.')
  }
  const { from, to } = requestedMonths(tenant, q, now)
  const programIds = q.program ? [q.program] : []
  const [cells, programList] = await Promise.all([
    indicatorCells(db, tenant, { programIds, from, to, by: q.by }, now),
    db
      .select({ id: programs.id, name: programs.name })
      .from(programs)
      .where(inTenant(programs, tenant.id))
      .orderBy(programs.name)
      .limit(100),
  ])
  return {
    cells,
    minimumCellSize: effectiveMinimum(tenant.minimumCellSize),
    months: [...new Set(cells.map((c) => c.period))],
    by: q.by,
    programIds,
    measures: [...new Set(cells.map((c) => c.measure))],
    programs: programList,
  }
}

const safe = (value: string) => (formulaLike.test(value) ? `'${value}` : value)

/** Cells as CSV: UTF-8 with a byte-order mark, formula-safe, a suppressed cell's value and n empty. */
export function cellsCsv(cells: PeriodCell[]): string {
  const rows = cells.map((c) => [
    c.period,
    safe(c.measure),
    c.group.by,
    safe(c.group.value),
    c.suppressed ? '' : String(c.value),
    c.suppressed ? '' : String(c.n),
    c.suppressed ? 'yes' : 'no',
  ])
  const body = Papa.unparse(
    { fields: ['period', 'measure', 'by', 'group', 'value', 'n', 'suppressed'], data: rows },
    { newline: '\r\n' },
  )
  return `\ufeff${body}\r\n`
}

/** The CSV export of a request's indicators, audited as an export (what was asked, how many cells). */
export async function exportIndicators(scope: Scope, tenant: Tenant, q: IndicatorRequest) {
  const result = await indicatorsFor(scope.db, tenant, q, scope.now)
  await auditFor(scope)(
    'indicators.exported',
    { type: 'org', id: tenant.id },
    {
      by: q.by,
      program: q.program ?? null,
      from: result.months[0] ?? null,
      to: result.months.at(-1) ?? null,
      cells: result.cells.length,
    },
  )
  return {
    csv: cellsCsv(result.cells),
    count: result.cells.length,
    fileName: `indicators-${tenant.slug}-${q.by}.csv`,
  }
}

export type ImpactSettings = v.InferOutput<typeof ImpactPage>
export const impactOf = (tenant: Tenant): ImpactSettings => ({
  enabled: tenant.impactPage?.enabled === true,
  measures: (tenant.impactPage?.measures ?? []).filter((m): m is MeasureFamily =>
    (MEASURE_FAMILIES as readonly string[]).includes(m),
  ),
})

export function reportSettingsOut(tenant: Tenant) {
  const impactPage = impactOf(tenant)
  return {
    minimumCellSize: effectiveMinimum(tenant.minimumCellSize),
    impactPage,
    impactPath: impactPage.enabled ? `/o/${tenant.slug}/impact` : null,
  }
}

/** Changes the minimum cell size and the public page's settings (control database), audited in the same batch. */
export async function updateReportSettings(
  { db: control, actorId: actorUserId, now }: Scope,
  tenant: Tenant,
  input: v.InferOutput<typeof ReportSettingsBody>,
): Promise<Tenant> {
  const changes: Partial<Tenant> = {}
  if (input.minimumCellSize !== undefined)
    changes.minimumCellSize = Math.max(MINIMUM_CELL_SIZE.floor, input.minimumCellSize)
  if (input.impactPage !== undefined)
    changes.impactPage = {
      enabled: input.impactPage.enabled,
      measures: [...new Set(input.impactPage.measures)],
    }
  if (Object.keys(changes).length === 0)
    throw new Problem('invalid-request', {
      errors: [
        {
          location: 'body',
          path: '',
          code: 'nothing-to-change',
          message: 'Send at least one field to change.',
        },
      ],
    })
  await changeTenant(
    control,
    tenant,
    changes,
    {
      actorUserId,
      action: 'reports.settings_updated',
      targetType: 'organization',
      meta: {
        minimumCellSize: changes.minimumCellSize ?? null,
        impactPage: changes.impactPage ? changes.impactPage.enabled : null,
        measures: changes.impactPage ? changes.impactPage.measures.join(',') : null,
      },
    },
    now,
  )
  return { ...tenant, ...changes }
}

// ---- neighbourhood statistics -------------------------------------------------------------------------------

const NEIGHBORHOOD_COLUMNS = ['neighbourhood', 'period', 'measure', 'value'] as const
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/
export const MAX_NEIGHBORHOOD_ROWS = 5000

/**
 * Imports public statistics per neighbourhood and period from CSV (columns `neighbourhood` — or `neighborhood` —,
 * `period` as `YYYY`, `YYYY-MM` or `YYYY-Qn`, `measure`, `value`, optional `source`). Every row is checked first;
 * any error refuses the whole file with each error's row (header = 1) and column, and nothing is stored. A row for
 * a neighbourhood, period and measure already held replaces it.
 */
export async function importNeighborhoodIndicators(
  scope: Scope,
  input: v.InferOutput<typeof NeighborhoodImportBody>,
) {
  const parsed = Papa.parse<Record<string, string>>(input.csv.replace(/^\ufeff/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase().replace('neighborhood', 'neighbourhood'),
  })
  const fields = parsed.meta.fields ?? []
  const missing = NEIGHBORHOOD_COLUMNS.filter((c) => !fields.includes(c))
  if (missing.length)
    throw new Problem('csv-unreadable', {
      detail: `Columns missing: ${missing.join(', ')}.`,
      errors: [
        {
          location: 'body',
          path: 'csv',
          code: 'missing-columns',
          params: { options: missing },
          message: `Columns missing: ${missing.join(', ')}.`,
        },
      ],
    })
  if (parsed.data.length === 0 || parsed.data.length > MAX_NEIGHBORHOOD_ROWS)
    throw new Problem('csv-unreadable', {
      detail: `Send between 1 and ${MAX_NEIGHBORHOOD_ROWS} rows.`,
      errors: [
        {
          location: 'body',
          path: 'csv',
          code: 'too-many',
          params: { max: MAX_NEIGHBORHOOD_ROWS },
          message: `Send between 1 and ${MAX_NEIGHBORHOOD_ROWS} rows.`,
        },
      ],
    })
  const errors: FieldError[] = []
  const rows: (typeof neighborhoodIndicators.$inferInsert)[] = []
  const error = (row: number, column: string, code: FieldError['code'], message: string) =>
    errors.push({ location: 'body', path: `csv.${row}.${column}`, code, message })
  parsed.data.forEach((r, i) => {
    const line = i + 2
    const group = neighborhoodGroup(r.neighbourhood)
    const period = (r.period ?? '').trim()
    const measure = (r.measure ?? '').trim()
    const raw = (r.value ?? '').trim().replace(',', '.')
    const value = Number(raw)
    const before = errors.length
    if (!group) error(line, 'neighbourhood', 'required', 'Name the neighbourhood.')
    else if (group.length > 80) error(line, 'neighbourhood', 'too-long', 'Use at most 80 characters.')
    if (!PERIOD.test(period))
      error(line, 'period', 'bad-format', 'Write the period as YYYY, YYYY-MM or YYYY-Qn.')
    if (!measure) error(line, 'measure', 'required', 'Name what is measured.')
    else if (measure.length > 80) error(line, 'measure', 'too-long', 'Use at most 80 characters.')
    if (raw === '' || !Number.isFinite(value)) error(line, 'value', 'not-a-number', 'Use a number.')
    if (errors.length === before)
      rows.push({
        tenantId: scope.tenantId,
        neighborhoodGroup: group as string,
        period,
        measure,
        value,
        source: (r.source ?? '').trim().slice(0, 200) || input.source,
        createdAt: scope.now,
      })
  })
  if (errors.length)
    throw new Problem('invalid-request', {
      detail: 'Some rows cannot be imported.',
      errors: errors.slice(0, 200),
    })
  const { db } = scope
  // The last row of a neighbourhood, period and measure wins; 12 rows (8 values each) per statement.
  const unique = [
    ...new Map(rows.map((r) => [`${r.neighborhoodGroup}\u0000${r.period}\u0000${r.measure}`, r])).values(),
  ]
  const upserts = []
  for (let i = 0; i < unique.length; i += 12)
    upserts.push(
      db
        .insert(neighborhoodIndicators)
        .values(unique.slice(i, i + 12))
        .onConflictDoUpdate({
          target: [
            neighborhoodIndicators.tenantId,
            neighborhoodIndicators.neighborhoodGroup,
            neighborhoodIndicators.period,
            neighborhoodIndicators.measure,
          ],
          set: { value: sql`excluded.value`, source: sql`excluded.source`, createdAt: scope.now },
        }),
    )
  const record = auditFor(scope)(
    'neighborhood_indicators.imported',
    { type: 'org', id: scope.tenantId },
    { rows: unique.length },
  )
  await db.batch([record, ...upserts])
  return { imported: unique.length }
}

/** The neighbourhood statistics held, by neighbourhood, period and measure. */
export async function listNeighborhoodIndicators({ db, tenantId }: Scope) {
  const items = await db
    .select({
      neighborhoodGroup: neighborhoodIndicators.neighborhoodGroup,
      period: neighborhoodIndicators.period,
      measure: neighborhoodIndicators.measure,
      value: neighborhoodIndicators.value,
      source: neighborhoodIndicators.source,
    })
    .from(neighborhoodIndicators)
    .where(inTenant(neighborhoodIndicators, tenantId))
    .orderBy(
      neighborhoodIndicators.neighborhoodGroup,
      neighborhoodIndicators.period,
      neighborhoodIndicators.measure,
    )
    .limit(MAX_NEIGHBORHOOD_ROWS)
  return { items }
}

export { MAX_MONTHS }
