import {
  type Database,
  findOpenPortalInvitation,
  findParticipant,
  listParticipants,
  matches,
  type NewParticipant,
  newId,
  type Participant,
  type Program,
  participantEvents,
  participants,
  screenings,
  searchTextOf,
} from '@tandem/db'
import { NEXT_STATUSES, PARTICIPANT_STATUSES, type ParticipantSort } from '@tandem/vocab'
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { sha256Hex } from '../../lib/crypto'
import { fieldError } from '../../lib/field-errors'
import { log } from '../../lib/log'
import { Problem } from '../../lib/problem'
import { decryptFields, encryptFields, type MasterKeys } from '../../lib/protected-fields'
import { inTenant, pageOf, sameTenantRow, tenantRow } from '../../lib/sql'
import { getScreening, screeningOut, screeningState } from '../screening/service'
import type { CreateParticipantBody, ListQuery, ProtectedBody, UpdateParticipantBody } from './schema'

type CreateInput = v.InferOutput<typeof CreateParticipantBody>
export type ParticipantSource = NonNullable<NewParticipant['source']>

/** The row for a new participant, from validated profile input (coordinator, intake form or CSV import). */
export function participantRow(
  tenantId: string,
  programId: string,
  input: CreateInput,
  source: ParticipantSource,
  now: Date,
  consentVersion: string | null = null,
): Participant {
  const { demographicsConsent, ...profile } = input
  return {
    ...profile,
    id: newId(),
    tenantId,
    programId,
    demographics: demographicsConsent ? profile.demographics : null,
    demographicsConsentAt: demographicsConsent && profile.demographics ? now : null,
    capacity: input.role === 'mentor' ? input.capacity : 1,
    consentVersion,
    consentAt: consentVersion ? now : null,
    status: 'applied',
    exitReason: null,
    userId: null,
    protectedData: null,
    source,
    searchText: searchTextOf(profile),
    erasedAt: null,
    createdAt: now,
    updatedAt: now,
  }
}

/** Statements that enroll one participant (with an empty screening record for mentors). Batch them. */
export function insertParticipant(db: Database, row: Participant, actorUserId: string | null, now: Date) {
  return [
    db.insert(participants).values(row),
    ...(row.role === 'mentor'
      ? [db.insert(screenings).values({ participantId: row.id, tenantId: row.tenantId, updatedAt: now })]
      : []),
    db.insert(participantEvents).values({
      id: newId(),
      tenantId: row.tenantId,
      participantId: row.id,
      kind: 'enrolled',
      detail: { source: row.source, role: row.role },
      actorUserId,
      createdAt: now,
    }),
  ] as const
}

export function participantOut(p: Participant) {
  const { protectedData, searchText, tenantId, userId, erasedAt: _erased, ...rest } = p
  return {
    ...rest,
    hasProtectedData: protectedData !== null,
    /** Whether the person has a portal account linked (never which account). */
    portalLinked: userId !== null,
    demographicsConsentAt: p.demographicsConsentAt?.toISOString() ?? null,
    consentAt: p.consentAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt?.toISOString() ?? null,
  }
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** A list's filters: everything of the query but its order and paging. */
type ListFilters = Omit<v.InferOutput<typeof ListQuery>, 'cursor' | 'limit' | 'sort'>

/** The filters of a list (role, status, language, neighborhood, need, text), without the tenant and program. */
export function filterConditions(q: ListFilters) {
  // Erased people stay as anonymous rows for the counts (decision 032); lists and exports leave them out.
  const conditions: SQL[] = [isNull(participants.erasedAt)]
  if (q.role) conditions.push(eq(participants.role, q.role))
  if (q.status?.length) conditions.push(inArray(participants.status, q.status as Participant['status'][]))
  if (q.language) {
    conditions.push(
      sql`exists (select 1 from json_each(${participants.languages}) where json_extract(value, '$.code') = ${q.language})`,
    )
  }
  if (q.neighborhood)
    conditions.push(sql`lower(${participants.neighborhood}) = ${q.neighborhood.toLocaleLowerCase()}`)
  if (q.need) {
    conditions.push(
      sql`(exists (select 1 from json_each(${participants.settlementNeeds}) where value = ${q.need}) or exists (select 1 from json_each(${participants.accessNeeds}) where value = ${q.need}))`,
    )
  }
  if (q.q)
    conditions.push(
      sql`${participants.searchText} like ${`%${likeEscape(q.q.toLocaleLowerCase())}%`} escape '\\'`,
    )
  return conditions
}

/** The WHERE conditions of a filtered list, tenant and program included; shared by the CSV export. */
export function listConditions(tenantId: string, programId: string, q: ListFilters) {
  return [eq(participants.tenantId, tenantId), eq(participants.programId, programId), ...filterConditions(q)]
}

/** Statuses in pipeline order (applied first), as a number SQL can sort by (the vocabulary's own literals). */
const statusRank = sql<number>`(case ${participants.status} ${sql.raw(
  PARTICIPANT_STATUSES.map((status, i) => `when '${status}' then ${i}`).join(' '),
)} end)`

/**
 * The order of a sorted list and the keyset of its next page: the rows after a given row in that order. Ties
 * are broken by id, so the order is total and a cursor (the last row's id) is enough to go on from.
 */
function sortOrder(sort: ParticipantSort) {
  const descending = sort.startsWith('-')
  const by = descending ? sort.slice(1) : sort
  // Names compare without case (ASCII), statuses in pipeline order, waiting time by enrolment (ms).
  const key =
    by === 'name'
      ? sql`${participants.displayName} collate nocase`
      : by === 'status'
        ? statusRank
        : sql`${participants.createdAt}`
  const keyOf = (row: Participant) =>
    by === 'name'
      ? row.displayName
      : by === 'status'
        ? PARTICIPANT_STATUSES.indexOf(row.status)
        : row.createdAt.getTime()
  const beyond = descending ? sql.raw('<') : sql.raw('>')
  const direction = descending ? desc : asc
  return {
    orderBy: [direction(key), direction(participants.id)],
    after: (row: Participant) =>
      sql`(${key} ${beyond} ${keyOf(row)} or (${key} = ${keyOf(row)} and ${participants.id} ${beyond} ${row.id}))`,
  }
}

/**
 * One page. Without `sort`, ordered by id (random ids: a stable, index-friendly keyset); with `sort`, by name,
 * status or waiting time, ties by id, paged from the row the cursor names.
 */
export async function listParticipantsPage(
  { db, tenantId }: Scope,
  programId: string,
  q: v.InferOutput<typeof ListQuery>,
) {
  let rows: Participant[]
  if (!q.sort) {
    rows = await listParticipants(db, tenantId, programId, {
      limit: q.limit + 1,
      where: filterConditions(q),
      ...(q.cursor ? { cursor: q.cursor } : {}),
    })
  } else {
    const order = sortOrder(q.sort)
    const conditions = listConditions(tenantId, programId, q)
    if (q.cursor) {
      const after = await findParticipant(db, tenantId, programId, q.cursor)
      if (!after) {
        throw new Problem('invalid-request', {
          detail: 'The cursor names no participant of this program; start again from the first page.',
          errors: [
            fieldError('cursor', 'not-found', {
              location: 'query',
              message: 'Not a participant of this program.',
            }),
          ],
        })
      }
      conditions.push(order.after(after))
    }
    rows = await db
      .select()
      .from(participants)
      .where(and(...conditions))
      .orderBy(...order.orderBy)
      .limit(q.limit + 1)
  }
  return pageOf(rows, q.limit, participantOut, (r) => r.id)
}

// ---------- status and profile ----------

/** The allowed status changes are the shared rule the web client offers too. */
const transitions = NEXT_STATUSES

export async function updateParticipant(
  scope: Scope,
  program: Program,
  participant: Participant,
  input: v.InferOutput<typeof UpdateParticipantBody>,
) {
  const { db, actorId: actorUserId, now } = scope
  const { status, exitReason, demographicsConsent, ...profile } = input
  const changes: Partial<Participant> = { ...profile, updatedAt: now }
  if (profile.demographics !== undefined) {
    const consent = demographicsConsent ?? participant.demographicsConsentAt !== null
    if (profile.demographics !== null && !consent) {
      throw new Problem('invalid-request', {
        errors: [
          fieldError('demographics', 'needs-consent', {
            message: 'Demographic fields need the person’s recorded consent.',
          }),
        ],
      })
    }
    changes.demographicsConsentAt = profile.demographics ? (participant.demographicsConsentAt ?? now) : null
  } else if (demographicsConsent === false) {
    // Withdrawing consent removes the data it covered.
    changes.demographics = null
    changes.demographicsConsentAt = null
  }
  if (participant.role === 'mentee' && profile.capacity !== undefined && profile.capacity !== 1) {
    throw new Problem('invalid-request', {
      errors: [fieldError('capacity', 'not-allowed', { message: 'Only mentors take more than one person.' })],
    })
  }
  const statusEvents: Record<string, string | null>[] = []
  if (status && status !== participant.status) {
    if (!transitions[participant.status].includes(status)) {
      throw new Problem('status-not-allowed', {
        detail: `A participant cannot go from ${participant.status} to ${status}.`,
        errors: [
          fieldError('status', 'not-allowed', {
            params: { options: [...transitions[participant.status]] },
            message: `Allowed next: ${transitions[participant.status].join(', ')}.`,
          }),
        ],
      })
    }
    if (status === 'exited' && !exitReason) {
      throw new Problem('invalid-request', {
        errors: [fieldError('exitReason', 'required', { message: 'Say why the person leaves.' })],
      })
    }
    if (participant.role === 'mentor' && (status === 'ready' || status === 'matched')) {
      const state = screeningState(await getScreening(scope, participant), program, now)
      if (!state.matchable) {
        throw new Problem('mentor-not-cleared', {
          detail: `This mentor is not cleared yet: ${state.missing.join(', ')}.`,
          errors: [fieldError('status', 'not-allowed', { message: 'Screening incomplete or expired.' })],
        })
      }
    }
    changes.status = status
    changes.exitReason = status === 'exited' ? (exitReason ?? null) : null
    statusEvents.push({ from: participant.status, to: status, reason: changes.exitReason ?? null })
  }
  const next = { ...participant, ...changes }
  changes.searchText = searchTextOf(next)
  await db.batch([
    db
      .update(participants)
      .set(changes)
      .where(tenantRow(participants, participant.tenantId, participant.id)),
    db.insert(participantEvents).values({
      id: newId(),
      tenantId: participant.tenantId,
      participantId: participant.id,
      kind: statusEvents.length ? 'status' : 'profile.updated',
      detail: statusEvents[0] ?? { fields: Object.keys(profile).join(',') },
      actorUserId,
      createdAt: now,
    }),
  ])
  return participantOut({ ...next, searchText: changes.searchText })
}

export async function participantHistory({ db, tenantId }: Scope, participantId: string) {
  const rows = await db
    .select()
    .from(participantEvents)
    .where(inTenant(participantEvents, tenantId, eq(participantEvents.participantId, participantId)))
    .orderBy(asc(participantEvents.createdAt), asc(participantEvents.id))
  return rows.map((e) => ({
    id: e.id,
    kind: e.kind,
    detail: e.detail,
    actorUserId: e.actorUserId,
    createdAt: e.createdAt.toISOString(),
  }))
}

// ---------- protected fields ----------

/** Decrypts, turning an integrity failure (a ciphertext moved or altered) into a logged, explicit error. */
async function decryptFor(masterKey: MasterKeys, participant: Participant): Promise<Record<string, unknown>> {
  if (!participant.protectedData) return {}
  try {
    return await decryptFields(masterKey, participant.tenantId, participant.id, participant.protectedData)
  } catch (error) {
    // A key that is not configured any more is the operator's to fix (503), not a broken ciphertext.
    if (error instanceof Problem) throw error
    log.error('protected data failed its integrity check', { participantId: participant.id }, error)
    throw new Problem('protected-data-unreadable', {
      detail:
        'The protected fields of this person failed their integrity check. Nothing was shown; the event is logged.',
    })
  }
}

const protectedUnavailable = () =>
  new Problem('encryption-key-missing', {
    detail: 'No encryption key is configured (PROTECTED_FIELDS_KEY).',
  })

export async function writeProtected(
  scope: Scope,
  masterKey: MasterKeys | undefined,
  program: Program,
  participant: Participant,
  input: v.InferOutput<typeof ProtectedBody>,
) {
  const { db, now } = scope
  if (!masterKey) throw protectedUnavailable()
  const { expectedVersion, ...changes } = input
  const errors = Object.keys(changes)
    .filter((k) => !(program.protectedFields as string[]).includes(k))
    .map((k) => fieldError(k, 'unknown-field', { message: 'This program does not collect this field.' }))
  if (errors.length) throw new Problem('invalid-request', { errors })
  const before = participant.protectedData
  if (expectedVersion !== undefined && expectedVersion !== protectedVersion(before)) throw staleWrite()
  const current = await decryptFor(masterKey, participant)
  const merged = Object.fromEntries(
    Object.entries({ ...current, ...changes }).filter(([, v]) => v !== null && v !== undefined),
  )
  const stored = Object.keys(merged).length
    ? await encryptFields(masterKey, participant.tenantId, participant.id, merged)
    : null
  // Conditional on the ciphertext this merge started from: a write that crossed ours wins, ours is refused and
  // changes nothing (the audit entry follows only a write that took place).
  const written = await db
    .update(participants)
    .set({ protectedData: stored, updatedAt: now })
    .where(
      tenantRow(
        participants,
        participant.tenantId,
        participant.id,
        before === null ? isNull(participants.protectedData) : eq(participants.protectedData, before),
      ),
    )
    .returning({ id: participants.id })
  if (written.length === 0) throw staleWrite()
  await auditFor(scope)(
    'participant.protected_written',
    { type: 'participant', id: participant.id },
    { fields: Object.keys(changes).join(',') },
  )
  return { fields: Object.keys(merged), version: protectedVersion(stored) }
}

export async function readProtected(
  scope: Scope,
  masterKey: MasterKeys | undefined,
  participant: Participant,
  purpose: string,
) {
  if (!masterKey) throw protectedUnavailable()
  const fields = await decryptFor(masterKey, participant)
  await auditFor(scope)(
    'participant.protected_read',
    { type: 'participant', id: participant.id },
    { purpose, fields: Object.keys(fields).join(',') },
  )
  return { fields, version: protectedVersion(participant.protectedData) }
}

/** The version of a participant's protected fields: a digest of the stored ciphertext (fresh IV each write). */
const protectedVersion = (stored: string | null) => (stored ? sha256Hex(stored).slice(0, 16) : 'none')

const staleWrite = () =>
  new Problem('stale-write', {
    detail: 'The protected fields were changed by someone else since you read them; read them again.',
  })

const partner = alias(participants, 'partner')

/**
 * A participant's tandems (matches, as mentee or mentor) with the partner's name: current ones (active, paused)
 * first, newest start first; then ended ones, most recently ended first.
 */
export async function participantTandems({ db, tenantId }: Scope, p: Participant) {
  const side = p.role === 'mentee' ? matches.menteeId : matches.mentorId
  const other = p.role === 'mentee' ? matches.mentorId : matches.menteeId
  const rows = await db
    .select({ match: matches, partnerName: partner.displayName, partnerRole: partner.role })
    .from(matches)
    .innerJoin(partner, sameTenantRow(partner, other, matches.tenantId))
    .where(inTenant(matches, tenantId, eq(matches.programId, p.programId), eq(side, p.id)))
    .orderBy(
      sql`${matches.status} = 'ended'`,
      desc(sql`coalesce(${matches.endedAt}, 0)`),
      desc(matches.startedAt),
      desc(matches.id),
    )
  return rows.map(({ match: m, partnerName, partnerRole }) => ({
    id: m.id,
    status: m.status,
    partner: {
      id: p.role === 'mentee' ? m.mentorId : m.menteeId,
      displayName: partnerName,
      role: partnerRole,
    },
    startedAt: m.startedAt.toISOString(),
    endedAt: m.endedAt?.toISOString() ?? null,
    endReason: m.endReason,
  }))
}

/**
 * One participant's page: the profile, screening state for mentors, history, and an open portal invitation
 * (from the control database) while the person has no portal access yet.
 */
export async function participantDetail(scope: Scope, control: Database, program: Program, p: Participant) {
  const screening = p.role === 'mentor' ? await getScreening(scope, p) : null
  const invitation =
    p.userId === null ? await findOpenPortalInvitation(control, scope.tenantId, p.id, scope.now) : undefined
  return {
    ...participantOut(p),
    screening: screening ? screeningOut(screening, screeningState(screening, program, scope.now)) : null,
    history: await participantHistory(scope, p.id),
    tandems: await participantTandems(scope, p),
    portalInvitation: invitation
      ? { id: invitation.id, email: invitation.email, expiresAt: invitation.expiresAt.toISOString() }
      : null,
  }
}
