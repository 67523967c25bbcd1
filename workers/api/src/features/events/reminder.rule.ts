import { eventRsvps, events, participants } from '@tandem/db'
import { emailLocale, eventReminderEmail } from '@tandem/email'
import { and, eq, gt, lte } from 'drizzle-orm'
import { firstName } from '../../lib/participant-events'
import { inTenant, sameTenantRow } from '../../lib/sql'
import { localTime } from '../email/local-time'
import { scheduleKeyedEmail } from '../email/outbox.service'
import { optedOut } from '../email/preferences.service'
import { atLocalHour, eachTenantRule, type TenantRun } from '../email/scheduler'
import { unsubscribeFor } from '../email/unsubscribe'
import { sentKeys } from './invitations.service'
import { eventWhen } from './when'

/** Event reminders are written during this local hour (11:00–11:59) of the day before the event. */
export const EVENT_REMINDER_HOUR = 11

/** The outbox key of one person's reminder of one event: each is reminded once. */
export const eventReminderKey = (eventId: string, participantId: string) =>
  `event-reminder:${eventId}.${participantId}`

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/**
 * Scheduler rule (decision 029): at 11:00–11:59 in each organization's time zone, a reminder to everyone with a
 * seat (`going`) at a scheduled event that begins tomorrow there, in their language, with the time, the place
 * and a link to the portal. The key `event-reminder:{event}.{participant}` makes it one email per person.
 */
export const eventReminderRule = eachTenantRule(
  'event-reminder',
  scheduleEventReminders,
  atLocalHour(EVENT_REMINDER_HOUR),
)

export async function scheduleEventReminders(
  { db, tenant, now, config, local }: TenantRun,
  limit = 500,
): Promise<number> {
  const tomorrow = addDays(local.date, 1)
  const rows = await db
    .select({
      eventId: events.id,
      title: events.title,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      place: events.place,
      online: events.online,
      guests: eventRsvps.guests,
      person: {
        id: participants.id,
        name: participants.displayName,
        email: participants.email,
        locale: participants.preferredLocale,
      },
    })
    .from(eventRsvps)
    .innerJoin(events, sameTenantRow(events, eventRsvps.eventId, eventRsvps.tenantId))
    .innerJoin(participants, sameTenantRow(participants, eventRsvps.participantId, eventRsvps.tenantId))
    .where(
      inTenant(
        eventRsvps,
        tenant.id,
        eq(eventRsvps.status, 'going'),
        and(
          eq(events.status, 'scheduled'),
          gt(events.startsAt, now),
          lte(events.startsAt, new Date(now.getTime() + 3 * 86_400_000)),
        ),
      ),
    )
  const due = rows.filter(
    (r): r is typeof r & { person: { email: string } } =>
      r.person.email !== null && localTime(r.startsAt, tenant.timezone).date === tomorrow,
  )
  if (due.length === 0) return 0
  const keyOf = (r: (typeof due)[number]) => eventReminderKey(r.eventId, r.person.id)
  const sent = await sentKeys(db, due.map(keyOf))
  const off = await optedOut(
    db,
    tenant.id,
    'participant',
    'event-reminder',
    due.map((r) => r.person.id),
  )
  const todo = due.filter((r) => !sent.has(keyOf(r)) && !off.has(r.person.id)).slice(0, limit)
  const statements = todo.map((r) => {
    const locale = emailLocale(r.person.locale, tenant.defaultLocale)
    const unsubscribe = unsubscribeFor(config, {
      tenantId: tenant.id,
      recipientType: 'participant',
      recipientId: r.person.id,
      kind: 'event-reminder',
    })
    const mail = eventReminderEmail(locale, {
      name: firstName(r.person.name),
      title: r.title,
      when: eventWhen(locale, tenant.timezone, r.startsAt, r.endsAt),
      place: r.place,
      online: r.online,
      party: 1 + r.guests,
      org: tenant.name,
      link: `${config.APP_ORIGIN}/orgs/${tenant.slug}/my`,
      unsubscribe: unsubscribe.page,
    })
    return scheduleKeyedEmail(db, {
      tenantId: tenant.id,
      kind: 'event-reminder',
      dedupKey: keyOf(r),
      toAddress: r.person.email,
      ...mail,
      headers: unsubscribe.headers,
      dueAt: now,
    })
  })
  for (let i = 0; i < statements.length; i += 100) {
    const [first, ...rest] = statements.slice(i, i + 100)
    if (first) await db.batch([first, ...rest])
  }
  return todo.length
}
