import {
  type Database,
  listParticipants,
  type NewParticipant,
  newId,
  type Participant,
  type Program,
  participantEvents,
  participants,
  type Screening,
  screenings,
  searchTextOf,
} from '@tandem/db'
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { audit } from '../../lib/audit'
import { describeError } from '../../lib/log'
import { notFound, Problem } from '../../lib/problem'
import { decryptFields, encryptFields } from '../../lib/protected-fields'
import type {
  CreateParticipantBody,
  ListQuery,
  ProtectedBody,
  ScreeningBody,
  UpdateParticipantBody,
} from './schema'

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
  const { protectedData, searchText, tenantId, userId, ...rest } = p
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

export async function getParticipant(
  db: Database,
  tenantId: string,
  programId: string,
  id: string,
): Promise<Participant> {
  const row = await db
    .select()
    .from(participants)
    .where(
      and(
        eq(participants.tenantId, tenantId),
        eq(participants.programId, programId),
        eq(participants.id, id),
      ),
    )
    .get()
  if (!row) throw notFound('No such participant in this program.')
  return row
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** The filters of a list (role, status, language, neighborhood, need, text), without the tenant and program. */
export function filterConditions(q: Omit<v.InferOutput<typeof ListQuery>, 'cursor' | 'limit'>) {
  const conditions: SQL[] = []
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
export function listConditions(
  tenantId: string,
  programId: string,
  q: Omit<v.InferOutput<typeof ListQuery>, 'cursor' | 'limit'>,
) {
  return [eq(participants.tenantId, tenantId), eq(participants.programId, programId), ...filterConditions(q)]
}

/** One page, ordered by id (random ids: a stable, index-friendly keyset). */
export async function listParticipantsPage(
  { db, tenantId }: Scope,
  programId: string,
  q: v.InferOutput<typeof ListQuery>,
) {
  const rows = await listParticipants(db, tenantId, programId, {
    limit: q.limit + 1,
    where: filterConditions(q),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  })
  const page = rows.slice(0, q.limit)
  return {
    items: page.map(participantOut),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  }
}

// ---------- screening ----------

const today = (now: Date) => now.toISOString().slice(0, 10)

export interface ScreeningState {
  matchable: boolean
  missing: string[]
  expiresOn: string | null
  expiringSoon: boolean
  expired: boolean
}

/** What a mentor still needs before they may be matched; every requirement must be met and unexpired. */
export function screeningState(s: Screening, program: Program, now: Date): ScreeningState {
  const missing: string[] = []
  const received = s.references.filter((r) => r.status === 'received').length
  if (s.references.some((r) => r.status === 'concerns')) missing.push('references_concerns')
  else if (received < 2) missing.push('references')
  const day = today(now)
  const expired = s.checkExpiresOn !== null && s.checkExpiresOn <= day
  if (s.checkStatus !== 'clear') missing.push('background_check')
  else if (!s.checkExpiresOn || expired) missing.push('background_check_expired')
  for (const m of program.trainingModules) if (!s.trainingCompleted[m.id]) missing.push(`training:${m.id}`)
  if (s.safetyAckVersion !== program.safetyGuidelinesVersion) missing.push('safety_guidelines')
  if (!s.approvedAt) missing.push('approval')
  const windowEnd = new Date(now.getTime() + program.renewalWindowDays * 86_400_000)
    .toISOString()
    .slice(0, 10)
  return {
    matchable: missing.length === 0,
    missing,
    expiresOn: s.checkExpiresOn,
    expired,
    expiringSoon: !expired && s.checkExpiresOn !== null && s.checkExpiresOn <= windowEnd,
  }
}

export async function getScreening(
  db: Database,
  tenantId: string,
  participant: Participant,
): Promise<Screening> {
  if (participant.role !== 'mentor') throw notFound('Screening applies to mentors only.')
  const row = await db
    .select()
    .from(screenings)
    .where(and(eq(screenings.tenantId, tenantId), eq(screenings.participantId, participant.id)))
    .get()
  if (!row) throw notFound('No screening record for this mentor.')
  return row
}

export function screeningOut(s: Screening, state: ScreeningState) {
  return {
    references: s.references,
    checkStatus: s.checkStatus,
    checkProviderRef: s.checkProviderRef,
    checkedOn: s.checkedOn,
    checkExpiresOn: s.checkExpiresOn,
    trainingCompleted: s.trainingCompleted,
    safetyAckVersion: s.safetyAckVersion,
    safetyAckAt: s.safetyAckAt?.toISOString() ?? null,
    approvedAt: s.approvedAt?.toISOString() ?? null,
    ...state,
  }
}

export async function updateScreening(
  { db, actorId: actorUserId, now }: Scope,
  program: Program,
  participant: Participant,
  input: v.InferOutput<typeof ScreeningBody>,
) {
  const current = await getScreening(db, participant.tenantId, participant)
  const { safetyAcknowledged, approved, ...fields } = input
  for (const moduleId of Object.keys(fields.trainingCompleted ?? {})) {
    if (!program.trainingModules.some((m) => m.id === moduleId)) {
      throw new Problem('invalid-request', {
        errors: [
          {
            location: 'body',
            path: `trainingCompleted.${moduleId}`,
            message: 'This program has no such training module.',
          },
        ],
      })
    }
  }
  const next: Screening = {
    ...current,
    ...fields,
    trainingCompleted: { ...current.trainingCompleted, ...(fields.trainingCompleted ?? {}) },
    ...(safetyAcknowledged ? { safetyAckVersion: program.safetyGuidelinesVersion, safetyAckAt: now } : {}),
    updatedAt: now,
  }
  // Approval is the coordinator's last step and needs every other requirement met. Whether a mentor is
  // matchable is computed from the current record each time, so a check that later expires blocks
  // matching without anyone having to withdraw the approval.
  if (approved === true) {
    const pending = screeningState({ ...next, approvedAt: now }, program, now).missing
    if (pending.length > 0) {
      throw new Problem('screening-incomplete', {
        detail: `Not every requirement is met: ${pending.join(', ')}.`,
      })
    }
    next.approvedAt = now
    next.approvedBy = actorUserId
  } else if (
    approved === false ||
    next.checkStatus === 'concerns' ||
    next.references.some((r) => r.status === 'concerns')
  ) {
    // Concerns withdraw an approval: clearing them later needs a coordinator to approve again.
    next.approvedAt = null
    next.approvedBy = null
  }
  const becomesReady =
    screeningState(next, program, now).matchable &&
    (participant.status === 'applied' || participant.status === 'screening')
  const startsScreening = next.approvedAt === null && participant.status === 'applied'
  const status: Participant['status'] = becomesReady
    ? 'ready'
    : startsScreening
      ? 'screening'
      : participant.status
  const event = (kind: string, detail: Record<string, string | number | boolean | null>) =>
    db.insert(participantEvents).values({
      id: newId(),
      tenantId: participant.tenantId,
      participantId: participant.id,
      kind,
      detail,
      actorUserId,
      createdAt: now,
    })
  // Optimistic concurrency: the write applies only to the version this request read, so two coordinators
  // saving at once cannot silently undo each other (e.g. an approval erasing recorded concerns). The
  // reminder mark belongs to the cron and is never written here.
  const { checkReminderFor: _reminder, participantId: _id, tenantId: _tenant, ...columns } = next
  const written = await db
    .update(screenings)
    .set(columns)
    .where(
      and(
        eq(screenings.tenantId, participant.tenantId),
        eq(screenings.participantId, participant.id),
        current.updatedAt ? eq(screenings.updatedAt, current.updatedAt) : isNull(screenings.updatedAt),
      ),
    )
    .returning({ id: screenings.participantId })
    .get()
  if (!written) {
    throw new Problem('screening-changed', {
      detail: 'Someone else changed this screening just now. Reload and try again.',
    })
  }
  await db.batch([
    event('screening.updated', { fields: Object.keys(input).join(',') }),
    ...(status !== participant.status
      ? [
          db
            .update(participants)
            .set({ status, updatedAt: now })
            .where(and(eq(participants.tenantId, participant.tenantId), eq(participants.id, participant.id))),
          event('status', { from: participant.status, to: status }),
        ]
      : []),
    ...(approved === true
      ? [
          audit(
            db,
            {
              tenantId: participant.tenantId,
              actorUserId,
              action: 'mentor.approved',
              targetType: 'participant',
              targetId: participant.id,
            },
            now,
          ),
        ]
      : []),
  ])
  return screeningOut(next, screeningState(next, program, now))
}

// ---------- status and profile ----------

const transitions: Record<Participant['status'], Participant['status'][]> = {
  applied: ['screening', 'ready', 'exited'],
  screening: ['ready', 'applied', 'exited'],
  ready: ['matched', 'paused', 'screening', 'exited'],
  matched: ['ready', 'paused', 'exited'],
  paused: ['ready', 'matched', 'exited'],
  exited: ['applied'],
}

export async function updateParticipant(
  { db, actorId: actorUserId, now }: Scope,
  program: Program,
  participant: Participant,
  input: v.InferOutput<typeof UpdateParticipantBody>,
) {
  const { status, exitReason, demographicsConsent, ...profile } = input
  const changes: Partial<Participant> = { ...profile, updatedAt: now }
  if (profile.demographics !== undefined) {
    const consent = demographicsConsent ?? participant.demographicsConsentAt !== null
    if (profile.demographics !== null && !consent) {
      throw new Problem('invalid-request', {
        errors: [
          {
            location: 'body',
            path: 'demographics',
            message: 'Demographic fields need the person’s recorded consent.',
          },
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
      errors: [{ location: 'body', path: 'capacity', message: 'Only mentors take more than one person.' }],
    })
  }
  const statusEvents: Record<string, string | null>[] = []
  if (status && status !== participant.status) {
    if (!transitions[participant.status].includes(status)) {
      throw new Problem('status-not-allowed', {
        detail: `A participant cannot go from ${participant.status} to ${status}.`,
        errors: [
          {
            location: 'body',
            path: 'status',
            message: `Allowed next: ${transitions[participant.status].join(', ')}.`,
          },
        ],
      })
    }
    if (status === 'exited' && !exitReason) {
      throw new Problem('invalid-request', {
        errors: [{ location: 'body', path: 'exitReason', message: 'Say why the person leaves.' }],
      })
    }
    if (participant.role === 'mentor' && (status === 'ready' || status === 'matched')) {
      const state = screeningState(await getScreening(db, participant.tenantId, participant), program, now)
      if (!state.matchable) {
        throw new Problem('mentor-not-cleared', {
          detail: `This mentor is not cleared yet: ${state.missing.join(', ')}.`,
          errors: [{ location: 'body', path: 'status', message: 'Screening incomplete or expired.' }],
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
      .where(and(eq(participants.tenantId, participant.tenantId), eq(participants.id, participant.id))),
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
    .where(and(eq(participantEvents.tenantId, tenantId), eq(participantEvents.participantId, participantId)))
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
async function decryptFor(masterKey: string, participant: Participant): Promise<Record<string, unknown>> {
  if (!participant.protectedData) return {}
  try {
    return await decryptFields(masterKey, participant.tenantId, participant.id, participant.protectedData)
  } catch (error) {
    console.error(
      JSON.stringify({
        level: 'error',
        msg: 'protected data failed its integrity check',
        participantId: participant.id,
        error: describeError(error),
      }),
    )
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
  { db, actorId: actorUserId, now }: Scope,
  masterKey: string | undefined,
  program: Program,
  participant: Participant,
  input: v.InferOutput<typeof ProtectedBody>,
) {
  if (!masterKey) throw protectedUnavailable()
  const errors = Object.keys(input)
    .filter((k) => !(program.protectedFields as string[]).includes(k))
    .map((k) => ({ location: 'body', path: k, message: 'This program does not collect this field.' }))
  if (errors.length) throw new Problem('invalid-request', { errors })
  const current = await decryptFor(masterKey, participant)
  const merged = Object.fromEntries(
    Object.entries({ ...current, ...input }).filter(([, v]) => v !== null && v !== undefined),
  )
  const stored = Object.keys(merged).length
    ? await encryptFields(masterKey, participant.tenantId, participant.id, merged)
    : null
  await db.batch([
    db
      .update(participants)
      .set({ protectedData: stored, updatedAt: now })
      .where(and(eq(participants.tenantId, participant.tenantId), eq(participants.id, participant.id))),
    audit(
      db,
      {
        tenantId: participant.tenantId,
        actorUserId,
        action: 'participant.protected_written',
        targetType: 'participant',
        targetId: participant.id,
        meta: { fields: Object.keys(input).join(',') },
      },
      now,
    ),
  ])
  return { fields: Object.keys(merged) }
}

export async function readProtected(
  { db, actorId: actorUserId, now }: Scope,
  masterKey: string | undefined,
  participant: Participant,
  purpose: string,
) {
  if (!masterKey) throw protectedUnavailable()
  const fields = await decryptFor(masterKey, participant)
  await audit(
    db,
    {
      tenantId: participant.tenantId,
      actorUserId,
      action: 'participant.protected_read',
      targetType: 'participant',
      targetId: participant.id,
      meta: { purpose, fields: Object.keys(fields).join(',') },
    },
    now,
  )
  return { fields }
}
