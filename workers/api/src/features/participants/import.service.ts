import { decodeBase64 } from '@oslojs/encoding'
import {
  type Database,
  type ImportError,
  newId,
  type ParticipantImport,
  type Program,
  participantImportChunks,
  participantImports,
  participants,
  tenants,
} from '@tandem/db'
import { and, asc, eq, exists, gt, inArray, isNotNull, isNull, lt, ne, type SQL, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import * as v from 'valibot'
import type { Bindings } from '../../env'
import type { Scope } from '../../factory'
import { audit } from '../../lib/audit'
import { resolverFor } from '../../lib/db'
import { log } from '../../lib/log'
import { notFound, Problem } from '../../lib/problem'
import { inTenant, tenantRow } from '../../lib/sql'
import type { QueueMessage } from '../../queue/messages'
import { headerOf } from './csv-columns'
import { type CsvEncoding, decodeFile } from './import.encoding'
import { previewCsv } from './import.parse'
import type { CreateImportBody, ImportOut, PreviewOut } from './import.schema'
import { CreateParticipantBody } from './schema'
import { insertParticipant, participantRow } from './service'

/** Rows per apply batch (one `db.batch`, all or nothing) and per stored chunk. */
export const IMPORT_BATCH_ROWS = 100
/** Batches one queue message applies before it hands the rest to a follow-up message. */
export const BATCHES_PER_MESSAGE = 3
export const PREVIEW_TTL_MS = 24 * 60 * 60 * 1000
const MAX_STORED_ERRORS = 1000
/** D1 allows 100 bound parameters per statement. */
const MAX_IN_LIST = 90

type PreviewResult = v.InferOutput<typeof PreviewOut>

// ---------- persistence ----------

const expiresAt = (i: Pick<ParticipantImport, 'createdAt'>) =>
  new Date(i.createdAt.getTime() + PREVIEW_TTL_MS)

export function importOut(i: ParticipantImport): v.InferOutput<typeof ImportOut> {
  const handled = i.appliedRows + i.skippedRows
  return {
    id: i.id,
    programId: i.programId,
    status: i.status,
    totalRows: i.totalRows,
    validRows: i.validRows,
    appliedRows: i.appliedRows,
    skippedRows: i.skippedRows,
    progress: i.status === 'done' ? 100 : i.validRows === 0 ? 0 : Math.floor((handled / i.validRows) * 100),
    errors: i.errors,
    errorCount: i.errorCount,
    warnings: i.warnings,
    failure: i.failure,
    expiresAt: expiresAt(i).toISOString(),
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  }
}

async function emailsInProgram(db: Database, tenantId: string, programId: string): Promise<Set<string>> {
  const rows = await db
    .select({ email: participants.email })
    .from(participants)
    .where(
      inTenant(participants, tenantId, eq(participants.programId, programId), isNotNull(participants.email)),
    )
  return new Set(rows.map((r) => (r.email ?? '').toLowerCase()))
}

/** The stored preview rows of one import (with its tenant id, like every query), that also meet `conditions`. */
const chunksOf = (tenantId: string, importId: string, ...conditions: SQL[]) =>
  inTenant(participantImportChunks, tenantId, eq(participantImportChunks.importId, importId), ...conditions)

/** Deletes an import's stored preview rows (with its tenant id, like every query). */
function discardChunks(db: Database, tenantId: string, importId: string) {
  return db.delete(participantImportChunks).where(chunksOf(tenantId, importId))
}

/**
 * Validated rows wait no longer than needed: chunks of imports that can no longer be applied (older
 * than 24 h, or finished) are deleted whenever the tenant starts a new import.
 */
function sweepStaleChunks(db: Database, tenantId: string, now: Date) {
  return db.delete(participantImportChunks).where(
    inTenant(
      participantImportChunks,
      tenantId,
      inArray(
        participantImportChunks.importId,
        db
          .select({ id: participantImports.id })
          .from(participantImports)
          .where(
            inTenant(
              participantImports,
              tenantId,
              ne(participantImports.status, 'applying'),
              lt(participantImports.createdAt, new Date(now.getTime() - PREVIEW_TTL_MS)),
            ),
          ),
      ),
    ),
  )
}

/** The uploaded file as text: bytes (`file`, base64) are decoded after detecting their encoding. */
function fileText(body: v.InferOutput<typeof CreateImportBody>): {
  text: string
  encoding: CsvEncoding | null
} {
  if (body.file === undefined) return { text: body.csv ?? '', encoding: null }
  return decodeFile(decodeBase64(body.file))
}

/**
 * The dry run of an upload: decodes the file, previews every row, stores the valid rows for `apply`. A file
 * that cannot be read is refused before anything is written.
 */
export async function createImport(
  scope: Scope,
  program: Program,
  body: v.InferOutput<typeof CreateImportBody>,
): Promise<PreviewResult> {
  const { db, tenantId, actorId: actorUserId, now } = scope
  const { text, encoding } = fileText(body)
  const existing = await emailsInProgram(db, tenantId, program.id)
  const preview = previewCsv(text, body.role, existing)
  const row: ParticipantImport = {
    id: newId(),
    tenantId,
    programId: program.id,
    createdBy: actorUserId,
    appliedBy: null,
    status: 'previewed',
    totalRows: preview.totalRows,
    validRows: preview.rows.length,
    appliedRows: 0,
    skippedRows: 0,
    errors: preview.errors.slice(0, MAX_STORED_ERRORS),
    errorCount: preview.errors.length,
    warnings: preview.warnings,
    failure: null,
    createdAt: now,
    updatedAt: now,
  }
  const chunks = []
  for (let seq = 0; seq * IMPORT_BATCH_ROWS < preview.rows.length; seq++) {
    chunks.push(
      db.insert(participantImportChunks).values({
        importId: row.id,
        seq,
        tenantId: row.tenantId,
        rows: preview.rows.slice(seq * IMPORT_BATCH_ROWS, (seq + 1) * IMPORT_BATCH_ROWS),
        appliedAt: null,
      }),
    )
  }
  await db.batch([
    sweepStaleChunks(db, row.tenantId, now),
    db.insert(participantImports).values(row),
    ...chunks,
    audit(
      db,
      {
        tenantId: row.tenantId,
        actorUserId,
        action: 'participants.import_previewed',
        targetType: 'participant_import',
        targetId: row.id,
        meta: {
          programId: program.id,
          totalRows: row.totalRows,
          validRows: row.validRows,
          encoding: encoding ?? 'text',
        },
      },
      now,
    ),
  ])
  return {
    ...importOut(row),
    encoding,
    rows: preview.rows.map((r) => ({
      row: r.row,
      action: 'create' as const,
      displayName: String(r.input.displayName),
      role: String(r.input.role),
    })),
  }
}

export async function getImport({ db, tenantId }: Scope, programId: string, id: string) {
  const row = await db
    .select()
    .from(participantImports)
    .where(
      inTenant(
        participantImports,
        tenantId,
        eq(participantImports.programId, programId),
        eq(participantImports.id, id),
      ),
    )
    .get()
  if (!row) throw notFound('No such import in this program.')
  return row
}

const conflict = (detail: string) => new Problem('import-not-applicable', { detail })

function refuseApply(i: ParticipantImport, now: Date): Problem {
  if (i.status === 'applying' || i.status === 'done') return conflict('This import has already been applied.')
  if (i.status === 'cancelled') return conflict('This import was cancelled; upload the file again.')
  if (i.status === 'failed')
    return conflict('This import failed; see `failure`, fix the file and upload it again.')
  if (expiresAt(i) <= now) return conflict('This preview is older than 24 hours; upload the file again.')
  return conflict('This import cannot be applied now.')
}

/** The import while it is still a preview: the condition of every change that only a preview allows. */
const stillPreviewed = (i: ParticipantImport) =>
  tenantRow(participantImports, i.tenantId, i.id, eq(participantImports.status, 'previewed'))

/**
 * Starts applying a previewed import: the status moves previewed → applying in one conditional update
 * (so a second apply, even a concurrent one, gets 409), then a queue message does the work.
 */
export async function startApply(scope: Scope, queue: Queue<QueueMessage>, i: ParticipantImport) {
  const { db, tenantId, actorId: actorUserId, now } = scope
  const started = await db
    .update(participantImports)
    .set({ status: 'applying', appliedBy: actorUserId, updatedAt: now })
    .where(and(stillPreviewed(i), gt(participantImports.createdAt, new Date(now.getTime() - PREVIEW_TTL_MS))))
    .returning()
  const row = started[0]
  if (!row) throw refuseApply(await getImport(scope, i.programId, i.id), now)
  try {
    await queue.send({ type: 'participants.import', importId: i.id, tenantId })
  } catch (error) {
    await db
      .update(participantImports)
      .set({ status: 'previewed', appliedBy: null, updatedAt: new Date() })
      .where(tenantRow(participantImports, tenantId, i.id))
    log.error('import: could not enqueue', {}, error)
    throw new Problem('unavailable', { detail: 'The import could not be started; try again.' })
  }
  return importOut(row)
}

export async function cancelImport(scope: Scope, i: ParticipantImport) {
  const { db, tenantId, actorId: actorUserId, now } = scope
  const [cancelled] = await db
    .update(participantImports)
    .set({ status: 'cancelled', updatedAt: now })
    .where(stillPreviewed(i))
    .returning()
  if (!cancelled) {
    const current = await getImport(scope, i.programId, i.id)
    throw conflict(
      current.status === 'cancelled'
        ? 'This import is already cancelled.'
        : 'Only an import that has not been applied can be cancelled.',
    )
  }
  await db.batch([
    discardChunks(db, tenantId, i.id),
    audit(
      db,
      {
        tenantId,
        actorUserId,
        action: 'participants.import_cancelled',
        targetType: 'participant_import',
        targetId: i.id,
      },
      now,
    ),
  ])
  return importOut(cancelled)
}

// ---------- the job ----------

async function emailsTaken(db: Database, i: ParticipantImport, emails: string[]): Promise<Set<string>> {
  const taken = new Set<string>()
  for (let k = 0; k < emails.length; k += MAX_IN_LIST) {
    const rows = await db
      .select({ email: participants.email })
      .from(participants)
      .where(
        inTenant(
          participants,
          i.tenantId,
          eq(participants.programId, i.programId),
          inArray(participants.email, emails.slice(k, k + MAX_IN_LIST)),
        ),
      )
    for (const r of rows) if (r.email) taken.add(r.email)
  }
  return taken
}

function failureText(error: unknown): string {
  // Driver errors can carry the statement's parameters (personal data): keep only the cause's text.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  const message = cause instanceof Error ? cause.message : String(cause)
  return message.split('\n')[0]?.slice(0, 200) ?? 'unknown error'
}

export type JobOutcome = 'done' | 'continue' | 'nothing'

/**
 * Applies up to `maxBatches` batches of an import. Safe to run again or twice at once: each batch
 * inserts its participants (ids fixed at preview time) and marks its chunk applied in one atomic
 * `db.batch`, so a batch that was already applied fails on the participants' primary keys and is
 * skipped. A batch that fails for another reason marks the import failed; earlier batches stay.
 */
export async function runImportJob(
  db: Database,
  tenantId: string,
  importId: string,
  now: Date,
  maxBatches = BATCHES_PER_MESSAGE,
): Promise<JobOutcome> {
  const where = tenantRow(participantImports, tenantId, importId)
  const i = await db.select().from(participantImports).where(where).get()
  if (i?.status !== 'applying') return 'nothing'
  const actor = i.appliedBy ?? i.createdBy
  let errors = i.errors
  for (let n = 0; n < maxBatches; n++) {
    const chunk = await db
      .select()
      .from(participantImportChunks)
      .where(chunksOf(tenantId, importId, isNull(participantImportChunks.appliedAt)))
      .orderBy(asc(participantImportChunks.seq))
      .get()
    if (!chunk) return finish(db, i, actor, now)

    // Re-validate (the schema may have changed since the preview) and re-check emails enrolled meanwhile.
    const taken = await emailsTaken(
      db,
      i,
      chunk.rows.flatMap((r) => (typeof r.input.email === 'string' ? [r.input.email] : [])),
    )
    const skipped: ImportError[] = []
    const statements: BatchItem<'sqlite'>[] = []
    for (const r of chunk.rows) {
      const parsed = v.safeParse(CreateParticipantBody, r.input)
      if (!parsed.success) {
        skipped.push({
          row: r.row,
          column: null,
          message: `Not created: ${parsed.issues[0]?.message ?? 'invalid'}`,
        })
        continue
      }
      if (parsed.output.email && taken.has(parsed.output.email)) {
        skipped.push({
          row: r.row,
          column: headerOf('email'),
          message: 'Not created: someone with this email joined the program after the preview.',
        })
        continue
      }
      const row = { ...participantRow(tenantId, i.programId, parsed.output, 'import', now), id: r.id }
      statements.push(...insertParticipant(db, row, actor, now))
    }
    const created = chunk.rows.length - skipped.length
    try {
      const nextErrors = skipped.length ? [...errors, ...skipped].slice(0, MAX_STORED_ERRORS) : errors
      const chunkWhere = chunksOf(
        tenantId,
        importId,
        eq(participantImportChunks.seq, chunk.seq),
        isNull(participantImportChunks.appliedAt),
      )
      // Counters first, and only while the chunk is still unapplied: a second delivery of the same message
      // counts nothing (its inserts, if any, fail on the ids the first delivery created).
      await db.batch([
        db
          .update(participantImports)
          .set({
            appliedRows: sql`${participantImports.appliedRows} + ${created}`,
            skippedRows: sql`${participantImports.skippedRows} + ${skipped.length}`,
            errors: nextErrors,
            errorCount: sql`${participantImports.errorCount} + ${skipped.length}`,
            updatedAt: now,
          })
          .where(
            and(
              where,
              exists(
                db
                  .select({ seq: participantImportChunks.seq })
                  .from(participantImportChunks)
                  .where(chunkWhere),
              ),
            ),
          ),
        db.update(participantImportChunks).set({ appliedAt: now }).where(chunkWhere),
        ...statements,
      ])
      errors = nextErrors
    } catch (error) {
      const again = await db
        .select({ appliedAt: participantImportChunks.appliedAt })
        .from(participantImportChunks)
        .where(chunksOf(tenantId, importId, eq(participantImportChunks.seq, chunk.seq)))
        .get()
      if (again?.appliedAt) continue // another delivery of the same message applied this batch
      const first = chunk.rows[0]?.row
      const last = chunk.rows.at(-1)?.row
      const failure = `Rows ${first}–${last} could not be saved (${failureText(error)}). Rows before them were created; these and later rows were not.`
      log.error('import: batch failed', { importId, seq: chunk.seq, error: failureText(error) })
      await db.batch([
        db.update(participantImports).set({ status: 'failed', failure, updatedAt: now }).where(where),
        discardChunks(db, tenantId, importId),
        audit(
          db,
          {
            tenantId,
            actorUserId: actor,
            action: 'participants.import_failed',
            targetType: 'participant_import',
            targetId: importId,
          },
          now,
        ),
      ])
      return 'done'
    }
  }
  return 'continue'
}

async function finish(db: Database, i: ParticipantImport, actor: string, now: Date): Promise<JobOutcome> {
  const where = tenantRow(participantImports, i.tenantId, i.id)
  const current = await db.select().from(participantImports).where(where).get()
  if (current?.status !== 'applying') return 'nothing'
  await db.batch([
    db
      .update(participantImports)
      .set({ status: 'done', updatedAt: now })
      .where(and(where, eq(participantImports.status, 'applying'))),
    discardChunks(db, i.tenantId, i.id),
    audit(
      db,
      {
        tenantId: i.tenantId,
        actorUserId: actor,
        action: 'participants.imported',
        targetType: 'participant_import',
        targetId: i.id,
        meta: { programId: i.programId, created: current.appliedRows, skipped: current.skippedRows },
      },
      now,
    ),
  ])
  return 'done'
}

/** Queue consumer entry: finds the tenant's database, applies some batches, hands the rest on. */
export async function handleImportMessage(
  env: Bindings,
  job: Extract<QueueMessage, { type: 'participants.import' }>,
  now = new Date(),
): Promise<JobOutcome> {
  const resolver = resolverFor(env)
  const tenant = await resolver.control().select().from(tenants).where(eq(tenants.id, job.tenantId)).get()
  if (!tenant) return 'nothing'
  const outcome = await runImportJob(await resolver.dbFor(tenant), job.tenantId, job.importId, now)
  // Sent before the message is acknowledged: if sending fails, the message is retried and continues.
  if (outcome === 'continue') await (env.QUEUE as Queue<QueueMessage>).send(job)
  return outcome
}
