import { tenantFactory } from '../../factory'
import { csvFile, csvHeaders } from '../../lib/download'
import { jsonResponse, problem } from '../../lib/openapi'
import { controlScope } from '../../lib/scope'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import {
  exportIndicators,
  importNeighborhoodIndicators,
  indicatorsFor,
  listNeighborhoodIndicators,
  reportSettingsOut,
  updateReportSettings,
} from './reports.service'
import {
  IndicatorQuery,
  IndicatorsOut,
  NeighborhoodImportBody,
  NeighborhoodImportOut,
  NeighborhoodListOut,
  ReportSettingsBody,
  ReportSettingsOut,
} from './schema'

const cellsDoc =
  'One cell per grid month (whole calendar months in the organization’s time zone that have ended; at most 24; by default the last 12), measure and group: the `all` group always, and the groups of `by` (`approach`: matched by the engine, by hand, group activities; or a cohort attribute — people who did not tell, or did not consent to, fall into `not-stated`). `n` is how many people or tandems a cell counts. Cells of fewer than `minimumCellSize` people are suppressed, and so is every cell that would let one be recomputed from a total (complementary suppression); a suppressed cell has `value` and `n` null. Figures are never published for a period longer than a month nor for a month still running, so two requests for different periods cannot be subtracted to reveal a few people; answers for one program and for every program are suppressed together, as one table (a cell of one program is hidden when showing it would let the answer for every program give back a hidden cell of another), so they cannot be subtracted either (decision 036).'

/** An organization's indicators and reports: mounted at /orgs/:org. */
export const indicatorRoutes = tenantFactory
  .createApp()
  .get(
    '/indicators',
    guard('reports:read', {
      tags: ['reports'],
      summary: 'Indicators per program and month, broken down, small cells suppressed',
      description: cellsDoc,
      responses: { 200: jsonResponse('The cells', IndicatorsOut), 404: problem('No such program') },
    }),
    validate('query', IndicatorQuery),
    async (c) => c.json(await indicatorsFor(c.var.tdb, c.var.tenant, c.req.valid('query'), new Date()), 200),
  )
  .get(
    '/indicators/export',
    guard('reports:read', {
      tags: ['reports'],
      summary: 'The same indicators as CSV (audited)',
      description:
        'The very cells of `GET …/indicators` for the same query, suppressed the same way: UTF-8 with a byte-order mark, columns `period, measure, by, group, value, n, suppressed` (a suppressed cell’s value and n empty), text that a spreadsheet would read as a formula quoted. Each export is audit-logged.',
      responses: {
        200: csvFile,
        404: problem('No such program'),
      },
    }),
    validate('query', IndicatorQuery),
    async (c) => {
      const file = await exportIndicators(c.var.scope, c.var.tenant, c.req.valid('query'))
      return c.body(file.csv, 200, csvHeaders(file.fileName, file.count))
    },
  )
  .get(
    '/report-settings',
    guard('reports:read', {
      tags: ['reports'],
      summary: 'The minimum group size of published figures and what the public impact page shows',
      responses: { 200: jsonResponse('The settings', ReportSettingsOut) },
    }),
    (c) => c.json(reportSettingsOut(c.var.tenant), 200),
  )
  .patch(
    '/report-settings',
    guard('reports:publish', {
      tags: ['reports'],
      summary: 'Change the minimum group size and the public impact page (audited)',
      description:
        '`minimumCellSize`: a whole number from 3 to 50 (below 3 is refused with the field error `too-small`). `impactPage`: whether `/o/{org}/impact` is on (off by default) and which measures it shows, for all programs, suppressed like every other exit.',
      responses: { 200: jsonResponse('The settings', ReportSettingsOut), 400: problem('Invalid fields') },
    }),
    validate('json', ReportSettingsBody),
    async (c) => {
      const tenant = await updateReportSettings(controlScope(c), c.var.tenant, c.req.valid('json'))
      return c.json(reportSettingsOut(tenant), 200)
    },
  )
  .get(
    '/neighborhood-indicators',
    guard('reports:read', {
      tags: ['reports'],
      summary: 'Public statistics per neighbourhood and period, as imported',
      responses: { 200: jsonResponse('The statistics', NeighborhoodListOut) },
    }),
    async (c) => c.json(await listNeighborhoodIndicators(c.var.scope), 200),
  )
  .post(
    '/neighborhood-indicators',
    guard('reports:publish', {
      tags: ['reports'],
      summary: 'Import public statistics per neighbourhood from CSV (audited)',
      description:
        'Columns `neighbourhood` (or `neighborhood`), `period` (`YYYY`, `YYYY-MM` or `YYYY-Qn`), `measure`, `value`, optional `source`; at most 5000 rows. Any bad row refuses the file with each error’s row (header = 1) and column in `errors[].path` (`csv.<row>.<column>`), and nothing is stored. A row for a neighbourhood, period and measure already held replaces it.',
      responses: {
        200: jsonResponse('Imported', NeighborhoodImportOut),
        400: problem('Bad rows (`invalid-request`) or a file without the columns (`csv-unreadable`)'),
      },
    }),
    validate('json', NeighborhoodImportBody),
    async (c) => c.json(await importNeighborhoodIndicators(c.var.scope, c.req.valid('json')), 200),
  )
