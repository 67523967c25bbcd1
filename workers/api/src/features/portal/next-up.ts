import {
  calendarFeeds,
  eventRsvps,
  events,
  goals,
  matches,
  meetings,
  participants,
  programs,
} from '@tandem/db'
import { EVENT_STATUSES, GOAL_STATUSES, RSVP_STATUSES } from '@tandem/vocab'
import { and, asc, eq, gte, inArray, isNull, ne, or, sql } from 'drizzle-orm'
import * as v from 'valibot'
import { type Scope, tenantFactory } from '../../factory'
import { jsonResponse } from '../../lib/openapi'
import { firstName } from '../../lib/participant-events'
import { mentee, mentor, notEnded, withTandem } from '../../lib/sides'
import { inIds, inTenant, sameTenantRow } from '../../lib/sql'
import { ownGuard } from '../../middleware/guard'
import { localTime } from '../email/local-time'

/**
 * The portal home's "next up" (decision 031): on one phone screen, a mentor's or newcomer's tandems (partner's
 * first name), each one's next scheduled meeting and open goals, the events they are going to or wait for, and
 * whether they have a calendar link. Only the caller's own records (participant records linked to their account).
 */

export const NextUpOut = v.object({
  tandems: v.array(
    v.object({
      matchId: v.string(),
      side: v.picklist(['mentee', 'mentor']),
      partnerFirstName: v.string(),
      programName: v.string(),
      /** `YYYY-MM-DD`: the next scheduled meeting from today on, or null. */
      nextMeeting: v.nullable(v.string()),
      /** Goals not reached or dropped, the ones to revisit first first (at most 5). */
      openGoals: v.array(
        v.object({ id: v.string(), title: v.string(), status: v.picklist(GOAL_STATUSES), area: v.string() }),
      ),
    }),
  ),
  /** Events not yet over that the person is going to or waiting for, soonest first (at most 10). */
  events: v.array(
    v.object({
      id: v.string(),
      title: v.string(),
      startsAt: v.string(),
      endsAt: v.string(),
      place: v.nullable(v.string()),
      online: v.boolean(),
      status: v.picklist(EVENT_STATUSES),
      reply: v.picklist(RSVP_STATUSES),
    }),
  ),
  /** Whether a calendar feed URL is active, and since when (the URL itself is shown only when made). */
  calendarFeed: v.nullable(v.object({ createdAt: v.string() })),
})

async function nextUp(scope: Scope, timezone: string) {
  const { db, tenantId, actorId: userId, now } = scope
  const today = localTime(now, timezone).date
  const records = await db
    .select({ id: participants.id })
    .from(participants)
    .where(inTenant(participants, tenantId, eq(participants.userId, userId)))
  const ids = records.map((r) => r.id)
  const ofMatch = sql`${meetings.tenantId} = ${matches.tenantId} and ${meetings.matchId} = ${matches.id}`
  const [tandems, open, replies, feed] = await Promise.all([
    withTandem(
      db
        .select({
          id: matches.id,
          menteeId: matches.menteeId,
          menteeName: mentee.displayName,
          mentorName: mentor.displayName,
          programName: programs.name,
          nextMeeting: sql<
            string | null
          >`(select min(${meetings.date}) from ${meetings} where ${ofMatch} and ${meetings.status} = 'scheduled' and ${meetings.date} >= ${today})`,
        })
        .from(matches)
        .$dynamic(),
    )
      .where(notEnded(tenantId, or(inIds(matches.menteeId, ids), inIds(matches.mentorId, ids))))
      .orderBy(asc(matches.startedAt)),
    db
      .select({
        id: goals.id,
        matchId: goals.matchId,
        title: goals.title,
        status: goals.status,
        area: goals.area,
      })
      .from(goals)
      .innerJoin(matches, sameTenantRow(matches, goals.matchId, goals.tenantId))
      .where(
        inTenant(
          goals,
          tenantId,
          inArray(goals.status, ['open', 'in-progress']),
          ne(matches.status, 'ended'),
          or(inIds(matches.menteeId, ids), inIds(matches.mentorId, ids)),
        ),
      )
      .orderBy(asc(goals.nextRevisitOn), asc(goals.id)),
    db
      .select({ event: events, reply: eventRsvps.status })
      .from(eventRsvps)
      .innerJoin(events, sameTenantRow(events, eventRsvps.eventId, eventRsvps.tenantId))
      .where(
        inTenant(
          eventRsvps,
          tenantId,
          inIds(eventRsvps.participantId, ids),
          inArray(eventRsvps.status, ['going', 'waitlisted']),
          gte(events.endsAt, now),
        ),
      )
      .orderBy(asc(events.startsAt), asc(events.id))
      .limit(20),
    db
      .select({ createdAt: calendarFeeds.createdAt })
      .from(calendarFeeds)
      .where(
        inTenant(
          calendarFeeds,
          tenantId,
          and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.programId)),
        ),
      )
      .get(),
  ])
  const seen = new Set<string>()
  return {
    tandems: tandems.map((m) => {
      const side = ids.includes(m.menteeId) ? ('mentee' as const) : ('mentor' as const)
      return {
        matchId: m.id,
        side,
        partnerFirstName: firstName(side === 'mentee' ? m.mentorName : m.menteeName),
        programName: m.programName,
        nextMeeting: m.nextMeeting,
        openGoals: open
          .filter((g) => g.matchId === m.id)
          .slice(0, 5)
          .map(({ matchId: _, ...g }) => g),
      }
    }),
    events: replies
      .filter((r) => !seen.has(r.event.id) && seen.add(r.event.id))
      .slice(0, 10)
      .map(({ event: e, reply }) => ({
        id: e.id,
        title: e.title,
        startsAt: e.startsAt.toISOString(),
        endsAt: e.endsAt.toISOString(),
        place: e.place,
        online: e.online,
        status: e.status,
        reply,
      })),
    calendarFeed: feed ? { createdAt: feed.createdAt.toISOString() } : null,
  }
}

/** Mounted at /orgs/:org/my/next-up. */
export const nextUpRoutes = tenantFactory.createApp().get(
  '/',
  ownGuard({
    summary: 'My portal home: my tandems with the next meeting and open goals, my events, my calendar link',
    description:
      'Only the caller’s own records: partners by first name, meetings of the caller’s tandems, events the caller is going to or waiting for (not yet over), and whether the caller’s calendar feed is on.',
    responses: { 200: jsonResponse('Next up', NextUpOut) },
  }),
  async (c) => c.json(await nextUp(c.var.scope, c.var.tenant.timezone)),
)
