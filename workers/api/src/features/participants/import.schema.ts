import { importStatuses } from '@tandem/db'
import * as v from 'valibot'
import { Id, OrgSlug } from '../../lib/schema'
import { ProgramId } from '../programs/schema'
import { ListQuery } from './schema'

export const ImportParam = v.object({
  org: OrgSlug,
  program: ProgramId,
  import: Id,
})

export const CreateImportBody = v.object({
  csv: v.pipe(
    v.string('Send the file’s text as `csv`.'),
    v.minLength(1, 'The file is empty.'),
    v.description(
      'The CSV file as text: UTF-8 (a byte-order mark is fine), comma, semicolon or tab separated, first row = column names. The whole request is limited to 1 MB.',
    ),
  ),
  role: v.optional(
    v.pipe(
      v.picklist(['mentor', 'mentee'], 'Choose mentor or mentee.'),
      v.description(
        'The role of rows that do not give one (or of every row, when the file has no role column).',
      ),
    ),
  ),
})

const RowError = v.object({ row: v.number(), column: v.nullable(v.string()), message: v.string() })
const Warning = v.object({ column: v.string(), message: v.string() })

export const ImportOut = v.object({
  id: v.string(),
  programId: v.string(),
  status: v.picklist(importStatuses),
  totalRows: v.number(),
  validRows: v.number(),
  appliedRows: v.number(),
  skippedRows: v.number(),
  /** Percent of the valid rows handled (created or skipped) so far. */
  progress: v.number(),
  errors: v.array(RowError),
  errorCount: v.number(),
  warnings: v.array(Warning),
  failure: v.nullable(v.string()),
  expiresAt: v.string(),
  createdAt: v.string(),
  updatedAt: v.string(),
})

export const PreviewOut = v.object({
  ...ImportOut.entries,
  rows: v.array(
    v.object({ row: v.number(), action: v.literal('create'), displayName: v.string(), role: v.string() }),
  ),
})

export const ExportQuery = v.object({
  ...v.omit(ListQuery, ['cursor', 'limit', 'sort']).entries,
  delimiter: v.optional(
    v.pipe(
      v.picklist(['comma', 'semicolon', 'tab']),
      v.description('Column separator; `semicolon` suits Excel set to a German or other European locale.'),
    ),
    'comma',
  ),
})
