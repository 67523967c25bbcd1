import { Hono } from 'hono'
import type { AppContext } from '../../app'
import { describeTenantRoute, jsonResponse, problem } from '../../lib/openapi'
import { validate } from '../../lib/validate'
import { actorId, requirePermission, type TenantVariables } from '../../middleware/tenant'
import type { QueueMessage } from '../../queue/messages'
import { ProgramParam } from '../programs/schema'
import { getProgram } from '../programs/service'
import { exportParticipants } from './export.service'
import { CreateImportBody, ExportQuery, ImportOut, ImportParam, PreviewOut } from './import.schema'
import { cancelImport, createImport, getImport, importOut, startApply } from './import.service'

type TenantContext = AppContext & { Variables: TenantVariables }
const imports = '/programs/:program/imports'

/**
 * CSV import (preview → apply in batches on the queue → progress) and CSV export of participants.
 * Mounted under /api/v1/orgs/:org before `participantRoutes`, so `participants/export` is not taken
 * for a participant id.
 */
export const participantCsvRoutes = new Hono<TenantContext>()
  .get(
    '/programs/:program/participants/export',
    describeTenantRoute('participants:read', {
      tags: ['participants'],
      summary: 'Export participants as CSV (same filters as the list)',
      description:
        'UTF-8 with a byte-order mark; the columns the import accepts, so the file imports again. Protected fields are never exported. Each export is audit-logged with its filters and row count.',
      responses: {
        200: {
          description: 'The CSV file (attachment)',
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
      },
    }),
    requirePermission('participants:read'),
    validate('param', ProgramParam),
    validate('query', ExportQuery),
    async (c) => {
      const now = new Date()
      const program = await getProgram(c.var.tdb, c.var.tenant.id, c.req.valid('param').program)
      const file = await exportParticipants(c.var.tdb, program, actorId(c), c.req.valid('query'), now)
      return c.body(file.body, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'no-store',
        'X-Total-Count': String(file.count),
      })
    },
  )
  .post(
    imports,
    describeTenantRoute('participants:manage', {
      tags: ['participants'],
      summary: 'Upload a CSV of participants for a preview (dry run; nothing is created yet)',
      description:
        'Parses and validates every row like an enrollment request. Answers what each valid row will create and every error with its spreadsheet row (header = 1) and column. Apply the preview within 24 hours.',
      responses: {
        201: jsonResponse('The preview', PreviewOut),
        400: problem(
          'The file cannot be read (empty, no data rows, required columns missing, too many rows)',
        ),
        413: problem('Request over 1 MB'),
      },
    }),
    requirePermission('participants:manage'),
    validate('param', ProgramParam),
    validate('json', CreateImportBody),
    async (c) => {
      const program = await getProgram(c.var.tdb, c.var.tenant.id, c.req.valid('param').program)
      const preview = await createImport(c.var.tdb, program, actorId(c), c.req.valid('json'), new Date())
      c.header('Location', new URL(`${c.req.path}/${preview.id}`, c.req.url).pathname)
      return c.json(preview, 201)
    },
  )
  .get(
    `${imports}/:import`,
    describeTenantRoute('participants:manage', {
      tags: ['participants'],
      summary: 'An import’s status and progress',
      responses: { 200: jsonResponse('The import', ImportOut) },
    }),
    requirePermission('participants:manage'),
    validate('param', ImportParam),
    async (c) => {
      const p = c.req.valid('param')
      const program = await getProgram(c.var.tdb, c.var.tenant.id, p.program)
      return c.json(importOut(await getImport(c.var.tdb, c.var.tenant.id, program.id, p.import)))
    },
  )
  .post(
    `${imports}/:import/apply`,
    describeTenantRoute('participants:manage', {
      tags: ['participants'],
      summary: 'Create the previewed participants (in batches, in the background)',
      description:
        'Answers 202 at once; follow progress with GET on the import. Each batch of 100 rows is created all or nothing; a failed batch stops the import and earlier batches stay.',
      responses: {
        202: jsonResponse('Applying', ImportOut),
        409: problem('Already applied, cancelled, failed, or the preview is older than 24 hours'),
      },
    }),
    requirePermission('participants:manage'),
    validate('param', ImportParam),
    async (c) => {
      const p = c.req.valid('param')
      const program = await getProgram(c.var.tdb, c.var.tenant.id, p.program)
      const found = await getImport(c.var.tdb, c.var.tenant.id, program.id, p.import)
      const started = await startApply(
        c.var.tdb,
        c.env.QUEUE as Queue<QueueMessage>,
        found,
        actorId(c),
        new Date(),
      )
      c.header('Location', new URL(c.req.path.replace(/\/apply$/, ''), c.req.url).pathname)
      return c.json(started, 202)
    },
  )
  .delete(
    `${imports}/:import`,
    describeTenantRoute('participants:manage', {
      tags: ['participants'],
      summary: 'Cancel a previewed import (its rows are discarded)',
      responses: {
        200: jsonResponse('The cancelled import', ImportOut),
        409: problem('Already applied or cancelled'),
      },
    }),
    requirePermission('participants:manage'),
    validate('param', ImportParam),
    async (c) => {
      const p = c.req.valid('param')
      const program = await getProgram(c.var.tdb, c.var.tenant.id, p.program)
      const found = await getImport(c.var.tdb, c.var.tenant.id, program.id, p.import)
      return c.json(await cancelImport(c.var.tdb, found, actorId(c), new Date()))
    },
  )
