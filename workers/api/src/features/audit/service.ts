import {
  type AuditEntry,
  auditLog,
  type Database,
  invitations,
  matches,
  memberships,
  participants,
  programs,
  users,
} from '@tandem/db'
import { AUDIT_AREAS } from '@tandem/vocab'
import { eq, gte, like, lt, or, type SQL } from 'drizzle-orm'
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import Papa from 'papaparse'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { newestInBoth, newestRows, timeCursorOf } from '../../lib/paging'
import { inIds, inTenant, pageOf } from '../../lib/sql'
import { formulaLike } from '../participants/csv-columns'
import type { AuditFilters, AuditNames } from './schema'

type Names = v.InferOutput<typeof AuditNames>

/**
 * One page of a tenant's audit log, newest first, optionally of one area. Entries live in the database of the
 * change they record (control for accounts and members, the tenant's database for program data), so both are
 * read and merged; while a tenant is on the shared database they are one. Actor names and the names each
 * entry's sentence needs are looked up afterwards, every lookup filtered by the tenant.
 */
type Filters = v.InferOutput<typeof AuditFilters>

const DAY = 86_400_000

/** The conditions of the filters (area, action, actor, days from–to in UTC, both included). */
function filterConditions(query: Filters): (SQL | undefined)[] {
  // `_` is a LIKE wildcard; the prefixes are fixed strings, so it only ever matches itself here.
  const area = query.area
    ? or(...AUDIT_AREAS[query.area].map((prefix) => like(auditLog.action, `${prefix}%`)))
    : undefined
  return [
    area,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.actor ? eq(auditLog.actorUserId, query.actor) : undefined,
    query.from ? gte(auditLog.createdAt, new Date(`${query.from}T00:00:00Z`)) : undefined,
    query.to
      ? lt(auditLog.createdAt, new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY))
      : undefined,
  ]
}

export async function listAudit(
  scope: Scope,
  control: Database,
  query: Filters & { cursor?: string | undefined; limit: number },
) {
  const rows = await newestInBoth(scope, control, query.limit, (db) =>
    newestRows(db, scope.tenantId, auditLog, query, ...filterConditions(query)),
  )
  const lookup = await lookUpNames(scope, control, rows.slice(0, query.limit))
  return pageOf(rows, query.limit, (entry) => entryOut(entry, lookup), timeCursorOf)
}

/** At most this many entries go into one CSV export (narrow the filters for more). */
export const AUDIT_EXPORT_MAX = 10_000
const EXPORT_PAGE = 500
const CSV_HEADERS = ['createdAt', 'action', 'actorId', 'actor', 'targetType', 'targetId', 'names', 'meta']

/** A cell as a spreadsheet reads it: text that would start a formula is quoted with an apostrophe. */
const cell = (value: string) => (formulaLike.test(value) ? `'${value}` : value)

/**
 * The filtered log as CSV (UTF-8 with a byte-order mark), newest first, at most AUDIT_EXPORT_MAX entries, with the
 * names each entry's sentence needs. The export itself is audited with its purpose and filters.
 */
export async function exportAudit(
  scope: Scope,
  control: Database,
  query: Filters & { purpose: string },
): Promise<{ csv: string; count: number }> {
  const lines = [Papa.unparse([CSV_HEADERS])]
  let cursor: string | undefined
  let count = 0
  while (count < AUDIT_EXPORT_MAX) {
    const limit = Math.min(EXPORT_PAGE, AUDIT_EXPORT_MAX - count)
    const page = await listAudit(scope, control, { ...query, cursor, limit })
    const rows = page.items.map((e) =>
      [
        e.createdAt,
        e.action,
        e.actor?.id ?? '',
        e.actor?.name ?? '',
        e.targetType ?? '',
        e.targetId ?? '',
        Object.entries(e.names)
          .map(([k, name]) => `${k}: ${name}`)
          .join('; '),
        e.meta ? JSON.stringify(e.meta) : '',
      ].map(cell),
    )
    if (rows.length) lines.push(Papa.unparse(rows))
    count += rows.length
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  const { purpose, ...filters } = query
  await auditFor(scope)(
    'audit.exported',
    { type: 'org', id: scope.tenantId },
    { purpose, count, filters: JSON.stringify(filters) },
  )
  return { csv: `\ufeff${lines.join('\r\n')}\r\n`, count }
}

function entryOut(entry: AuditEntry, lookup: Lookup) {
  const name = entry.actorUserId ? lookup.users.get(entry.actorUserId) : undefined
  return {
    id: entry.id,
    action: entry.action,
    actor: entry.actorUserId && name ? { id: entry.actorUserId, name } : null,
    targetType: entry.targetType,
    targetId: entry.targetId,
    meta: entry.meta,
    names: namesOf(entry, lookup),
    createdAt: entry.createdAt.toISOString(),
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
const unique = (ids: (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => !!id))]
const targetOf = (entries: AuditEntry[], type: string) =>
  unique(entries.map((e) => (e.targetType === type ? e.targetId : null)))

interface Lookup {
  users: Map<string, string>
  participants: Map<string, string>
  programs: Map<string, string>
  /** A match's mentee and mentor, for entries that name only the match. */
  matches: Map<string, { menteeId: string; mentorId: string }>
  members: Map<string, string>
  invitations: Map<string, string>
}

type NameColumn = AnySQLiteColumn<{ data: string; notNull: true }>

/** id → name of the rows among `ids` in one tenant's table; no query when there are none. */
async function namesIn(
  db: Database,
  tenantId: string,
  table: SQLiteTable & { id: NameColumn; tenantId: NameColumn },
  name: NameColumn,
  ids: string[],
) {
  if (!ids.length) return []
  return db
    .select({ id: table.id, name })
    .from(table)
    .where(inTenant(table, tenantId, inIds(table.id, ids)))
}

/** Every name the page's sentences need, in one query per table (each filtered by the tenant). */
async function lookUpNames({ db, tenantId }: Scope, control: Database, page: AuditEntry[]): Promise<Lookup> {
  const matchIds = targetOf(page, 'match')
  const matchRows = matchIds.length
    ? await db
        .select({ id: matches.id, menteeId: matches.menteeId, mentorId: matches.mentorId })
        .from(matches)
        .where(inTenant(matches, tenantId, inIds(matches.id, matchIds)))
    : []
  const participantIds = unique([
    ...targetOf(page, 'participant'),
    ...page.flatMap((e) => [text(e.meta?.menteeId), text(e.meta?.mentorId)]),
    ...matchRows.flatMap((m) => [m.menteeId, m.mentorId]),
  ])
  const programIds = unique([...targetOf(page, 'program'), ...page.map((e) => text(e.meta?.programId))])
  const userIds = unique([...page.map((e) => e.actorUserId), ...targetOf(page, 'user')])
  const memberIds = targetOf(page, 'member')
  const invitationIds = targetOf(page, 'invitation')
  const [participantRows, programRows, userRows, memberRows, invitationRows] = await Promise.all([
    namesIn(db, tenantId, participants, participants.displayName, participantIds),
    namesIn(db, tenantId, programs, programs.name, programIds),
    userIds.length
      ? control.select({ id: users.id, name: users.name }).from(users).where(inIds(users.id, userIds))
      : [],
    memberIds.length
      ? control
          .select({ id: memberships.id, name: users.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(inTenant(memberships, tenantId, inIds(memberships.id, memberIds)))
      : [],
    namesIn(control, tenantId, invitations, invitations.email, invitationIds),
  ])
  const byId = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name] as const))
  return {
    users: byId(userRows),
    participants: byId(participantRows),
    programs: byId(programRows),
    matches: new Map(matchRows.map((m) => [m.id, m] as const)),
    members: byId(memberRows),
    invitations: byId(invitationRows),
  }
}

/** The names one entry's sentence needs, from what the lookup found (a name that is gone is left out). */
function namesOf(entry: AuditEntry, lookup: Lookup): Names {
  const names: Names = {}
  const set = (key: keyof Names, value: string | undefined) => {
    if (value) names[key] = value
  }
  const target = entry.targetId ?? ''
  const match = entry.targetType === 'match' ? lookup.matches.get(target) : undefined
  const menteeId = text(entry.meta?.menteeId) ?? match?.menteeId
  const mentorId = text(entry.meta?.mentorId) ?? match?.mentorId
  if (menteeId) set('mentee', lookup.participants.get(menteeId))
  if (mentorId) set('mentor', lookup.participants.get(mentorId))
  if (entry.targetType === 'participant') set('participant', lookup.participants.get(target))
  const programId = entry.targetType === 'program' ? target : text(entry.meta?.programId)
  if (programId) set('program', lookup.programs.get(programId))
  if (entry.targetType === 'member') set('member', lookup.members.get(target))
  if (entry.targetType === 'user') set('user', lookup.users.get(target))
  if (entry.targetType === 'invitation') set('email', lookup.invitations.get(target))
  return names
}
