import {
  type Database,
  devMailbox,
  emailEvents,
  memberships,
  outbox,
  type Participant,
  participants,
  type Tenant,
  tenants,
} from '@tandem/db'
import { and, asc, eq, isNotNull, isNull, lt, ne, notInArray, type SQL, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { audit, auditFor, changeTenant } from '../../lib/audit'
import { fieldError } from '../../lib/field-errors'
import type { NoteKey } from '../../lib/notes'
import { Problem } from '../../lib/problem'
import {
  databasesOf,
  type ErasureContext,
  exportRow,
  type Holding,
  nameOf,
  type OpenContext,
  REGISTRY,
} from './registry'
import type { RetentionBody } from './schema'

const DAY = 86_400_000
/** How many exited people one tick of the retention job erases per organization (the rest in later ticks). */
export const RETENTION_BATCH = 25

type Statement = BatchItem<'sqlite'>

/** Runs statements per database, each list as one atomic batch (the control and tenant database may differ). */
async function runBatches(byDb: Map<Database, Statement[]>) {
  for (const [db, statements] of byDb) {
    const [first, ...rest] = statements
    if (first) await db.batch([first, ...rest])
  }
}

function add(byDb: Map<Database, Statement[]>, db: Database, ...statements: Statement[]) {
  byDb.set(db, [...(byDb.get(db) ?? []), ...statements])
}

/** Rows of `h` in `db` that meet `where`, oldest first (rowid; a table without one by its `order`), `limit` from `offset`. */
const rowsOf = async (
  db: Database,
  h: Holding,
  where: SQL | undefined,
  limit: number,
  offset: number,
): Promise<Record<string, unknown>[]> =>
  db
    .select()
    .from(h.table as SQLiteTable)
    .where(where)
    .orderBy(asc(h.order ?? sql`rowid`))
    .limit(limit)
    .offset(offset)

// ---------- one participant ----------

/**
 * Everything held about one participant, table by table as the registry lists them, with their protected fields,
 * the notes about them and their own end-request note opened (it is their data). Audited with its purpose.
 */
export async function exportParticipant(
  scope: Scope,
  control: Database,
  key: NoteKey,
  participant: Participant,
  purpose: string,
) {
  const ctx: OpenContext = { key, participant }
  const tables: Record<string, Record<string, unknown>[]> = {}
  for (const h of REGISTRY) {
    const where = h.ofParticipant?.(scope.tenantId, participant)
    if (!where) continue
    const rows: Record<string, unknown>[] = []
    for (const db of databasesOf(h, control, scope.db)) {
      const found = await rowsOf(db, h, where, 10_000, 0)
      for (const row of found) rows.push(await exportRow(h, row, ctx))
    }
    tables[nameOf(h)] = rows
  }
  await auditFor(scope)('participant.data_exported', { type: 'participant', id: participant.id }, { purpose })
  return {
    format: 'tandem-participant-export/1',
    exportedAt: scope.now.toISOString(),
    participantId: participant.id,
    tables,
  }
}

/** The statements that erase one participant, per database, as the registry says (plus the audit entry). */
async function erasureOf(
  control: Database,
  tenantDb: Database,
  ctx: ErasureContext,
  actorUserId: string | null,
  reason: 'request' | 'retention',
) {
  const byDb = new Map<Database, Statement[]>()
  for (const h of REGISTRY) {
    if (!h.erase || typeof h.erase === 'object') continue
    const dbs = databasesOf(h, control, tenantDb)
    if (h.erase === 'delete') {
      const where = h.ofParticipant?.(ctx.tenantId, ctx.participant)
      if (!where) continue
      for (const db of dbs) add(byDb, db, db.delete(h.table).where(where))
    } else {
      for (const db of dbs) add(byDb, db, ...h.erase(db, ctx))
    }
  }
  // Ids only: the entry says that someone was erased, by whom and why, never who they were.
  add(
    byDb,
    tenantDb,
    audit(
      tenantDb,
      {
        tenantId: ctx.tenantId,
        actorUserId,
        action: 'participant.erased',
        targetType: 'participant',
        targetId: ctx.participant.id,
        meta: { reason },
      },
      ctx.now,
    ),
  )
  return byDb
}

/** Whether the person's portal account is theirs alone here (no membership in another organization). */
async function accountGoes(control: Database, tenantId: string, p: Participant) {
  if (!p.userId) return false
  const elsewhere = await control
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, p.userId), ne(memberships.tenantId, tenantId)))
    .limit(1)
  return elsewhere.length === 0
}

async function erase(
  control: Database,
  tenantDb: Database,
  tenant: Pick<Tenant, 'id' | 'defaultLocale'>,
  participant: Participant,
  now: Date,
  actorUserId: string | null,
  reason: 'request' | 'retention',
) {
  const ctx: ErasureContext = {
    tenantId: tenant.id,
    participant,
    now,
    defaultLocale: tenant.defaultLocale,
    deleteAccount: await accountGoes(control, tenant.id, participant),
  }
  await runBatches(await erasureOf(control, tenantDb, ctx, actorUserId, reason))
}

/**
 * Erases a participant (irreversible): personal data deleted, their rows in tandems, meetings, goals, events and
 * the email log kept as anonymous rows so the program's counts stay, their portal account and its sessions gone.
 * The caller repeats the person's name (`confirm`); anything else changes nothing.
 */
export async function eraseParticipant(
  scope: Scope,
  control: Database,
  tenant: Tenant,
  participant: Participant,
  confirm: string,
) {
  if (confirm.trim() !== participant.displayName.trim()) {
    throw new Problem('invalid-request', {
      detail: 'Type the person’s name exactly as it is shown to confirm the erasure.',
      errors: [fieldError('confirm', 'not-confirmed')],
    })
  }
  await erase(control, scope.db, tenant, participant, scope.now, scope.actorId, 'request')
  return { erased: true as const, participantId: participant.id }
}

// ---------- retention ----------

export const retentionOut = (t: Tenant) => ({
  exitedParticipantMonths: t.retentionExitedMonths,
  emailLogDays: t.retentionEmailDays,
  deletionRequestedAt: t.deletionRequestedAt?.toISOString() ?? null,
})

export async function updateRetention(
  scope: Scope,
  control: Database,
  tenant: Tenant,
  body: v.InferOutput<typeof RetentionBody>,
) {
  const next = {
    retentionExitedMonths:
      body.exitedParticipantMonths === undefined
        ? tenant.retentionExitedMonths
        : body.exitedParticipantMonths,
    retentionEmailDays: body.emailLogDays === undefined ? tenant.retentionEmailDays : body.emailLogDays,
  }
  await changeTenant(
    control,
    tenant,
    next,
    {
      actorUserId: scope.actorId,
      action: 'org.retention_changed',
      targetType: 'org',
      meta: { exitedParticipantMonths: next.retentionExitedMonths, emailLogDays: next.retentionEmailDays },
    },
    scope.now,
  )
  return retentionOut({ ...tenant, ...next })
}

/** Months back from `now`, by calendar (the same day of the month, earlier). */
const monthsBefore = (now: Date, months: number) => {
  const d = new Date(now)
  d.setUTCMonth(d.getUTCMonth() - months)
  return d
}

/**
 * The retention job (cron): in each organization of this database that set a period, erases people who exited
 * longer ago than it (a batch per tick) and deletes email log entries older than theirs. Returns what it did.
 */
export async function applyRetention(control: Database, db: Database, placement: string, now: Date) {
  const done = { erased: 0, emails: 0 }
  const due = await control
    .select()
    .from(tenants)
    .where(
      and(
        eq(tenants.placement, placement),
        // Not while the organization's data moves (decision 044): the next run after the move does it.
        isNull(tenants.readOnlySince),
        sql`(${tenants.retentionExitedMonths} is not null or ${tenants.retentionEmailDays} is not null)`,
      ),
    )
  for (const tenant of due) {
    if (tenant.retentionExitedMonths !== null) {
      const before = monthsBefore(now, tenant.retentionExitedMonths)
      const exited = await db
        .select()
        .from(participants)
        .where(
          and(
            eq(participants.tenantId, tenant.id),
            eq(participants.status, 'exited'),
            isNull(participants.erasedAt),
            lt(sql`coalesce(${participants.updatedAt}, ${participants.createdAt})`, before.getTime()),
          ),
        )
        .limit(RETENTION_BATCH)
      for (const p of exited) {
        await erase(control, db, tenant, p, now, null, 'retention')
        done.erased++
      }
    }
    if (tenant.retentionEmailDays !== null) {
      const before = new Date(now.getTime() - tenant.retentionEmailDays * DAY)
      // Email still waiting to go is not a log entry yet.
      const old = and(
        eq(outbox.tenantId, tenant.id),
        lt(outbox.createdAt, before),
        notInArray(outbox.status, ['pending', 'queued']),
      )
      const ids = sql`select ${outbox.id} from ${outbox} where ${old}`
      const removed = await db.batch([
        db
          .delete(emailEvents)
          .where(and(eq(emailEvents.tenantId, tenant.id), sql`${emailEvents.outboxId} in (${ids})`)),
        // The local dev mailbox's copies (in the control database: only while it is this one).
        ...(control === db ? [db.delete(devMailbox).where(sql`${devMailbox.outboxId} in (${ids})`)] : []),
        db.delete(outbox).where(old),
      ])
      done.emails += changes(removed.at(-1))
    }
  }
  return done
}

const changes = (r: unknown) =>
  (r as { meta?: { changes?: number } })?.meta?.changes ?? (r as { rowsAffected?: number })?.rowsAffected ?? 0

// ---------- the whole organization ----------

/**
 * The organization's archive, streamed as one JSON document (`{ format, organization, exportedAt, tables }`):
 * each registry table's rows of this organization, a page at a time, with sealed fields opened (after deletion
 * nobody could open them). Accounts are listed without secrets.
 */
export function archiveStream(
  control: Database,
  tenantDb: Database,
  tenant: Tenant,
  key: NoteKey,
  now: Date,
) {
  const encoder = new TextEncoder()
  const PAGE = 500
  const ctx: OpenContext = { key }
  async function* parts() {
    yield `{"format":"tandem-organization-archive/1","organization":${JSON.stringify(tenant.slug)},"exportedAt":${JSON.stringify(now.toISOString())},"tables":{`
    let firstTable = true
    for (const h of REGISTRY) {
      const where = h.ofTenant?.(tenant.id)
      if (!where) continue
      yield `${firstTable ? '' : ','}${JSON.stringify(nameOf(h))}:[`
      firstTable = false
      let firstRow = true
      for (const db of databasesOf(h, control, tenantDb)) {
        for (let offset = 0; ; offset += PAGE) {
          const rows = await rowsOf(db, h, where, PAGE, offset)
          const out: string[] = []
          for (const row of rows) out.push(JSON.stringify(await exportRow(h, row, ctx)))
          if (out.length) {
            yield `${firstRow ? '' : ','}${out.join(',')}`
            firstRow = false
          }
          if (rows.length < PAGE) break
        }
      }
      yield ']'
    }
    yield '}}'
  }
  const iterator = parts()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(next.value))
    },
  })
}

export async function auditArchive(scope: Scope, control: Database, tenant: Tenant, purpose: string) {
  await audit(
    control,
    {
      tenantId: tenant.id,
      actorUserId: scope.actorId,
      action: 'org.archived',
      targetType: 'org',
      targetId: tenant.id,
      meta: { purpose },
    },
    scope.now,
  )
}

/**
 * An owner asks to delete the organization (they repeat its address, `confirm`). The scheduled job deletes every
 * row of it within a minute or two; until then nothing else changes.
 */
export async function requestDeletion(scope: Scope, control: Database, tenant: Tenant, confirm: string) {
  if (confirm.trim() !== tenant.slug) {
    throw new Problem('invalid-request', {
      detail: 'Type the organization’s address (its slug) exactly to confirm the deletion.',
      errors: [fieldError('confirm', 'not-confirmed')],
    })
  }
  await control.batch([
    control
      .update(tenants)
      .set({ deletionRequestedAt: scope.now })
      .where(and(eq(tenants.id, tenant.id), isNull(tenants.deletionRequestedAt))),
    audit(
      control,
      {
        tenantId: tenant.id,
        actorUserId: scope.actorId,
        action: 'org.deletion_requested',
        targetType: 'org',
        targetId: tenant.id,
      },
      scope.now,
    ),
  ])
  return { deletionRequestedAt: (tenant.deletionRequestedAt ?? scope.now).toISOString() }
}

/**
 * Deletes every row of one organization, in every table the registry lists, in registry order with the
 * organization itself last (rows found through others, such as accounts through memberships, go before those).
 * Leaves one audit entry outside the organization: that it was deleted, with ids only.
 */
export async function deleteOrganization(control: Database, tenantDb: Database, tenantId: string, now: Date) {
  const byDb = new Map<Database, Statement[]>()
  const last: Holding[] = []
  for (const h of REGISTRY) {
    if (!h.ofTenant) continue
    if (h.table === tenants) {
      last.push(h)
      continue
    }
    const where = h.ofTenant(tenantId)
    for (const db of databasesOf(h, control, tenantDb)) add(byDb, db, db.delete(h.table).where(where))
  }
  for (const h of last) {
    // A database of its own also holds a copy of the directory row (decision 044): it goes last there too.
    if (tenantDb !== control) add(byDb, tenantDb, tenantDb.delete(h.table).where(h.ofTenant?.(tenantId)))
    add(byDb, control, control.delete(h.table).where(h.ofTenant?.(tenantId)))
  }
  add(
    byDb,
    control,
    audit(
      control,
      { tenantId: null, actorUserId: null, action: 'org.deleted', targetType: 'org', targetId: tenantId },
      now,
    ),
  )
  await runBatches(byDb)
}

/** The deletion job (cron): deletes the organizations of this database whose owners asked for it. */
export async function applyDeletions(control: Database, db: Database, placement: string, now: Date) {
  const due = await control
    .select({ id: tenants.id })
    .from(tenants)
    .where(
      and(
        eq(tenants.placement, placement),
        isNotNull(tenants.deletionRequestedAt),
        isNull(tenants.readOnlySince),
      ),
    )
  for (const t of due) await deleteOrganization(control, db, t.id, now)
  return due.length
}
