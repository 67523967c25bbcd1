import { checkIns, matches, meetings, newId, programs } from '@tandem/db'
import { checkInEmail, emailLocale } from '@tandem/email'
import { eq, gte } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { addDays, daysBetween } from '../../lib/days'
import { firstName } from '../../lib/participant-events'
import { mentee, mentor, recipientOf, withTandem } from '../../lib/sides'
import { inIds, inTenant } from '../../lib/sql'
import { localTime } from '../email/local-time'
import { participantEmail, ruleEmail, stillToSend, writeInBatches } from '../email/rule-email'
import { atLocalHour, eachTenantRule, type TenantRun } from '../email/scheduler'
import { CHECK_IN_VALID_MS, newCheckInToken } from './check-in.service'

/**
 * Check-in emails are written during this local hour (09:00–09:59): in the morning, and the rule's reads (every
 * active match of the organization) happen on an hour's ticks a day, not on every tick. A day missed entirely is
 * caught up the next day (a quiet window stays quiet; a scheduled meeting is looked back on for a week).
 */
export const CHECK_IN_HOUR = 9
/** A scheduled meeting still gets its check-in up to this many days after its date (not older ones). */
export const CHECK_IN_LOOKBACK_DAYS = 7

interface Due {
  matchId: string
  /** What the check-in asks about: `meeting:{id}` after a scheduled meeting, `cadence:{n}` after a quiet spell. */
  period: string
  meetingId: string | null
  meetingDate: string | null
}

/**
 * What is due for one active match today (the organization's local date): the day after a scheduled meeting
 * (still scheduled, at most a week old), or else, once per cadence window since the match started, when no
 * meeting was held in the last `cadence` days and none is planned from today on.
 */
export function dueCheckIn(
  match: { id: string; start: string; cadence: number },
  own: { id: string; date: string; status: string }[],
  today: string,
): Due | null {
  const after = own
    .filter(
      (m) => m.status === 'scheduled' && m.date < today && m.date >= addDays(today, -CHECK_IN_LOOKBACK_DAYS),
    )
    .sort((a, b) => b.date.localeCompare(a.date))[0]
  if (after)
    return { matchId: match.id, period: `meeting:${after.id}`, meetingId: after.id, meetingDate: after.date }
  const days = daysBetween(match.start, today)
  if (days < match.cadence) return null
  const since = addDays(today, -match.cadence)
  // Held in the window, or planned from today on; a missed one, or a past one nobody confirmed, is no contact.
  if (
    own.some((m) => m.date > since && (m.status === 'held' || (m.status === 'scheduled' && m.date >= today)))
  )
    return null
  return {
    matchId: match.id,
    period: `cadence:${Math.floor(days / match.cadence)}`,
    meetingId: null,
    meetingDate: null,
  }
}

/** The outbox key of one person's check-in for a period: `check-in:{match}.{participant}:{period}`. */
export const checkInKey = (matchId: string, participantId: string, period: string) =>
  `check-in:${matchId}.${participantId}:${period}`

/**
 * Scheduler rule (decision 025): at 09:00–09:59 in each organization's time zone, a check-in email to the mentor
 * and the mentee of each active match that has one due (`dueCheckIn`), each in their own language, with three
 * one-click links carrying their own single-use token (only its hash is stored). The check-in row and the email
 * are written in one batch; the email's key makes a second run (or an overlapping tick) write nothing more.
 */
export const checkInRule = eachTenantRule('check-in', scheduleCheckIns, atLocalHour(CHECK_IN_HOUR))

export async function scheduleCheckIns(
  { db, tenant, now, config, local }: TenantRun,
  limit = 500,
): Promise<number> {
  const today = local.date
  const rows = await withTandem(
    db
      .select({
        id: matches.id,
        startedAt: matches.startedAt,
        cadence: programs.meetingCadenceDays,
        programName: programs.name,
        mentee: recipientOf(mentee),
        mentor: recipientOf(mentor),
      })
      .from(matches)
      .$dynamic(),
  ).where(inTenant(matches, tenant.id, eq(matches.status, 'active')))
  if (rows.length === 0) return 0
  // Meetings recent enough to matter (the longest cadence is 90 days).
  const recent = await db
    .select({ id: meetings.id, matchId: meetings.matchId, date: meetings.date, status: meetings.status })
    .from(meetings)
    .where(
      inTenant(
        meetings,
        tenant.id,
        inIds(
          meetings.matchId,
          rows.map((r) => r.id),
        ),
        gte(meetings.date, addDays(today, -120)),
      ),
    )
  const byMatch = new Map<string, typeof recent>()
  for (const m of recent) byMatch.set(m.matchId, [...(byMatch.get(m.matchId) ?? []), m])
  const people = rows.flatMap((r) => {
    const due = dueCheckIn(
      { id: r.id, start: localTime(r.startedAt, tenant.timezone).date, cadence: r.cadence },
      byMatch.get(r.id) ?? [],
      today,
    )
    if (!due) return []
    return [
      { due, r, person: r.mentee, partner: r.mentor },
      { due, r, person: r.mentor, partner: r.mentee },
    ].flatMap((x) => participantEmail(x, x.person, 'check-in', checkInKey(r.id, x.person.id, due.period)))
  })
  const due = (await stillToSend(db, tenant.id, people)).slice(0, limit)
  const statements: BatchItem<'sqlite'>[] = []
  for (const x of due) {
    const { token, tokenHash } = newCheckInToken(tenant.id)
    const link = (answer: string) => `${config.APP_ORIGIN}/check-in?token=${token}&answer=${answer}`
    statements.push(
      db
        .insert(checkIns)
        .values({
          id: newId(),
          tenantId: tenant.id,
          matchId: x.r.id,
          participantId: x.person.id,
          meetingId: x.due.meetingId,
          tokenHash,
          period: x.due.period,
          createdAt: now,
          expiresAt: new Date(now.getTime() + CHECK_IN_VALID_MS),
        })
        .onConflictDoNothing(),
      ruleEmail({ db, config, now }, tenant.id, x.email, (unsubscribe) =>
        checkInEmail(emailLocale(x.person.locale, tenant.defaultLocale), {
          name: firstName(x.person.name),
          partner: firstName(x.partner.name),
          program: x.r.programName,
          org: tenant.name,
          meetingDate: x.due.meetingDate,
          links: { met: link('met'), notMet: link('not-met'), reschedule: link('reschedule') },
          unsubscribe,
        }),
      ),
    )
  }
  // Each check-in row and its email in the same batch (100 statements: 50 people).
  await writeInBatches(db, statements)
  return due.length
}
