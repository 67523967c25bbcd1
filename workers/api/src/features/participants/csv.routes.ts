import { importFactory, programFactory } from '../../factory'
import { csvFile, csvHeaders } from '../../lib/download'
import { jsonResponse, problem } from '../../lib/openapi'
import { checkImportPreviewQuota } from '../../lib/quotas'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { withinQuota } from '../../middleware/quota'
import type { QueueMessage } from '../../queue/messages'
import { ProgramParam } from '../programs/schema'
import { exportParticipants } from './export.service'
import { CreateImportBody, ExportQuery, ImportOut, ImportParam, PreviewOut } from './import.schema'
import { importScope } from './import.scope'
import { cancelImport, createImport, importOut, startApply } from './import.service'

/** CSV export of participants: mounted at …/programs/:program/participants, before `/:participant`. */
export const participantExportRoutes = programFactory.createApp().get(
  '/export',
  guard('participants:read', {
    tags: ['participants'],
    summary: 'Export participants as CSV (same filters as the list)',
    description:
      'UTF-8 with a byte-order mark; the columns the import accepts, so the file imports again. Protected fields are never exported. Each export is audit-logged with its filters and row count.',
    responses: { 200: csvFile },
  }),
  validate('param', ProgramParam),
  validate('query', ExportQuery),
  async (c) => {
    const file = await exportParticipants(c.var.scope, c.var.program, c.req.valid('query'))
    return c.body(file.body, 200, csvHeaders(file.fileName, file.count))
  },
)

/** One CSV import: mounted at …/imports/:import after `importScope()` loaded it. */
const importItemRoutes = importFactory
  .createApp()
  .get(
    '/',
    guard('participants:manage', {
      tags: ['participants'],
      summary: 'An import’s status and progress',
      responses: { 200: jsonResponse('The import', ImportOut) },
    }),
    validate('param', ImportParam),
    async (c) => c.json(importOut(c.var.participantImport)),
  )
  .post(
    '/apply',
    guard('participants:manage', {
      tags: ['participants'],
      summary: 'Create the previewed participants (in batches, in the background)',
      description:
        'Answers 202 at once; follow progress with GET on the import. Each batch of 100 rows is created all or nothing; a failed batch stops the import and earlier batches stay.',
      responses: {
        202: jsonResponse('Applying', ImportOut),
        409: problem('Already applied, cancelled, failed, or the preview is older than 24 hours'),
      },
    }),
    validate('param', ImportParam),
    async (c) => {
      const queue = c.env.QUEUE as Queue<QueueMessage>
      const started = await startApply(c.var.scope, queue, c.var.participantImport)
      c.header('Location', new URL(c.req.path.replace(/\/apply$/, ''), c.req.url).pathname)
      return c.json(started, 202)
    },
  )
  .delete(
    '/',
    guard('participants:manage', {
      tags: ['participants'],
      summary: 'Cancel a previewed import (its rows are discarded)',
      responses: {
        200: jsonResponse('The cancelled import', ImportOut),
        409: problem('Already applied or cancelled'),
      },
    }),
    validate('param', ImportParam),
    async (c) => {
      return c.json(await cancelImport(c.var.scope, c.var.participantImport))
    },
  )

/** CSV import (preview → apply in batches on the queue → progress): mounted at …/programs/:program/imports. */
export const importRoutes = programFactory
  .createApp()
  .post(
    '/',
    guard('participants:manage', {
      tags: ['participants'],
      summary: 'Upload a CSV of participants for a preview (dry run; nothing is created yet)',
      description:
        'Send the file’s bytes (`file`, base64; the encoding is detected and answered as `encoding`) or its text (`csv`). Parses and validates every row like an enrollment request. Answers what each valid row will create and every error with its spreadsheet row (header = 1) and column. Nothing is stored when the file is refused. Apply the preview within 24 hours.',
      responses: {
        201: jsonResponse('The preview', PreviewOut),
        400: problem(
          'The file cannot be read: not text in UTF-8, UTF-16 or Windows-1252 (`csv-encoding-unsupported`); or empty, no data rows, required columns missing, too many rows (`csv-unreadable`)',
        ),
        409: problem(
          'Open previews of the organization hold as much data as its limit allows (`import-storage-quota-reached`)',
        ),
        413: problem('Request over 1 MB'),
        429: problem('The organization previewed as many imports this hour as its limit allows'),
      },
    }),
    validate('param', ProgramParam),
    validate('json', CreateImportBody),
    withinQuota(checkImportPreviewQuota),
    async (c) => {
      const preview = await createImport(c.var.scope, c.var.program, c.req.valid('json'))
      c.header('Location', new URL(`${c.req.path}/${preview.id}`, c.req.url).pathname)
      return c.json(preview, 201)
    },
  )
  .use('/:import/*', importScope())
  .route('/:import', importItemRoutes)
