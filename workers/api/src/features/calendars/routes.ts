import { describeRoute } from 'hono-openapi'
import { factory, programFactory, type TenantEnv, tenantFactory } from '../../factory'
import { originOf } from '../../lib/kick'
import { jsonResponse, problem } from '../../lib/openapi'
import type { Limit } from '../../lib/rate-limit'
import { type Validated, validate } from '../../lib/validate'
import { guard, ownGuard } from '../../middleware/guard'
import { byClient, rateLimited } from '../../middleware/rate-limit'
import { ProgramParam } from '../programs/schema'
import { CalendarFeedOut, EventFileParam, FeedParam, RevokedOut } from './schema'
import { createFeed, eventFile, readFeed, revokeFeed } from './service'

/** Calendar apps fetch a feed every hour or so; this bounds guessing and runaway clients per address. */
export const FEED_READS_PER_IP: Limit = { max: 240, windowMs: 3_600_000 }

const calendarFile = {
  description: 'An iCalendar file',
  content: { 'text/calendar': { schema: { type: 'string' as const } } },
}

const headers = (fileName: string, disposition: 'inline' | 'attachment') => ({
  'Content-Type': 'text/calendar; charset=utf-8',
  'Content-Disposition': `${disposition}; filename="${fileName}"`,
  'Cache-Control': 'private, no-store',
})

const hostOf = (origin: string) => new URL(origin).host

/** Calendar feeds: mounted at /v1/calendars. No session (calendar apps send no cookies); the URL is the key. */
export const calendarFeedRoutes = factory.createApp().get(
  '/:token',
  describeRoute({
    tags: ['calendars'],
    summary: 'A calendar feed (iCalendar, RFC 5545) at its secret URL, `<token>.ics` (no sign-in)',
    description:
      'A program’s feed: its events and the organization-wide ones (no participant names). A person’s feed: their own tandem meetings (scheduled and held, as all-day items with the partner’s first name) and the events they are going to. Times in UTC; cancelled events stay, marked CANCELLED. Reading changes nothing. A revoked, replaced or unknown URL answers 404 (decision 031).',
    responses: {
      200: calendarFile,
      404: problem('No such feed (revoked, replaced, or a damaged link)'),
      429: problem('Too many requests from this address; see Retry-After'),
    },
  }),
  validate('param', FeedParam),
  rateLimited(FEED_READS_PER_IP, byClient('calendar:ip')),
  async (c) => {
    const body = await readFeed(c.var.db, c.req.valid('param').token, new Date(), hostOf(originOf(c)))
    return c.body(body, 200, headers('tandem.ics', 'inline'))
  },
)

/** A program's feed URL (coordinators): mounted at …/programs/:program/calendar-feed. */
export const programFeedRoutes = programFactory
  .createApp()
  .post(
    '/',
    guard('programs:manage', {
      tags: ['calendars'],
      summary: 'Make the program’s calendar feed URL (replaces the earlier one)',
      description:
        'The URL is shown once (only its hash is kept); the earlier URL stops working at once. Audited.',
      responses: { 201: jsonResponse('The new feed URL', CalendarFeedOut) },
    }),
    validate('param', ProgramParam),
    async (c) => c.json(await createFeed(c.var.scope, { programId: c.var.program.id }, originOf(c)), 201),
  )
  .delete(
    '/',
    guard('programs:manage', {
      tags: ['calendars'],
      summary: 'Revoke the program’s calendar feed URL',
      description: 'Calendar apps subscribed to it get 404 from then on. Audited.',
      responses: { 200: jsonResponse('Revoked (false: there was none)', RevokedOut) },
    }),
    validate('param', ProgramParam),
    async (c) => c.json(await revokeFeed(c.var.scope, { programId: c.var.program.id })),
  )

/** The caller's own feed URL (portal): mounted at /orgs/:org/my/calendar-feed. */
export const myFeedRoutes = tenantFactory
  .createApp()
  .post(
    '/',
    ownGuard({
      summary: 'Make my calendar feed URL: my tandem meetings and the events I am going to',
      description:
        'The URL is shown once (only its hash is kept); an earlier URL stops working at once. Audited.',
      responses: { 201: jsonResponse('The new feed URL', CalendarFeedOut) },
    }),
    async (c) => c.json(await createFeed(c.var.scope, { userId: c.var.user.id }, originOf(c)), 201),
  )
  .delete(
    '/',
    ownGuard({
      summary: 'Revoke my calendar feed URL',
      responses: { 200: jsonResponse('Revoked (false: there was none)', RevokedOut) },
    }),
    async (c) => c.json(await revokeFeed(c.var.scope, { userId: c.var.user.id })),
  )

/**
 * One event's `.ics` file in the caller's language, for every event of the organization (`all`) or for one the
 * caller may come to (`own`).
 */
const eventFileOf =
  (visible: 'all' | 'own') => async (c: Validated<TenantEnv, 'param', typeof EventFileParam>) => {
    const file = await eventFile(c.var.scope, c.req.valid('param').event, visible, {
      host: hostOf(originOf(c)),
      locale: c.var.user.locale ?? c.var.tenant.defaultLocale,
    })
    return c.body(file.body, 200, headers(file.fileName, 'attachment'))
  }

/** One event as an `.ics` file for coordinators: mounted at /orgs/:org/calendar/events. */
export const eventFileRoutes = tenantFactory.createApp().get(
  '/:event',
  guard('programs:read', {
    tags: ['calendars'],
    summary: 'One event as an iCalendar file (to add to a calendar)',
    responses: { 200: calendarFile },
  }),
  validate('param', EventFileParam),
  eventFileOf('all'),
)

/** One event as an `.ics` file for a mentor or mentee who can see it: mounted at /orgs/:org/my/calendar/events. */
export const myEventFileRoutes = tenantFactory.createApp().get(
  '/:event',
  ownGuard({
    summary: 'One event of my programs (or the whole organization) as an iCalendar file',
    responses: { 200: calendarFile },
  }),
  validate('param', EventFileParam),
  eventFileOf('own'),
)
