import { importStatuses } from '@tandem/db'
import * as v from 'valibot'
import { Id, OrgSlug } from '../../lib/schema'
import { ProgramId } from '../programs/schema'
import { csvEncodings } from './import.encoding'
import { ListQuery } from './schema'

export const ImportParam = v.object({
  org: OrgSlug,
  program: ProgramId,
  import: Id,
})

/**
 * The file as uploaded (`file`: its bytes in base64; the encoding is detected) or as text (`csv`: already
 * decoded, e.g. a spreadsheet the browser converted). Either way the same dry run follows.
 */
export const CreateImportBody = v.pipe(
  v.object({
    file: v.optional(
      v.pipe(
        v.string('Send the file’s bytes in base64 as `file`.'),
        v.minLength(1, 'The file is empty.'),
        v.base64('Send the file’s bytes in base64 as `file`.'),
        v.description(
          'The CSV file’s bytes, base64-encoded. The encoding is detected: UTF-8 (with or without a byte-order mark), UTF-16 LE or BE with a byte-order mark (Excel’s “Unicode Text”), or Windows-1252 (Excel’s plain “CSV” on Windows in Western Europe and the Americas). Anything else is refused (`csv-encoding-unsupported`). Comma, semicolon or tab separated, first row = column names. Send `file` or `csv`. The whole request is limited to 1 MB.',
        ),
      ),
    ),
    csv: v.optional(
      v.pipe(
        v.string('Send the file’s text as `csv`.'),
        v.minLength(1, 'The file is empty.'),
        v.description(
          'The CSV file as text, already decoded: comma, semicolon or tab separated, first row = column names (a byte-order mark is fine). Send `file` or `csv`. The whole request is limited to 1 MB.',
        ),
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
  }),
  v.check(
    (body) => (body.file === undefined) !== (body.csv === undefined),
    'Send the file as `file` (its bytes in base64) or as text in `csv`: one of the two.',
  ),
)

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
  encoding: v.pipe(
    v.nullable(v.picklist(csvEncodings)),
    v.description(
      'How the uploaded bytes (`file`) were decoded; null when the file was sent as text (`csv`).',
    ),
  ),
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
