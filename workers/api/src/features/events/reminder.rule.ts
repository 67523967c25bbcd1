import { eventRsvps, events, participants } from '@tandem/db'
import { emailLocale, eventReminderEmail } from '@tandem/email'
import { and, eq, gt, lte } from 'drizzle-orm'
import { addDays } from '../../lib/days'
import { firstName } from '../../lib/participant-events'
import { contactOf } from '../../lib/sides'
import { inTenant, sameTenantRow } from '../../lib/sql'
import { localTime } from '../email/local-time'
import { participantEmail, ruleEmail, stillToSend, writeInBatches } from '../email/rule-email'
import { atLocalHour, eachTenantRule, type TenantRun } from '../email/scheduler'
import { eventWhen } from './when'

/** Event reminders are written during this local hour (11:00–11:59) of the day before the event. */
export const EVENT_REMINDER_HOUR = 11

/** The outbox key of one person's reminder of one event: each is reminded once. */
export const eventReminderKey = (eventId: string, participantId: string) =>
  `event-reminder:${eventId}.${participantId}`

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
      person: contactOf,
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
  const due = rows
    .filter((r) => localTime(r.startsAt, tenant.timezone).date === tomorrow)
    .flatMap((r) =>
      participantEmail({ r }, r.person, 'event-reminder', eventReminderKey(r.eventId, r.person.id)),
    )
  const todo = (await stillToSend(db, tenant.id, due)).slice(0, limit)
  await writeInBatches(
    db,
    todo.map(({ r, email }) => {
      const locale = emailLocale(r.person.locale, tenant.defaultLocale)
      return ruleEmail({ db, config, now }, tenant.id, email, (unsubscribe) =>
        eventReminderEmail(locale, {
          name: firstName(r.person.name),
          title: r.title,
          when: eventWhen(locale, tenant.timezone, r.startsAt, r.endsAt),
          place: r.place,
          online: r.online,
          party: 1 + r.guests,
          org: tenant.name,
          link: `${config.APP_ORIGIN}/orgs/${tenant.slug}/my`,
          unsubscribe,
        }),
      )
    }),
  )
  return todo.length
}
