import { programFactory, tenantFactory } from '../../factory'
import { kicksOutbox } from '../../lib/kick'
import { noteKeyOf } from '../../lib/notes'
import { jsonResponse, problem } from '../../lib/openapi'
import { Page } from '../../lib/schema'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { ProgramParam } from '../programs/schema'
import {
  CreateMatchBody,
  EndRequestsOut,
  ManualMatchOut,
  MatchListQuery,
  MatchOut,
  MatchParam,
  PlannedEndBody,
  UpdateMatchBody,
} from './schema'
import {
  createManualMatch,
  getMatchWithNotes,
  listMatches,
  openEndRequests,
  setPlannedEnd,
  updateMatch,
} from './service'

/** Open requests to end, across the organization's programs: mounted at /orgs/:org/end-requests. */
export const endRequestRoutes = tenantFactory.createApp().get(
  '/',
  guard('matches:read', {
    tags: ['matching'],
    summary: 'Matches in any program where the mentee or the mentor asked to end (not yet decided)',
    description: 'The dashboard panel: oldest request first, at most 100.',
    responses: { 200: jsonResponse('Open requests', EndRequestsOut) },
  }),
  async (c) => c.json(await openEndRequests(c.var.scope)),
)

/** Matches of a program: mounted at /orgs/:org/programs/:program/matches. */
export const matchRoutes = programFactory
  .createApp()
  .post(
    '/',
    guard('matches:manage', {
      tags: ['matching'],
      summary: 'Match a mentee with a mentor by hand',
      description:
        'The pair’s hard constraints are checked as in a run; a failing pair answers 409 listing the failures unless `overrideReason` (at least 10 characters) is given, which is stored and audited. Availability (mentee waiting, mentor cleared with a free place), screening and safeguarding cannot be overridden. A tandem that began before it was recorded here takes its real start day, `startedOn` (today back to 365 days ago, the organization’s time zone; audited). `plannedEndOn` (after the start, or null for none) is by default the start day plus the program’s `minCommitmentMonths`.',
      responses: {
        201: jsonResponse('The match', ManualMatchOut),
        400: problem('Invalid fields (e.g. `startedOn` in the future or more than a year back)'),
        409: problem('Hard constraints fail, or someone is not available'),
      },
    }),
    validate('param', ProgramParam),
    validate('json', CreateMatchBody),
    kicksOutbox,
    async (c) => {
      const { scope, tenant, program } = c.var
      return c.json(await createManualMatch(scope, tenant, program, c.req.valid('json')), 201)
    },
  )
  .get(
    '/',
    guard('matches:read', {
      tags: ['matching'],
      summary: 'Matches of a program, latest first (filter by status)',
      responses: { 200: jsonResponse('One page', Page(MatchOut)) },
    }),
    validate('param', ProgramParam),
    validate('query', MatchListQuery),
    async (c) => c.json(await listMatches(c.var.scope, c.var.program.id, c.req.valid('query'))),
  )
  .get(
    '/:match',
    guard('matches:read', {
      tags: ['matching'],
      summary: 'A match, with the notes of its requests to end (reading a note is audited)',
      responses: { 200: jsonResponse('The match', MatchOut) },
    }),
    validate('param', MatchParam),
    async (c) =>
      c.json(
        await getMatchWithNotes(
          c.var.scope,
          c.var.program.id,
          c.req.valid('param').match,
          noteKeyOf(c.var.config),
        ),
      ),
  )
  .patch(
    '/:match',
    guard('matches:manage', {
      tags: ['matching'],
      summary: 'Pause, resume or end a match',
      description:
        'Ending needs a reason (completed, moved_away, no_contact, mismatch, safeguarding, other); the match stays as history, the mentee returns to the pool keeping their place in the queue, and the mentor’s place is freed.',
      responses: {
        200: jsonResponse('The match', MatchOut),
        409: problem(
          'Not an allowed change (ended is final), or the match changed meanwhile (`match-changed`)',
        ),
      },
    }),
    validate('param', MatchParam),
    validate('json', UpdateMatchBody),
    async (c) =>
      c.json(await updateMatch(c.var.scope, c.var.program, c.req.valid('param').match, c.req.valid('json'))),
  )
  .put(
    '/:match/planned-end',
    guard('matches:manage', {
      tags: ['matching'],
      summary: 'Set or clear the day a match is planned to end',
      description:
        'A day after the match’s start (the organization’s time zone), or null for none; audited. The attention list shows matches reaching their planned end within 14 days.',
      responses: {
        200: jsonResponse('The match', MatchOut),
        400: problem('Invalid fields (e.g. `plannedEndOn` not after the start)'),
        409: problem('The match has ended'),
      },
    }),
    validate('param', MatchParam),
    validate('json', PlannedEndBody),
    async (c) => {
      const { scope, tenant, program } = c.var
      const { plannedEndOn } = c.req.valid('json')
      return c.json(await setPlannedEnd(scope, tenant, program.id, c.req.valid('param').match, plannedEndOn))
    },
  )
