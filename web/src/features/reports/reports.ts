import { INDICATOR_MEASURES, type IndicatorBreakdown, type IndicatorMeasure } from '@tandem/vocab'
import { type Answer, fresh, ok, params, present } from '../../lib/client'
import { orgRoute } from '../org/org'

/**
 * Reports (decision 036) as the web client sees them: the organization's indicators, already suppressed by the
 * API (the one module every exit uses), the report settings and the CSV export.
 */
export const indicatorsRoute = orgRoute.indicators
export const reportSettingsRoute = orgRoute['report-settings']
export type Indicators = Answer<typeof indicatorsRoute.$get>
export type Cell = Indicators['cells'][number]
export type ReportSettings = Answer<typeof reportSettingsRoute.$get>

export type ReportFilters = { program: string; from: string; to: string; by: IndicatorBreakdown }

const queryOf = (f: ReportFilters) => ({
  ...present({ program: f.program, from: f.from, to: f.to }),
  by: f.by,
})

export const getIndicators = (slug: string, filters: ReportFilters, signal?: AbortSignal) =>
  ok(indicatorsRoute.$get({ param: params({ org: slug }), query: queryOf(filters) }, fresh(signal)))

/** The same cells as CSV (the export is audited): the response, for saving as a file. */
export const exportIndicators = (slug: string, filters: ReportFilters) =>
  indicatorsRoute.export.$get({ param: params({ org: slug }), query: queryOf(filters) }, fresh())

export const getReportSettings = (slug: string, signal?: AbortSignal) =>
  ok(reportSettingsRoute.$get({ param: params({ org: slug }) }, fresh(signal)))

export const saveReportSettings = (
  slug: string,
  body: { minimumCellSize?: number; impactPage?: ReportSettings['impactPage'] },
) => ok(reportSettingsRoute.$patch({ param: params({ org: slug }), json: body }))

/** The measures shown as charts, in the order of the page (parts such as closure reasons are in the CSV). */
export const CHART_MEASURES = INDICATOR_MEASURES
export type ChartMeasure = IndicatorMeasure

/** One measure as a table: months down, groups across; null where a cell is suppressed or absent. */
export function tableOf(cells: readonly Cell[], measure: string, by: IndicatorBreakdown) {
  const mine = cells.filter((c) => c.measure === measure)
  const months = [...new Set(mine.map((c) => c.period))].sort()
  const groups = [
    'all',
    ...new Set(mine.filter((c) => c.group.by === by && by !== 'all').map((c) => c.group.value)),
  ].sort((a, b) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b)))
  const at = new Map(mine.map((c) => [`${c.period}\u0000${c.group.by === 'all' ? 'all' : c.group.value}`, c]))
  const rows = months.map((month) => ({
    month,
    cells: groups.map((g) => at.get(`${month}\u0000${g}`) ?? null),
  }))
  return { months, groups, rows }
}
