import { describeRoute } from 'hono-openapi'
import { factory, programFactory, tenantFactory } from '../../factory'
import { kicksOutbox } from '../../lib/kick'
import { jsonResponse, linkProblems, problem } from '../../lib/openapi'
import type { Limit } from '../../lib/rate-limit'
import { validate } from '../../lib/validate'
import { guard, ownGuard } from '../../middleware/guard'
import { byClient, rateLimited } from '../../middleware/rate-limit'
import { answerInvitation, describeInvitation, inviteToEvent } from './invitations.service'
import {
  AttendanceBody,
  CreateEventBody,
  EventDetailOut,
  EventInvitationOut,
  EventListQuery,
  EventOut,
  EventParam,
  EventReplyOut,
  EventsOut,
  InvitationTokenParam,
  InvitedOut,
  MyEventsOut,
  PatchEventBody,
  RsvpBody,
  RsvpOut,
  RsvpParam,
  RsvpsOut,
} from './schema'
import {
  cancelEvent,
  createEvent,
  getEvent,
  listEvents,
  listMyEvents,
  listRsvps,
  recordAttendance,
  replyMine,
  updateEvent,
} from './service'

const listDoc = {
  description:
    '`when=upcoming` (default): events that have not ended, soonest first; `when=past`: ended ones, latest first. Each with its totals (seats taken and free, waiting, declined, attended).',
}
const createProblems = {
  400: problem('Invalid fields: an end before the start, neither a place nor online…'),
}
const closedProblem = { 409: problem('The event was cancelled or has begun (`event-closed`)') }

/** A program's events: mounted at …/programs/:program/events. */
export const programEventRoutes = programFactory
  .createApp()
  .get(
    '/',
    guard('programs:read', {
      tags: ['events'],
      summary: 'Events of a program, paged',
      ...listDoc,
      responses: { 200: jsonResponse('The events', EventsOut) },
    }),
    validate('query', EventListQuery),
    async (c) => c.json(await listEvents(c.var.scope, c.var.program.id, c.req.valid('query')), 200),
  )
  .post(
    '/',
    guard('programs:manage', {
      tags: ['events'],
      summary: 'Create an event of the program (audited)',
      description:
        'Start and end are instants (the web enters them in the organization’s time zone). `capacity` counts every member of a party; null means no limit.',
      responses: { 201: jsonResponse('The event', EventOut), ...createProblems },
    }),
    validate('json', CreateEventBody),
    async (c) => c.json(await createEvent(c.var.scope, c.var.program, c.req.valid('json')), 201),
  )

/** The organization's events (all programs' and its own): mounted at /orgs/:org/events. */
export const eventRoutes = tenantFactory
  .createApp()
  .get(
    '/',
    guard('programs:read', {
      tags: ['events'],
      summary: 'Every event of the organization (its own and its programs’), paged',
      ...listDoc,
      responses: { 200: jsonResponse('The events', EventsOut) },
    }),
    validate('query', EventListQuery),
    async (c) => c.json(await listEvents(c.var.scope, undefined, c.req.valid('query')), 200),
  )
  .post(
    '/',
    guard('programs:manage', {
      tags: ['events'],
      summary: 'Create an event of the whole organization (audited)',
      description: 'Open to the participants of every program; `programId` is null.',
      responses: { 201: jsonResponse('The event', EventOut), ...createProblems },
    }),
    validate('json', CreateEventBody),
    async (c) => c.json(await createEvent(c.var.scope, null, c.req.valid('json')), 201),
  )
  .get(
    '/:event',
    guard('programs:read', {
      tags: ['events'],
      summary: 'An event with totals for planning',
      description:
        'Seats taken and free, parties and people waiting, declined, attended; supports asked for by kind (going or waiting parties); the preferred languages of those going.',
      responses: { 200: jsonResponse('The event', EventDetailOut) },
    }),
    validate('param', EventParam),
    async (c) => c.json(await getEvent(c.var.scope, c.req.valid('param').event), 200),
  )
  .patch(
    '/:event',
    guard('programs:manage', {
      tags: ['events'],
      summary: 'Change an event (audited)',
      description:
        'Raising the capacity (or lifting it with null) seats waiting parties in reply order, and each is told by email. A lower capacity never takes a seat away.',
      responses: { 200: jsonResponse('The event', EventDetailOut), ...createProblems, ...closedProblem },
    }),
    validate('param', EventParam),
    validate('json', PatchEventBody),
    kicksOutbox,
    async (c) => {
      const { event } = c.req.valid('param')
      return c.json(
        await updateEvent(c.var.scope, c.var.tenant, event, c.req.valid('json'), c.var.config),
        200,
      )
    },
  )
  .post(
    '/:event/cancel',
    guard('programs:manage', {
      tags: ['events'],
      summary: 'Cancel an event (audited; replies close, the guest list stays)',
      responses: { 200: jsonResponse('The event', EventDetailOut) },
    }),
    validate('param', EventParam),
    async (c) => c.json(await cancelEvent(c.var.scope, c.req.valid('param').event), 200),
  )
  .post(
    '/:event/invitations',
    guard('programs:manage', {
      tags: ['events'],
      summary: 'Invite the event’s people by email, each with a one-click reply link (audited)',
      description:
        'A program’s event: its participants; an organization’s event: everyone in its programs (one email per address). Each in their language; people who left, have no address, turned these emails off or were invited before are skipped.',
      responses: { 200: jsonResponse('How many were invited', InvitedOut), ...closedProblem },
    }),
    validate('param', EventParam),
    kicksOutbox,
    async (c) =>
      c.json(await inviteToEvent(c.var.scope, c.var.tenant, c.req.valid('param').event, c.var.config), 200),
  )
  .get(
    '/:event/rsvps',
    guard('programs:read', {
      tags: ['events'],
      summary: 'The guest list: seated in reply order, then the waiting list, then those who declined',
      responses: { 200: jsonResponse('The replies', RsvpsOut) },
    }),
    validate('param', EventParam),
    async (c) => c.json(await listRsvps(c.var.scope, c.req.valid('param').event), 200),
  )
  .put(
    '/:event/rsvps/:rsvp/attendance',
    guard('programs:manage', {
      tags: ['events'],
      summary: 'Check a party in at the event: how many of it came (audited)',
      description:
        '0 … 1 + guests. Checking in again corrects the number. Counted as an outcome (`attended`).',
      responses: {
        200: jsonResponse('The reply', RsvpOut),
        400: problem('More people than the party holds'),
      },
    }),
    validate('param', RsvpParam),
    validate('json', AttendanceBody),
    async (c) => {
      const { event, rsvp } = c.req.valid('param')
      return c.json(await recordAttendance(c.var.scope, event, rsvp, c.req.valid('json')), 200)
    },
  )

const replyProblems = {
  400: problem('Invalid fields, or a support the event does not offer'),
  409: problem(
    'The event was cancelled or has begun (`event-closed`), or a seated party asks for more seats than are free (`event-full`)',
  ),
}

/** A participant's events in the portal: mounted at /orgs/:org/my/events. */
export const myEventRoutes = tenantFactory
  .createApp()
  .get(
    '/',
    ownGuard({
      summary: 'Upcoming events I may come to, with my reply',
      description:
        'Events of the programs the caller takes part in and of the whole organization, soonest first, each with the free seats and the caller’s own reply (never anyone else’s).',
      responses: { 200: jsonResponse('My events', MyEventsOut) },
    }),
    async (c) => c.json(await listMyEvents(c.var.scope), 200),
  )
  .put(
    '/:event/rsvp',
    ownGuard({
      summary: 'Reply to an event for me and my family: going (seated or waiting) or not',
      description:
        'A party that fits in the free seats is seated; otherwise it waits in reply order. Declining frees the seats for the waiting list (those seated are told by email).',
      responses: { 200: jsonResponse('My reply', EventReplyOut), ...replyProblems },
    }),
    validate('param', EventParam),
    validate('json', RsvpBody),
    kicksOutbox,
    async (c) => {
      const { event } = c.req.valid('param')
      return c.json(await replyMine(c.var.scope, c.var.tenant, event, c.req.valid('json'), c.var.config), 200)
    },
  )

/** Reads and answers of invitation links from one address (scanners and people together). */
export const EVENT_INVITATIONS_PER_IP: Limit = { max: 60, windowMs: 3_600_000 }

const tokenProblems = linkProblems('invitation', 'event-invitation', 'The event has begun or was cancelled')

/** One-click replies from an invitation email: mounted at /v1/event-invitations. No session. */
export const eventInvitationRoutes = factory
  .createApp()
  .get(
    '/:token',
    describeRoute({
      tags: ['events'],
      summary: 'What an invitation link shows (no sign-in; changes nothing)',
      description:
        'The person’s first name, the event (title, kind, times, the organization’s time zone, place, languages, supports), the free seats and the person’s language. Mail scanners open links: reading records nothing.',
      responses: { 200: jsonResponse('The invitation', EventInvitationOut), ...tokenProblems },
    }),
    validate('param', InvitationTokenParam),
    rateLimited(EVENT_INVITATIONS_PER_IP, byClient('event-invitation:ip')),
    async (c) => c.json(await describeInvitation(c.var.db, c.req.valid('param').token, new Date()), 200),
  )
  .post(
    '/:token',
    describeRoute({
      tags: ['events'],
      summary: 'Reply to an invitation: going (with family and supports) or not (no sign-in; once)',
      description:
        'Seated when the party fits, else on the waiting list in reply order. A link answers once, until the event begins.',
      responses: {
        200: jsonResponse('The reply', EventReplyOut),
        400: problem('Invalid fields, or a support the event does not offer'),
        ...tokenProblems,
        409: problem(
          'Already answered (`event-invitation-used`), or no seats for a larger party (`event-full`)',
        ),
      },
    }),
    validate('param', InvitationTokenParam),
    rateLimited(EVENT_INVITATIONS_PER_IP, byClient('event-invitation:ip')),
    validate('json', RsvpBody),
    kicksOutbox,
    async (c) => {
      const { token } = c.req.valid('param')
      return c.json(
        await answerInvitation(c.var.db, token, c.req.valid('json'), new Date(), c.var.config),
        200,
      )
    },
  )
