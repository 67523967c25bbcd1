import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Load, useLoad } from '../../kit/load'
import { ApiError } from '../../lib/api'
import { ok } from '../../lib/client'
import { describeError } from '../../lib/errors'
import { orgRoute } from '../org/org'

/** Public statistics the organization imported, by neighbourhood, beside its own figures. */
export function Neighborhoods(props: { slug: string }) {
  const { t, locale } = useI18n()
  const { state } = useLoad(`${props.slug}/neighborhoods`, (signal) =>
    ok(orgRoute['neighborhood-indicators'].$get({ param: { org: props.slug } }, { init: { signal } })),
  )
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  return (
    <Load state={state}>
      {({ items }) =>
        items.length === 0 ? null : (
          <section class="section" aria-labelledby="report-neighborhoods">
            <h2 id="report-neighborhoods">{t('reports.neighborhoods')}</h2>
            <div class="table-scroll">
              <table class="table" data-testid="neighborhood-table">
                <thead>
                  <tr>
                    <th scope="col">{t('reports.neighborhood')}</th>
                    <th scope="col">{t('reports.period')}</th>
                    <th scope="col">{t('reports.measureName')}</th>
                    <th scope="col">{t('reports.value')}</th>
                    <th scope="col">{t('reports.source')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((row) => (
                    <tr key={`${row.neighborhoodGroup}|${row.period}|${row.measure}`}>
                      <td>
                        <bdi>{row.neighborhoodGroup}</bdi>
                      </td>
                      <td>
                        <bdi>{row.period}</bdi>
                      </td>
                      <td>
                        <bdi>{row.measure}</bdi>
                      </td>
                      <td class="num">{number.format(row.value)}</td>
                      <td>
                        <bdi>{row.source}</bdi>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )
      }
    </Load>
  )
}

/** Owners and admins: public statistics per neighbourhood from a CSV file; any bad row refuses the file. */
export function NeighborhoodImport(props: { slug: string }) {
  const { t } = useI18n()
  const [result, setResult] = useState<{ ok: boolean; lines: string[] } | null>(null)
  const onFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0]
    if (!file) return
    setResult(null)
    try {
      const answer = await ok(
        orgRoute['neighborhood-indicators'].$post({
          param: { org: props.slug },
          json: { csv: await file.text() },
        }),
      )
      setResult({ ok: true, lines: [t('reports.imported', { count: answer.imported })] })
    } catch (reason) {
      const rows =
        reason instanceof ApiError
          ? reason.errors
              .filter((e) => e.path.startsWith('csv.'))
              .map((e) => {
                const [, row = '', column = ''] = e.path.split('.')
                return t('reports.importRow', { row, column, message: e.message })
              })
          : []
      setResult({ ok: false, lines: rows.length ? rows : [describeError(reason, t)] })
    }
  }
  return (
    <section class="section card" aria-labelledby="report-neighborhood-import">
      <h2 id="report-neighborhood-import">{t('reports.neighborhoods')}</h2>
      <p>
        <label for="report-neighborhood-file">{t('reports.importNeighborhoods')}</label>
        <br />
        <input
          id="report-neighborhood-file"
          type="file"
          accept=".csv,text/csv"
          onChange={onFile}
          data-testid="report-neighborhood-file"
        />
      </p>
      {result && (
        <div
          class={result.ok ? 'alert alert--success' : 'alert alert--error'}
          role={result.ok ? 'status' : 'alert'}
        >
          <ul>
            {result.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
