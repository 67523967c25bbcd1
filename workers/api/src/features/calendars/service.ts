import {
  calendarFeeds,
  type Database,
  type DbResolver,
  type Event,
  eventRsvps,
  events,
  matches,
  meetings,
  memberships,
  newId,
  participants,
  programs,
  type Tenant,
  tenants,
  users,
} from '@tandem/db'
import { isLocale, type Locale } from '@tandem/i18n'
import { asc, eq, gte, inArray, isNull, or } from 'drizzle-orm'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { randomSecret, sha256Hex } from '../../lib/crypto'
import { type CalendarItem, nextDay, writeCalendar } from '../../lib/ical'
import { firstName } from '../../lib/participant-events'
import { notFound } from '../../lib/problem'
import { mentee, mentor, withTandem } from '../../lib/sides'
import { inIds, inTenant, sameTenantRow, tenantRow } from '../../lib/sql'

/**
 * Calendar feeds (decision 031). A feed's URL is its key, since calendar apps cannot send cookies:
 * `/api/v1/calendars/<tenant id>.<secret>.ics`, of which only the SHA-256 of `<tenant id>.<secret>` is stored.
 * Reading a feed changes nothing; creating one replaces the earlier URL, deleting it revokes it (both audited).
 * A program's feed carries its events and the organization-wide ones, no participant names; a person's feed
 * carries their own tandem meetings (scheduled and held, with the partner's first name) and the events they
 * are going to.
 */

/** Items from this long ago on are in a feed (older ones have left the calendar's view anyway). */
const FEED_PAST_DAYS = 180
/** At most this many meetings and this many events per feed. */
const FEED_LIMIT = 500

const TOKEN = /^([a-z2-7]{24})\.([a-z2-9]{24})\.ics$/

const gone = () => notFound('This calendar link is not valid (revoked or replaced).')

export type FeedOwner = { programId: string; userId?: never } | { userId: string; programId?: never }

/** The condition for the one feed of a program or a person. */
const feedOf = (tenantId: string, owner: FeedOwner) =>
  owner.programId
    ? inTenant(calendarFeeds, tenantId, eq(calendarFeeds.programId, owner.programId))
    : inTenant(calendarFeeds, tenantId, eq(calendarFeeds.userId, owner.userId as string))

/** The feed URL a token names. */
const feedUrl = (origin: string, token: string) => `${origin}/api/v1/calendars/${token}.ics`

/**
 * A new secret URL for a program's or a person's feed, replacing any earlier one (which stops working at once).
 * Answers the URL (shown once: only its hash is kept) and its `webcal:` form for calendar apps.
 */
export async function createFeed(scope: Scope, owner: FeedOwner, origin: string) {
  const { db, tenantId, actorId, now } = scope
  const token = `${tenantId}.${randomSecret()}`
  const same = feedOf(tenantId, owner)
  const existing = await db.select({ id: calendarFeeds.id }).from(calendarFeeds).where(same).get()
  const id = newId()
  await db.batch([
    db.delete(calendarFeeds).where(same),
    db.insert(calendarFeeds).values({
      id,
      tenantId,
      programId: owner.programId ?? null,
      userId: owner.userId ?? null,
      tokenHash: sha256Hex(token),
      createdByUserId: actorId,
      createdAt: now,
    }),
    auditFor(scope)('calendar_feed.created', target(owner), {
      feed: owner.programId ? 'program' : 'person',
      replaced: existing !== undefined,
    }),
  ])
  const url = feedUrl(origin, token)
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:'), createdAt: now.toISOString() }
}

/** Revokes the program's or person's feed URL (nothing to revoke: still 200, `revoked: false`). */
export async function revokeFeed(scope: Scope, owner: FeedOwner) {
  const { db, tenantId } = scope
  const same = feedOf(tenantId, owner)
  const existing = await db.select({ id: calendarFeeds.id }).from(calendarFeeds).where(same).get()
  if (!existing) return { revoked: false }
  await db.batch([
    db.delete(calendarFeeds).where(tenantRow(calendarFeeds, tenantId, existing.id)),
    auditFor(scope)('calendar_feed.revoked', target(owner), {
      feed: owner.programId ? 'program' : 'person',
    }),
  ])
  return { revoked: true }
}

const target = (owner: FeedOwner) =>
  owner.programId ? { type: 'program', id: owner.programId } : { type: 'user', id: owner.userId as string }

/**
 * The calendar a feed token names, as iCalendar text — or 404 for a token malformed, forged, revoked, replaced,
 * of no organization, or of a person no longer a mentor or mentee there.
 */
export async function readFeed(resolver: DbResolver, file: string, now: Date, host: string) {
  const parts = TOKEN.exec(file)
  if (!parts) throw gone()
  const tenantId = parts[1] as string
  const control = resolver.control()
  const tenant = await control.select().from(tenants).where(eq(tenants.id, tenantId)).get()
  if (!tenant) throw gone()
  const db = await resolver.dbFor(tenant)
  const token = file.slice(0, -'.ics'.length)
  const feed = await db
    .select()
    .from(calendarFeeds)
    .where(inTenant(calendarFeeds, tenant.id, eq(calendarFeeds.tokenHash, sha256Hex(token))))
    .get()
  if (!feed) throw gone()
  if (feed.programId) return programCalendar(db, tenant, feed.programId, now, host)
  const member = await control
    .select({ role: memberships.role, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inTenant(memberships, tenant.id, eq(memberships.userId, feed.userId as string)))
    .get()
  if (!member || (member.role !== 'mentor' && member.role !== 'mentee')) throw gone()
  const locale = [member.locale, tenant.defaultLocale].find((l): l is Locale => !!l && isLocale(l)) ?? 'en'
  return personCalendar(db, tenant, feed.userId as string, locale, now, host)
}

const since = (now: Date) => new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000)

/** A group activity as a calendar item (times in UTC; a cancelled one stays, marked CANCELLED). */
export function eventItem(event: Event, host: string, locale: Locale): CalendarItem {
  return {
    uid: `event-${event.id}@${host}`,
    sequence: revision(event.createdAt, event.updatedAt),
    start: event.startsAt,
    end: event.endsAt,
    summary: event.title,
    description: event.description,
    location: event.place ?? (event.online ? WORDS[locale].online : null),
    status: event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    lastModified: event.updatedAt,
  }
}

/** SEQUENCE from the row's times: whole seconds between creation and the last change (grows with each change). */
const revision = (created: Date, updated: Date) =>
  Math.max(0, Math.floor((updated.getTime() - created.getTime()) / 1000))

async function programCalendar(db: Database, tenant: Tenant, programId: string, now: Date, host: string) {
  const program = await db
    .select({ name: programs.name })
    .from(programs)
    .where(tenantRow(programs, tenant.id, programId))
    .get()
  if (!program) throw gone()
  const rows = await db
    .select()
    .from(events)
    .where(
      inTenant(
        events,
        tenant.id,
        or(eq(events.programId, programId), isNull(events.programId)),
        gte(events.endsAt, since(now)),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(FEED_LIMIT)
  const locale = isLocale(tenant.defaultLocale) ? tenant.defaultLocale : 'en'
  return writeCalendar(
    { name: `${program.name} · ${tenant.name}`, now },
    rows.map((e) => eventItem(e, host, locale)),
  )
}

/** The participant records linked to an account in this organization. */
async function recordsOf(db: Database, tenantId: string, userId: string) {
  return db
    .select({ id: participants.id, programId: participants.programId })
    .from(participants)
    .where(inTenant(participants, tenantId, eq(participants.userId, userId)))
}

async function personCalendar(
  db: Database,
  tenant: Tenant,
  userId: string,
  locale: Locale,
  now: Date,
  host: string,
) {
  const records = await recordsOf(db, tenant.id, userId)
  const ids = records.map((r) => r.id)
  const fromDay = since(now).toISOString().slice(0, 10)
  const [held, going] = await Promise.all([
    ids.length === 0
      ? []
      : withTandem(
          db
            .select({
              meeting: meetings,
              programName: programs.name,
              menteeId: matches.menteeId,
              menteeName: mentee.displayName,
              mentorName: mentor.displayName,
            })
            .from(meetings)
            .innerJoin(matches, sameTenantRow(matches, meetings.matchId, meetings.tenantId))
            .$dynamic(),
        )
          .where(
            inTenant(
              meetings,
              tenant.id,
              inArray(meetings.status, ['scheduled', 'held']),
              gte(meetings.date, fromDay),
              or(inIds(matches.menteeId, ids), inIds(matches.mentorId, ids)),
            ),
          )
          .orderBy(asc(meetings.date), asc(meetings.id))
          .limit(FEED_LIMIT),
    ids.length === 0
      ? []
      : db
          .select({ event: events })
          .from(eventRsvps)
          .innerJoin(events, sameTenantRow(events, eventRsvps.eventId, eventRsvps.tenantId))
          .where(
            inTenant(
              eventRsvps,
              tenant.id,
              inIds(eventRsvps.participantId, ids),
              eq(eventRsvps.status, 'going'),
              gte(events.endsAt, since(now)),
            ),
          )
          .orderBy(asc(events.startsAt), asc(events.id))
          .limit(FEED_LIMIT),
  ])
  const words = WORDS[locale]
  const meetingItems: CalendarItem[] = held.map((r) => {
    const m = r.meeting
    const partner = firstName(ids.includes(r.menteeId) ? r.mentorName : r.menteeName)
    return {
      uid: `meeting-${m.id}@${host}`,
      sequence: revision(m.createdAt, m.updatedAt),
      start: m.date,
      end: nextDay(m.date),
      summary: words.meeting(partner),
      description: r.programName,
      status: 'CONFIRMED',
      lastModified: m.updatedAt,
    }
  })
  // One reply per event, but two linked records could both go: each event once.
  const seen = new Set<string>()
  const eventItems = going
    .filter((r) => !seen.has(r.event.id) && seen.add(r.event.id))
    .map((r) => eventItem(r.event, host, locale))
  return writeCalendar({ name: `${words.calendar} · ${tenant.name}`, now }, [...meetingItems, ...eventItems])
}

/**
 * One event as an `.ics` file, if the caller may see it: any event of the organization (`all`, coordinators), or
 * (`own`, portal) one of a program the caller takes part in, or organization-wide. Else 404.
 */
export async function eventFile(
  scope: Scope,
  eventId: string,
  visible: 'all' | 'own',
  view: { host: string; locale: string },
) {
  const { db, tenantId, actorId, now } = scope
  const programIds =
    visible === 'own' ? [...new Set((await recordsOf(db, tenantId, actorId)).map((r) => r.programId))] : []
  const event = await db
    .select()
    .from(events)
    .where(
      tenantRow(
        events,
        tenantId,
        eventId,
        visible === 'own' ? or(isNull(events.programId), inIds(events.programId, programIds)) : undefined,
      ),
    )
    .get()
  if (!event) throw notFound('No such event.')
  const locale = isLocale(view.locale) ? view.locale : 'en'
  return {
    body: writeCalendar({ name: event.title, now }, [eventItem(event, view.host, locale)]),
    fileName: `event-${event.id}.ics`,
  }
}

/** The few words a feed shows, in the person's language. */
const WORDS: Record<Locale, { meeting: (name: string) => string; online: string; calendar: string }> = {
  en: { meeting: (n) => `Tandem meeting with ${n}`, online: 'Online', calendar: 'My tandem' },
  ar: { meeting: (n) => `لقاء الثنائي مع ${n}`, online: 'عبر الإنترنت', calendar: 'ثنائيّي' },
  uk: { meeting: (n) => `Зустріч тандему з ${n}`, online: 'Онлайн', calendar: 'Мій тандем' },
  fa: { meeting: (n) => `دیدار تاندم با ${n}`, online: 'آنلاین', calendar: 'تاندم من' },
  es: { meeting: (n) => `Encuentro del tándem con ${n}`, online: 'En línea', calendar: 'Mi tándem' },
  de: { meeting: (n) => `Tandem-Treffen mit ${n}`, online: 'Online', calendar: 'Mein Tandem' },
}
