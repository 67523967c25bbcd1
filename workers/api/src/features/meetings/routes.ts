import { describeRoute } from 'hono-openapi'
import { factory, programFactory, tenantFactory } from '../../factory'
import { noteKeyOf } from '../../lib/notes'
import { jsonResponse, linkProblems, problem } from '../../lib/openapi'
import { validate } from '../../lib/validate'
import { guard, ownGuard } from '../../middleware/guard'
import { byClient, rateLimited } from '../../middleware/rate-limit'
import { MatchParam } from '../matches/schema'
import { answerCheckIn, CHECK_INS_PER_IP, describeCheckIn } from './check-in.service'
import {
  CheckInAnsweredOut,
  CheckInBody,
  CheckInOut,
  CheckInParam,
  CreateMeetingBody,
  EditMeetingBody,
  MeetingOut,
  MeetingParam,
  MeetingsOut,
  MyMeetingBody,
  MyMeetingOut,
  MyMeetingsOut,
  MyMeetingsParam,
} from './schema'
import { deleteMeeting, editMeeting, listMeetings, listMyMeetings, logMeeting, logMyMeeting } from './service'

const topicProblem = {
  400: problem('Invalid fields, or a topic that is not one of the program’s goal areas'),
}
/** Logging a meeting (coordinators and the portal): a topic of the program's, while the match goes on. */
const logProblems = { ...topicProblem, 409: problem('The match has ended (`match-ended`)') }
const noteKeyProblem = { 503: problem('A note was given but no encryption key is configured') }

/** Meetings of one match (coordinators): mounted at …/programs/:program/matches/:match/meetings. */
export const meetingRoutes = programFactory
  .createApp()
  .get(
    '/',
    guard('matches:read', {
      tags: ['meetings'],
      summary: 'Meetings of a match, newest date first (reading a note is audited)',
      description:
        'Both sides’ “came” flags and 1–5 ratings, and the coordinator’s note (sealed at rest; `note` is null when there is none or it cannot be opened, `hasNote` says which).',
      responses: { 200: jsonResponse('The meetings', MeetingsOut) },
    }),
    validate('param', MatchParam),
    async (c) =>
      c.json(
        await listMeetings(
          c.var.scope,
          c.var.program.id,
          c.req.valid('param').match,
          noteKeyOf(c.var.config),
        ),
        200,
      ),
  )
  .post(
    '/',
    guard('matches:manage', {
      tags: ['meetings'],
      summary: 'Log or schedule a meeting of a match (audited)',
      description:
        'Held by default; `status: "scheduled"` plans one (a check-in email goes to both the day after). Topics are codes of the program’s goal areas. Only while the match is active or paused (`match-ended` otherwise).',
      responses: { 201: jsonResponse('The meeting', MeetingOut), ...logProblems, ...noteKeyProblem },
    }),
    validate('param', MatchParam),
    validate('json', CreateMeetingBody),
    async (c) =>
      c.json(
        await logMeeting(
          c.var.scope,
          c.var.program,
          c.req.valid('param').match,
          c.req.valid('json'),
          noteKeyOf(c.var.config),
        ),
        201,
      ),
  )
  .put(
    '/:meeting',
    guard('matches:manage', {
      tags: ['meetings'],
      summary: 'Correct a meeting entry (audited)',
      description:
        'Replaces the whole entry, as `POST` takes it; `note` left out keeps the sealed note, `null` removes it. Also after the tandem has ended (it corrects the record). Refused with `meeting-changed` when someone changed the entry at the same moment.',
      responses: {
        200: jsonResponse('The meeting', MeetingOut),
        ...topicProblem,
        409: problem('Someone changed the meeting at the same moment (`meeting-changed`)'),
        ...noteKeyProblem,
      },
    }),
    validate('param', MeetingParam),
    validate('json', EditMeetingBody),
    async (c) => {
      const { match, meeting } = c.req.valid('param')
      return c.json(
        await editMeeting(
          c.var.scope,
          c.var.program,
          match,
          meeting,
          c.req.valid('json'),
          noteKeyOf(c.var.config),
        ),
        200,
      )
    },
  )
  .delete(
    '/:meeting',
    guard('matches:manage', {
      tags: ['meetings'],
      summary: 'Delete a mistaken meeting entry (audited)',
      responses: { 204: { description: 'Deleted' } },
    }),
    validate('param', MeetingParam),
    async (c) => {
      const { match, meeting } = c.req.valid('param')
      await deleteMeeting(c.var.scope, c.var.program.id, match, meeting)
      return c.body(null, 204)
    },
  )

/** A mentor's or mentee's own meetings in the portal: mounted at /orgs/:org/my/matches/:match/meetings. */
export const myMeetingRoutes = tenantFactory
  .createApp()
  .get(
    '/',
    ownGuard({
      summary: 'Meetings of my match, newest date first',
      description:
        'Only the caller’s own side of each meeting (`came`, `rating`); never the partner’s rating nor a coordinator’s note.',
      responses: { 200: jsonResponse('My meetings', MyMeetingsOut) },
    }),
    validate('param', MyMeetingsParam),
    async (c) => c.json(await listMyMeetings(c.var.scope, c.req.valid('param').match), 200),
  )
  .post(
    '/',
    ownGuard({
      summary: 'Log or schedule a meeting of my match',
      description:
        'The caller sets only their own side (`came`, `rating` 1–5). Topics are codes of the program’s goal areas.',
      responses: { 201: jsonResponse('The meeting', MyMeetingOut), ...logProblems },
    }),
    validate('param', MyMeetingsParam),
    validate('json', MyMeetingBody),
    async (c) =>
      c.json(await logMyMeeting(c.var.scope, c.req.valid('param').match, c.req.valid('json')), 201),
  )

const checkInProblems = linkProblems('check-in', 'check-in', 'Expired, or the tandem has ended')

/** One-click check-ins from email: mounted at /v1/check-ins. No session; the token names one person's check-in. */
export const checkInRoutes = factory
  .createApp()
  .get(
    '/:token',
    describeRoute({
      tags: ['meetings'],
      summary: 'What a check-in link asks (no sign-in; changes nothing)',
      description:
        'The person’s and their partner’s first names, the program and organization, the date of the scheduled meeting asked about (or null), the person’s language, the program’s topics and the answers. Mail scanners open links: reading records nothing.',
      responses: { 200: jsonResponse('The check-in', CheckInOut), ...checkInProblems },
    }),
    validate('param', CheckInParam),
    rateLimited(CHECK_INS_PER_IP, byClient('check-in:ip')),
    async (c) => c.json(await describeCheckIn(c.var.db, c.req.valid('param').token, new Date()), 200),
  )
  .post(
    '/:token',
    describeRoute({
      tags: ['meetings'],
      summary: 'Answer a check-in: we met, we did not meet, let’s reschedule (no sign-in; once)',
      description:
        '“met” confirms the scheduled meeting (or the one the partner confirmed, or logs a new one, source `check-in`) with the person’s own rating; “not-met” marks a scheduled meeting missed; “reschedule” records only the answer. A link answers once and for 14 days.',
      responses: {
        200: jsonResponse('Recorded', CheckInAnsweredOut),
        400: problem('Invalid fields'),
        ...checkInProblems,
      },
    }),
    validate('param', CheckInParam),
    rateLimited(CHECK_INS_PER_IP, byClient('check-in:ip')),
    validate('json', CheckInBody),
    async (c) =>
      c.json(await answerCheckIn(c.var.db, c.req.valid('param').token, c.req.valid('json'), new Date()), 200),
  )
