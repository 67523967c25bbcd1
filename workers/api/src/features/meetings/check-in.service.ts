import {
  type CheckIn,
  checkIns,
  type Database,
  type DbResolver,
  type Meeting,
  matches,
  meetings,
  newId,
  participants,
  programs,
  type Tenant,
} from '@tandem/db'
import { emailLocale } from '@tandem/email'
import { CHECK_IN_ANSWERS, CHECK_IN_VALID_DAYS } from '@tandem/vocab'
import { eq, ne, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { alias } from 'drizzle-orm/sqlite-core'
import type * as v from 'valibot'
import { audit } from '../../lib/audit'
import { refusedBy } from '../../lib/guard'
import { newLinkToken, openLinkToken } from '../../lib/link-token'
import { firstName } from '../../lib/participant-events'
import { notFound, Problem } from '../../lib/problem'
import type { Limit } from '../../lib/rate-limit'
import { mentee, mentor, withTandem } from '../../lib/sides'
import { inTenant, sameTenantRow, tenantRow } from '../../lib/sql'
import { localTime } from '../email/local-time'
import type { CheckInBody } from './schema'
import { checkTopics } from './service'

/**
 * One-click check-ins from email (decision 025). Each email carries one person's single-use token,
 * `<tenant id>.<secret>`: the tenant part finds the organization's database, and only the SHA-256 of the whole
 * token is stored. Reading a check-in changes nothing (mail scanners open links); answering it is one atomic
 * batch that also claims the token, so a second answer, or two at once, records nothing more.
 */

export const CHECK_IN_VALID_MS = CHECK_IN_VALID_DAYS * 86_400_000

/** Requests to check-in links from one address (scanners and people together; reads, answers and concerns). */
export const CHECK_INS_PER_IP: Limit = { max: 60, windowMs: 3_600_000 }

/** A new token for a check-in of `tenantId`, and the hash to store (the shared single-use link machinery). */
export const newCheckInToken = newLinkToken

const person = alias(participants, 'person')

const gone = () => notFound('This check-in link is not valid.')

export interface Found {
  db: Database
  tenant: Tenant
  checkIn: CheckIn
  match: typeof matches.$inferSelect
  program: typeof programs.$inferSelect
  side: 'mentee' | 'mentor'
  personName: string
  personLocale: string
  partnerName: string
}

/**
 * The check-in a token names, with its person, match and program — or 404 for a token that is malformed,
 * forged or of no organization. Expired: 410. To answer it (`answer`): used is 409 and an ended tandem 410; to
 * raise a concern (`concern`) the link stays good until it expires, answered or not (decision 030).
 */
export async function findCheckIn(
  resolver: DbResolver,
  token: string,
  now: Date,
  purpose: 'answer' | 'concern' = 'answer',
): Promise<Found> {
  const opened = await openLinkToken(resolver, token)
  if (!opened) throw gone()
  const { tenant, db, tokenHash } = opened
  const row = await withTandem(
    db
      .select({
        checkIn: checkIns,
        match: matches,
        program: programs,
        person: { name: person.displayName, locale: person.preferredLocale },
        menteeName: mentee.displayName,
        mentorName: mentor.displayName,
      })
      .from(checkIns)
      .innerJoin(matches, sameTenantRow(matches, checkIns.matchId, checkIns.tenantId))
      .innerJoin(person, sameTenantRow(person, checkIns.participantId, checkIns.tenantId))
      .$dynamic(),
  )
    .where(inTenant(checkIns, tenant.id, eq(checkIns.tokenHash, tokenHash)))
    .get()
  if (!row) throw gone()
  const answering = purpose === 'answer'
  if (answering && row.checkIn.usedAt) {
    throw new Problem('check-in-used', { detail: 'This check-in was already answered.' })
  }
  if (row.checkIn.expiresAt.getTime() <= now.getTime() || (answering && row.match.status === 'ended')) {
    throw new Problem('check-in-expired', { detail: 'This check-in link has expired.' })
  }
  const side = row.checkIn.participantId === row.match.menteeId ? 'mentee' : 'mentor'
  return {
    db,
    tenant,
    checkIn: row.checkIn,
    match: row.match,
    program: row.program,
    side,
    personName: row.person.name,
    personLocale: row.person.locale,
    partnerName: side === 'mentee' ? row.mentorName : row.menteeName,
  }
}

async function meetingOf(db: Database, tenantId: string, meetingId: string | null) {
  if (!meetingId) return undefined
  return db
    .select()
    .from(meetings)
    .where(tenantRow(meetings, tenantId, meetingId))
    .get()
}

/** What the check-in page shows: the person's and partner's first names, program, date, options. No change. */
export async function describeCheckIn(resolver: DbResolver, token: string, now: Date) {
  const found = await findCheckIn(resolver, token, now)
  const { db, tenant, checkIn, program } = found
  const meeting = await meetingOf(db, tenant.id, checkIn.meetingId)
  return {
    answers: [...CHECK_IN_ANSWERS],
    firstName: firstName(found.personName),
    partnerFirstName: firstName(found.partnerName),
    programName: program.name,
    organizationName: tenant.name,
    meetingDate: meeting?.status === 'scheduled' ? meeting.date : null,
    locale: emailLocale(found.personLocale, tenant.defaultLocale),
    topics: program.goalAreas,
    status: 'open' as const,
  }
}

/**
 * Records the answer. "met" confirms the scheduled meeting the email asks about (held, both came), or the one
 * the partner already confirmed from their own email of the same period, or logs a new held meeting (source
 * `check-in`); the person's rating goes on their own side. "not-met" marks a scheduled meeting missed.
 * "reschedule" records only the answer (a scheduled meeting stays scheduled for the coordinator to see).
 */
export async function answerCheckIn(
  resolver: DbResolver,
  token: string,
  body: v.InferOutput<typeof CheckInBody>,
  now: Date,
) {
  const found = await findCheckIn(resolver, token, now)
  const { db, tenant, checkIn, match, program, side } = found
  const tenantId = tenant.id
  if (body.answer === 'met') checkTopics(program, body.topics)

  let meetingId: string | null = null
  const writes: BatchItem<'sqlite'>[] = []
  const asked = await meetingOf(db, tenantId, checkIn.meetingId)
  if (body.answer === 'met') {
    // The meeting to confirm: the scheduled one asked about, else the one the partner's answer logged.
    const partners = asked
      ? undefined
      : await db
          .select({ meetingId: checkIns.meetingId })
          .from(checkIns)
          .where(
            inTenant(
              checkIns,
              tenantId,
              eq(checkIns.matchId, match.id),
              eq(checkIns.period, checkIn.period),
              ne(checkIns.id, checkIn.id),
              eq(checkIns.answer, 'met'),
            ),
          )
          .get()
    const existing = asked ?? (await meetingOf(db, tenantId, partners?.meetingId ?? null))
    const rating = body.rating ?? null
    const ownRating = side === 'mentee' ? { menteeRating: rating } : { mentorRating: rating }
    // A "met" confirms it even if the partner answered "not met" first (both answers are in the audit log).
    if (existing) {
      meetingId = existing.id
      const change: Partial<Meeting> = {
        status: 'held',
        mentorCame: true,
        menteeCame: true,
        updatedAt: now,
        ...(body.rating !== undefined ? ownRating : {}),
        ...(body.date ? { date: body.date } : {}),
        ...(body.durationMinutes ? { durationMinutes: body.durationMinutes } : {}),
        ...(body.topics ? { topics: body.topics } : {}),
      }
      writes.push(
        db
          .update(meetings)
          .set(change)
          .where(tenantRow(meetings, tenantId, existing.id)),
      )
    } else {
      meetingId = newId()
      writes.push(
        db.insert(meetings).values({
          id: meetingId,
          tenantId,
          programId: match.programId,
          matchId: match.id,
          date: body.date ?? localTime(now, tenant.timezone).date,
          durationMinutes: body.durationMinutes ?? null,
          mode: null,
          topics: body.topics ?? [],
          status: 'held',
          mentorCame: true,
          menteeCame: true,
          mentorRating: null,
          menteeRating: null,
          ...ownRating,
          sealedNote: null,
          source: 'check-in',
          createdByUserId: null,
          createdAt: now,
          updatedAt: now,
        }),
      )
    }
  } else if (body.answer === 'not-met' && asked?.status === 'scheduled') {
    writes.push(
      db
        .update(meetings)
        .set({ status: 'missed', updatedAt: now })
        .where(tenantRow(meetings, tenantId, asked.id, eq(meetings.status, 'scheduled'))),
    )
  }

  // Claims the token (after the meeting it may point at is written): if it was used (or expired) meanwhile,
  // token_hash becomes NULL, which NOT NULL refuses, and the whole batch (meeting and audit entry too) rolls back.
  const claim = db
    .update(checkIns)
    .set({
      tokenHash: sql`case when ${checkIns.usedAt} is null and ${checkIns.expiresAt} > ${now.getTime()} then ${checkIns.tokenHash} else null end`,
      usedAt: now,
      answer: body.answer,
      meetingId: meetingId ?? checkIn.meetingId,
    })
    .where(tenantRow(checkIns, tenantId, checkIn.id))
  try {
    await db.batch([
      audit(
        db,
        {
          tenantId,
          actorUserId: null,
          action: 'check_in.answered',
          targetType: 'match',
          targetId: match.id,
          meta: { answer: body.answer, side, meetingId },
        },
        now,
      ),
      ...writes,
      claim,
    ])
  } catch (error) {
    if (refusedBy(error, 'check_ins.token_hash')) {
      throw new Problem('check-in-used', { detail: 'This check-in was already answered.' })
    }
    throw error
  }
  return { answer: body.answer, meetingId }
}
