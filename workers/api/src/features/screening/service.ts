import {
  type Database,
  type Participant,
  type Program,
  participants,
  programs,
  type Screening,
  screenings,
} from '@tandem/db'
import { checkRenewalEmail, emailLocale } from '@tandem/email'
import type { ParticipantEventKind } from '@tandem/vocab'
import { and, asc, eq, isNotNull, isNull, ne, or, type SQL, sql } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { fieldError } from '../../lib/field-errors'
import { participantEvent } from '../../lib/participant-events'
import { notFound, Problem } from '../../lib/problem'
import { inTenant, sameTenantRow, tenantRow } from '../../lib/sql'
import { optedOut } from '../email/preferences.service'
import { ruleEmail } from '../email/rule-email'
import type { EmailRule, RuleContext } from '../email/scheduler'
import type { ScreeningBody } from './schema'

/**
 * Mentor screening: references, background check (and its renewal), training, the safety guidelines and the
 * coordinator's approval. Whether a mentor may be matched is computed from the record each time
 * (`screeningState`), so an expiring check blocks matching without anyone withdrawing the approval.
 */

const day = (d: Date) => d.toISOString().slice(0, 10)

export interface ScreeningState {
  matchable: boolean
  missing: string[]
  expiresOn: string | null
  expiringSoon: boolean
  expired: boolean
}

/** The join condition for a participant's screening record (at most one), within the participant's tenant. */
export const screeningOfParticipant = and(
  eq(screenings.participantId, participants.id),
  eq(screenings.tenantId, participants.tenantId),
)

/** What a mentor still needs before they may be matched; every requirement must be met and unexpired. */
export function screeningState(s: Screening, program: Program, now: Date): ScreeningState {
  const missing: string[] = []
  const received = s.references.filter((r) => r.status === 'received').length
  if (s.references.some((r) => r.status === 'concerns')) missing.push('references_concerns')
  else if (received < 2) missing.push('references')
  const expired = s.checkExpiresOn !== null && s.checkExpiresOn <= day(now)
  if (s.checkStatus !== 'clear') missing.push('background_check')
  else if (!s.checkExpiresOn || expired) missing.push('background_check_expired')
  for (const m of program.trainingModules) if (!s.trainingCompleted[m.id]) missing.push(`training:${m.id}`)
  if (s.safetyAckVersion !== program.safetyGuidelinesVersion) missing.push('safety_guidelines')
  if (!s.approvedAt) missing.push('approval')
  const windowEnd = day(new Date(now.getTime() + program.renewalWindowDays * 86_400_000))
  return {
    matchable: missing.length === 0,
    missing,
    expiresOn: s.checkExpiresOn,
    expired,
    expiringSoon: !expired && s.checkExpiresOn !== null && s.checkExpiresOn <= windowEnd,
  }
}

/** A mentor's screening record; 404 for a mentee (screening applies to mentors only). */
export async function getScreening({ db, tenantId }: Scope, participant: Participant): Promise<Screening> {
  if (participant.role !== 'mentor') throw notFound('Screening applies to mentors only.')
  const row = await db
    .select()
    .from(screenings)
    .where(inTenant(screenings, tenantId, eq(screenings.participantId, participant.id)))
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

/**
 * Records screening steps of a mentor; approving needs every other requirement met, and the mentor's status
 * follows (applied → screening → ready). Optimistic: a concurrent change answers 409.
 */
export async function updateScreening(
  scope: Scope,
  program: Program,
  participant: Participant,
  input: v.InferOutput<typeof ScreeningBody>,
) {
  const { db, actorId: actorUserId, now } = scope
  const current = await getScreening(scope, participant)
  const { safetyAcknowledged, approved, ...fields } = input
  for (const moduleId of Object.keys(fields.trainingCompleted ?? {})) {
    if (!program.trainingModules.some((m) => m.id === moduleId)) {
      throw new Problem('invalid-request', {
        errors: [
          fieldError(`trainingCompleted.${moduleId}`, 'not-found', {
            message: 'This program has no such training module.',
          }),
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
  const event = (kind: ParticipantEventKind, detail: Record<string, string | number | boolean | null>) =>
    participantEvent(db, participant.tenantId, participant.id, kind, detail, actorUserId, now)
  // Optimistic concurrency: the write applies only to the version this request read, so two coordinators
  // saving at once cannot silently undo each other (e.g. an approval erasing recorded concerns). The
  // reminder mark belongs to the cron and is never written here.
  const { checkReminderFor: _reminder, participantId: _id, tenantId: _tenant, ...columns } = next
  const written = await db
    .update(screenings)
    .set(columns)
    .where(
      inTenant(
        screenings,
        participant.tenantId,
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
            .where(tenantRow(participants, participant.tenantId, participant.id)),
          event('status', { from: participant.status, to: status }),
        ]
      : []),
    ...(approved === true
      ? [auditFor(scope)('mentor.approved', { type: 'participant', id: participant.id })]
      : []),
  ])
  return screeningOut(next, screeningState(next, program, now))
}

// ---------- expiring checks ----------

/** Mentors (not exited) whose clear background check expires within their program's renewal window, or has expired. */
function expiringQuery(db: Database, now: Date, extra?: SQL) {
  return db
    .select({
      tenantId: participants.tenantId,
      participantId: participants.id,
      programId: programs.id,
      programName: programs.name,
      displayName: participants.displayName,
      email: participants.email,
      preferredLocale: participants.preferredLocale,
      status: participants.status,
      checkExpiresOn: screenings.checkExpiresOn,
      checkReminderFor: screenings.checkReminderFor,
    })
    .from(screenings)
    .innerJoin(participants, sameTenantRow(participants, screenings.participantId, screenings.tenantId))
    .innerJoin(programs, sameTenantRow(programs, participants.programId, participants.tenantId))
    .where(
      and(
        eq(screenings.checkStatus, 'clear'),
        isNotNull(screenings.checkExpiresOn),
        ne(participants.status, 'exited'),
        sql`${screenings.checkExpiresOn} <= date(${day(now)}, '+' || ${programs.renewalWindowDays} || ' days')`,
        extra,
      ),
    )
    .orderBy(asc(screenings.checkExpiresOn))
}

/** The coordinator's panel: checks nearing expiry or expired, soonest first. */
export async function expiringChecks({ db, tenantId, now }: Scope) {
  const rows = await expiringQuery(db, now, eq(participants.tenantId, tenantId))
  const today = day(now)
  return rows.map((r) => ({
    participantId: r.participantId,
    programId: r.programId,
    programName: r.programName,
    displayName: r.displayName,
    status: r.status,
    checkExpiresOn: r.checkExpiresOn as string,
    expired: (r.checkExpiresOn as string) <= today,
    // An expired check blocks new matches; an active match with one is flagged for the coordinator.
    flagged: (r.checkExpiresOn as string) <= today && r.status === 'matched',
    daysLeft: Math.round((Date.parse(r.checkExpiresOn as string) - Date.parse(today)) / 86_400_000),
  }))
}

/**
 * Scheduler rule (decision 024): one renewal reminder per mentor and expiry date, through the outbox, keyed
 * `screening.renewal:{participant}:{expiry date}`. The reminder mark and the email are written in one batch, so a
 * crash neither loses nor repeats a reminder; a mentor who turned these reminders off is marked and not written to.
 */
export const renewalReminderRule: EmailRule = {
  kind: 'screening.renewal',
  run: ({ db, now, config }) => scheduleRenewalReminders(db, now, config),
}

export async function scheduleRenewalReminders(
  db: Database,
  now: Date,
  config: RuleContext['config'],
  limit = 200,
): Promise<number> {
  const pending = or(
    isNull(screenings.checkReminderFor),
    ne(screenings.checkReminderFor, screenings.checkExpiresOn),
  )
  const due = (await expiringQuery(db, now, pending).limit(limit)).filter((r) => r.email)
  const off = new Set<string>()
  for (const tenantId of new Set(due.map((r) => r.tenantId))) {
    const ids = due.filter((r) => r.tenantId === tenantId).map((r) => r.participantId)
    for (const id of await optedOut(db, tenantId, 'participant', 'screening.renewal', ids)) off.add(id)
  }
  for (const r of due) {
    const expiresOn = r.checkExpiresOn as string
    const mark = db
      .update(screenings)
      .set({ checkReminderFor: r.checkExpiresOn })
      .where(inTenant(screenings, r.tenantId, eq(screenings.participantId, r.participantId)))
    if (off.has(r.participantId)) {
      await mark
      continue
    }
    const email = {
      kind: 'screening.renewal' as const,
      recipientType: 'participant' as const,
      recipientId: r.participantId,
      toAddress: r.email as string,
      dedupKey: `screening.renewal:${r.participantId}:${expiresOn}`,
    }
    await db.batch([
      mark,
      ruleEmail({ db, config, now }, r.tenantId, email, (unsubscribe) =>
        checkRenewalEmail(emailLocale(r.preferredLocale), {
          name: r.displayName,
          program: r.programName,
          expiresOn,
          unsubscribe,
        }),
      ),
    ])
  }
  return due.length
}
