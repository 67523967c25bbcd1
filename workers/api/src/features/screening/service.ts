import { type Database, participants, programs, screenings } from '@tandem/db'
import { checkRenewalEmail, emailLocale } from '@tandem/email'
import { and, asc, eq, isNotNull, isNull, ne, or, type SQL, sql } from 'drizzle-orm'
import { scheduleEmail } from '../email/outbox.service'

const day = (d: Date) => d.toISOString().slice(0, 10)

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
    .innerJoin(
      participants,
      and(eq(participants.id, screenings.participantId), eq(participants.tenantId, screenings.tenantId)),
    )
    .innerJoin(
      programs,
      and(eq(programs.id, participants.programId), eq(programs.tenantId, participants.tenantId)),
    )
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
export async function expiringChecks(db: Database, tenantId: string, now: Date) {
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
 * Cron: one renewal reminder per mentor and expiry date, through the outbox. The reminder mark and
 * the email are written in one batch, so a crash neither loses nor repeats a reminder.
 */
export async function scheduleRenewalReminders(db: Database, now: Date, limit = 200): Promise<number> {
  const pending = or(
    isNull(screenings.checkReminderFor),
    ne(screenings.checkReminderFor, screenings.checkExpiresOn),
  )
  const due = (await expiringQuery(db, now, pending).limit(limit)).filter((r) => r.email)
  for (const r of due) {
    const mail = checkRenewalEmail(emailLocale(r.preferredLocale), {
      name: r.displayName,
      program: r.programName,
      expiresOn: r.checkExpiresOn as string,
    })
    await db.batch([
      db
        .update(screenings)
        .set({ checkReminderFor: r.checkExpiresOn })
        .where(and(eq(screenings.tenantId, r.tenantId), eq(screenings.participantId, r.participantId))),
      scheduleEmail(db, {
        tenantId: r.tenantId,
        kind: 'screening.renewal',
        toAddress: r.email as string,
        ...mail,
        dueAt: now,
      }),
    ])
  }
  return due.length
}
