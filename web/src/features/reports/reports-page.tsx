import { dirOf } from '@tandem/i18n'
import { INDICATOR_BREAKDOWNS, type IndicatorBreakdown } from '@tandem/vocab'
import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { languageName } from '../../i18n/i18n'
import type { Translate } from '../../i18n/types'
import { CodeSelect, TextField } from '../../kit/inputs'
import { Load, useLoad } from '../../kit/load'
import { binder } from '../../lib/bind'
import { ok } from '../../lib/client'
import { describeError } from '../../lib/errors'
import { roleLabel } from '../../lib/labels'
import { fileNameOf, saveFile } from '../data-protection/download'
import { OrgPage } from '../org/org-page'
import { canPublishReports, canReadReports } from '../org/roles'
import { Chart } from './chart'
import { measureLabel } from './measure-label'
import { NeighborhoodImport, Neighborhoods } from './neighborhoods'
import { PublishSettings } from './report-settings'
import {
  type Cell,
  CHART_MEASURES,
  exportIndicators,
  getIndicators,
  type Indicators,
  type ReportFilters,
  tableOf,
} from './reports'

/** `/orgs/{org}/reports`: indicators with charts and their tables, filters and CSV (reports:read, partners too). */
export default function ReportsPage() {
  const { t } = useI18n()
  return (
    <OrgPage title={t('reports.title')} crumbs allowed={({ role }) => canReadReports(role)}>
      {({ organization, role }) => (
        <>
          <Reports slug={organization.slug} />
          {canPublishReports(role) && <PublishSettings slug={organization.slug} />}
          {canPublishReports(role) && <NeighborhoodImport slug={organization.slug} />}
        </>
      )}
    </OrgPage>
  )
}

type Programs = Indicators['programs']

const GROUP_KEYS = new Set([
  'all',
  'not-stated',
  'other',
  'woman',
  'man',
  'matched-by-engine',
  'matched-by-hand',
  'group-activities',
  'under-2-years',
  '2-to-4-years',
  '5-to-9-years',
  '10-years-or-more',
])

/** A group's name in the reader's language (program names, languages and roles by their own labels). */
function groupLabel(t: Translate, by: IndicatorBreakdown, value: string, programs: Programs) {
  if (GROUP_KEYS.has(value)) return t(`reports.group.${value}` as Parameters<Translate>[0])
  if (by === 'role') return roleLabel(t, value)
  if (by === 'program') return programs.find((p) => p.id === value)?.name ?? value
  if (by === 'languageGroup') return languageName(value)
  return value
}

function Reports(props: { slug: string }) {
  const { t, locale } = useI18n()
  const [filters, setFilters] = useState<ReportFilters>({ program: '', from: '', to: '', by: 'all' })
  const key = `${props.slug}?${filters.program}&${filters.from}&${filters.to}&${filters.by}`
  const { state } = useLoad(key, (signal) => getIndicators(props.slug, filters, signal))
  const set = (change: Partial<ReportFilters>) => setFilters({ ...filters, ...change })
  const filter = binder(filters, set)
  const monthName = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' })
  const monthLabel = (m: string) => monthName.format(new Date(`${m}-15T00:00:00Z`))
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  const programs = state.kind === 'ok' ? state.data.programs : []
  return (
    <>
      <p class="lead">{t('reports.intro')}</p>
      <div class="form form--compact" data-testid="report-filters">
        <CodeSelect
          id="report-program"
          label={t('reports.program')}
          options={programs.map((p) => p.id)}
          labelOf={(id) => programs.find((p) => p.id === id)?.name ?? id}
          empty={{ label: t('reports.allPrograms') }}
          {...filter('program')}
        />
        <TextField id="report-from" type="month" label={t('reports.from')} {...filter('from')} />
        <TextField id="report-to" type="month" label={t('reports.to')} {...filter('to')} />
        <CodeSelect
          id="report-by"
          label={t('reports.by')}
          options={INDICATOR_BREAKDOWNS}
          labelOf={(by) => t(`reports.by.${by}`)}
          value={filters.by}
          onValue={(by) => set({ by: by || 'all' })}
        />
      </div>
      <CsvDownload slug={props.slug} filters={filters} />
      <Load state={state}>
        {(data) => (
          <>
            <p data-testid="report-suppression">{t('reports.suppression', { k: data.minimumCellSize })}</p>
            {data.cells.length === 0 && <p>{t('reports.nothing')}</p>}
            {[
              ...CHART_MEASURES.filter((m) => data.measures.includes(m)),
              ...data.measures.filter((m) => m.startsWith('survey.')).sort(),
            ].map((m) => {
              const table = tableOf(data.cells, m, data.by)
              const names = table.groups.map((g) => groupLabel(t, data.by, g, data.programs))
              const shownValue = (c: Cell | null) => (c && !c.suppressed ? c.value : null)
              return (
                <section
                  key={m}
                  class="section report"
                  aria-labelledby={`report-${m}`}
                  data-testid="report-measure"
                  data-measure={m}
                >
                  <h2 id={`report-${m}`}>{measureLabel(t, m)}</h2>
                  <Chart
                    label={t('reports.chartLabel', { measure: measureLabel(t, m) })}
                    labels={table.months.map(monthLabel)}
                    series={table.groups.map((_, i) => ({
                      name: names[i] ?? '',
                      data: table.rows.map((r) => shownValue(r.cells[i] ?? null)),
                    }))}
                    rtl={dirOf(locale) === 'rtl'}
                  />
                  <div class="table-scroll">
                    <table class="table" data-testid="report-table">
                      <caption class="visually-hidden">{measureLabel(t, m)}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('reports.month')}</th>
                          {names.map((name, i) => (
                            <th
                              scope="col"
                              key={table.groups[i]}
                              class={`report-series report-series--${i % 5}`}
                            >
                              {name}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {table.rows.map((row) => (
                          <tr key={row.month}>
                            <th scope="row">{monthLabel(row.month)}</th>
                            {row.cells.map((c, i) => (
                              <td
                                key={table.groups[i]}
                                class="num"
                                data-suppressed={c?.suppressed ? 'true' : undefined}
                              >
                                {c == null ? (
                                  ''
                                ) : c.suppressed ? (
                                  <em>{t('reports.hidden')}</em>
                                ) : (
                                  number.format(c.value as number)
                                )}
                              </td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </section>
              )
            })}
            {data.by === 'neighborhoodGroup' && <Neighborhoods slug={props.slug} />}
          </>
        )}
      </Load>
    </>
  )
}

/** Downloads the very cells shown as CSV (suppressed the same way; the export is audited). */
function CsvDownload(props: { slug: string; filters: ReportFilters }) {
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const download = async () => {
    setBusy(true)
    setError(null)
    try {
      const response = await exportIndicators(props.slug, props.filters)
      if (!response.ok) await ok(Promise.resolve(response))
      saveFile(fileNameOf(response, 'indicators.csv'), await response.blob(), 'text/csv')
    } catch (reason) {
      setError(describeError(reason, t))
    } finally {
      setBusy(false)
    }
  }
  return (
    <p>
      <button
        class="button button--secondary"
        type="button"
        disabled={busy}
        onClick={download}
        data-testid="report-csv"
      >
        {t('reports.download')}
      </button>
      {error && (
        <span class="alert alert--error" role="alert">
          {error}
        </span>
      )}
    </p>
  )
}
