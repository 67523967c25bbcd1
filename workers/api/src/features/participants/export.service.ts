import { type Program, participants } from '@tandem/db'
import { and, asc, count, gt } from 'drizzle-orm'
import Papa from 'papaparse'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { log } from '../../lib/log'
import { exportHeaders, formulaLike, participantRecord } from './csv-columns'
import type { ExportQuery } from './import.schema'
import { listConditions } from './service'

/** Rows read per query while the file streams out. */
export const EXPORT_PAGE_ROWS = 500

const delimiters = { comma: ',', semicolon: ';', tab: '\t' } as const

/** `participants-welcome-tandems-2026-11-27.csv`: ASCII only, falling back to the program id. */
export function exportFileName(program: Program, now: Date): string {
  const slug = program.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
  return `participants-${slug || program.id}-${now.toISOString().slice(0, 10)}.csv`
}

/**
 * The filtered list as CSV: a UTF-8 byte-order mark (so Excel reads Arabic and Ukrainian names
 * correctly), the import's column names, one record per participant. The export is audit-logged
 * (count and filters) before the first byte leaves; the rows stream out page by page, so memory stays
 * flat for any program size.
 */
export async function exportParticipants(
  scope: Scope,
  program: Program,
  query: v.InferOutput<typeof ExportQuery>,
): Promise<{ body: ReadableStream<Uint8Array>; fileName: string; count: number }> {
  const { db, tenantId, now } = scope
  const { delimiter: delimiterName, ...filters } = query
  const delimiter = delimiters[delimiterName]
  const conditions = listConditions(tenantId, program.id, filters)
  const total =
    (
      await db
        .select({ n: count() })
        .from(participants)
        .where(and(...conditions))
        .get()
    )?.n ?? 0
  const meta: Record<string, string | number> = { programId: program.id, count: total }
  for (const [k, value] of Object.entries(filters)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue
    // Free text and places can name a person: the audit log records only that they were used.
    meta[`filter.${k}`] =
      k === 'q' || k === 'neighborhood' ? 'used' : Array.isArray(value) ? value.join(',') : String(value)
  }
  await auditFor(scope)('participants.exported', { type: 'program', id: program.id }, meta)

  const encoder = new TextEncoder()
  const unparse = (rows: string[][]) =>
    Papa.unparse(rows, { delimiter, newline: '\r\n', escapeFormulae: formulaLike, header: false })
  let cursor: string | null = null
  let started = false
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true
          controller.enqueue(encoder.encode(`\ufeff${unparse([exportHeaders])}\r\n`))
          return
        }
        const page = await db
          .select()
          .from(participants)
          .where(and(...conditions, ...(cursor ? [gt(participants.id, cursor)] : [])))
          .orderBy(asc(participants.id))
          .limit(EXPORT_PAGE_ROWS)
        if (page.length > 0) {
          const records = page.map((p) => {
            const r = participantRecord(p)
            return exportHeaders.map((h) => r[h] ?? '')
          })
          controller.enqueue(encoder.encode(`${unparse(records)}\r\n`))
          cursor = page.at(-1)?.id ?? null
        }
        if (page.length < EXPORT_PAGE_ROWS) controller.close()
      } catch (error) {
        log.error('export: stream failed', {}, error)
        controller.error(error)
      }
    },
  })
  return { body, fileName: exportFileName(program, now), count: total }
}
