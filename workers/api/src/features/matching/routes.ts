import { Hono } from 'hono'
import * as v from 'valibot'
import type { AppEnv as AppContext } from '../../factory'
import { kickOutbox } from '../../lib/kick'
import { describeTenantRoute, jsonResponse, problem } from '../../lib/openapi'
import { validate } from '../../lib/validate'
import { actorId, requirePermission, type TenantVariables } from '../../middleware/tenant'
import type { QueueMessage } from '../../queue/messages'
import { noteKeyOf } from '../portal/notes'
import { ProgramParam } from '../programs/schema'
import { getProgram } from '../programs/service'
import {
  CreateMatchBody,
  DecisionsBody,
  DecisionsOut,
  MatchListQuery,
  MatchOut,
  MatchParam,
  ProposalListQuery,
  ProposalOut,
  RunListQuery,
  RunOut,
  RunParam,
  StartRunBody,
  UpdateMatchBody,
} from './schema'
import {
  type Actor,
  createManualMatch,
  decide,
  getMatchWithNotes,
  getRun,
  listMatches,
  listProposals,
  listRuns,
  openEndRequests,
  runOut,
  startRun,
  unmatchedOf,
  updateMatch,
} from './service'

type TenantContext = AppContext & { Variables: TenantVariables }
type C = { var: TenantVariables & { user: { id: string } | null } }
const actorOf = (c: C): Actor => ({
  tenantId: c.var.tenant.id,
  orgName: c.var.tenant.name,
  userId: c.var.user?.id ?? '',
})
const runs = '/programs/:program/match-runs'
const matchesPath = '/programs/:program/matches'
const page = <S extends v.GenericSchema>(item: S) =>
  v.object({ items: v.array(item), nextCursor: v.nullable(v.string()) })

/** Match runs, proposals and matches of a program: mounted under /api/v1/orgs/:org. */
export const matchingRoutes = new Hono<TenantContext>()
  .get(
    '/end-requests',
    describeTenantRoute('matches:read', {
      tags: ['matching'],
      summary: 'Matches in any program where the mentee or the mentor asked to end (not yet decided)',
      description: 'The dashboard panel: oldest request first, at most 100.',
      responses: {
        200: jsonResponse(
          'Open requests',
          v.object({
            items: v.array(v.object({ ...MatchOut.entries, programName: v.string() })),
            total: v.number(),
          }),
        ),
      },
    }),
    requirePermission('matches:read'),
    async (c) => c.json(await openEndRequests(c.var.tdb, c.var.tenant.id)),
  )
  .post(
    runs,
    describeTenantRoute('matching:run', {
      tags: ['matching'],
      summary: 'Start a match run (executed by the queue consumer)',
      description:
        'Mode `participation` (default): as many matched newcomers as possible, then the best total score; `score`: the best total score. Answers at once with the queued run; poll it for progress. One queued or running run per program.',
      responses: {
        202: jsonResponse('Queued', v.object({ id: v.string(), status: v.literal('queued') })),
        409: problem('A run of this program is already queued or running'),
      },
    }),
    requirePermission('matching:run'),
    validate('param', ProgramParam),
    validate('json', StartRunBody),
    async (c) => {
      const queue = c.env.QUEUE as Queue<QueueMessage>
      const run = await startRun(
        c.var.tdb,
        queue,
        actorOf(c),
        c.req.valid('param').program,
        c.req.valid('json').mode,
        new Date(),
      )
      return c.json(run, 202)
    },
  )
  .get(
    runs,
    describeTenantRoute('matches:read', {
      tags: ['matching'],
      summary: 'Match runs of a program, latest first',
      responses: { 200: jsonResponse('One page', page(RunOut)) },
    }),
    requirePermission('matches:read'),
    validate('param', ProgramParam),
    validate('query', RunListQuery),
    async (c) => {
      const program = await getProgram(c.var.tdb, c.var.tenant.id, c.req.valid('param').program)
      return c.json(await listRuns(c.var.tdb, c.var.tenant.id, program.id, c.req.valid('query')))
    },
  )
  .get(
    `${runs}/:run`,
    describeTenantRoute('matches:read', {
      tags: ['matching'],
      summary: 'A match run: status, progress (0–100), statistics, error',
      responses: { 200: jsonResponse('The run', RunOut) },
    }),
    requirePermission('matches:read'),
    validate('param', RunParam),
    async (c) => {
      const { program, run } = c.req.valid('param')
      return c.json(runOut(await getRun(c.var.tdb, c.var.tenant.id, program, run)))
    },
  )
  .get(
    `${runs}/:run/proposals`,
    describeTenantRoute('matches:read', {
      tags: ['matching'],
      summary: 'Proposed pairs of a run, with score, breakdown and explanation',
      description:
        'Each explanation item is `{criterion, points, messageKey, params}` for the client to render in the coordinator’s language. Filter with `status=proposed`; pages follow `nextCursor`.',
      responses: { 200: jsonResponse('One page', page(ProposalOut)) },
    }),
    requirePermission('matches:read'),
    validate('param', RunParam),
    validate('query', ProposalListQuery),
    async (c) => {
      const { program, run } = c.req.valid('param')
      const found = await getRun(c.var.tdb, c.var.tenant.id, program, run)
      return c.json(await listProposals(c.var.tdb, c.var.tenant.id, found, c.req.valid('query')))
    },
  )
  .get(
    `${runs}/:run/unmatched`,
    describeTenantRoute('matches:read', {
      tags: ['matching'],
      summary: 'Mentees a run left unmatched, each with the dominant reason',
      description:
        'Reasons: no_mentors, no_capacity (had feasible mentors, all taken), no_shared_language, too_far, availability, safeguarding_gender, rejected_before, excluded (matched with each other before).',
      responses: {
        200: jsonResponse(
          'Unmatched mentees in waiting order',
          v.object({
            items: v.array(v.object({ menteeId: v.string(), displayName: v.string(), reason: v.string() })),
          }),
        ),
      },
    }),
    requirePermission('matches:read'),
    validate('param', RunParam),
    async (c) => {
      const { program, run } = c.req.valid('param')
      const found = await getRun(c.var.tdb, c.var.tenant.id, program, run)
      return c.json(await unmatchedOf(c.var.tdb, c.var.tenant.id, found))
    },
  )
  .post(
    `${runs}/:run/proposals/decisions`,
    describeTenantRoute('matches:manage', {
      tags: ['matching'],
      summary: 'Accept and reject proposals of a run (all or nothing)',
      description:
        'Accepting starts an active match, marks the mentee matched (the mentor when full) and emails both an introduction in their language. Rejecting needs a reason; later runs leave the pair out. Constraints are checked again now: a proposal that cannot be accepted any more (screening expired, no place left, already decided) answers 409 naming it, and nothing is saved.',
      responses: {
        200: jsonResponse('Decisions made', DecisionsOut),
        409: problem('A proposal was decided already or its pair is no longer possible'),
      },
    }),
    requirePermission('matches:manage'),
    validate('param', RunParam),
    validate('json', DecisionsBody),
    async (c) => {
      const { program: programId, run: runId } = c.req.valid('param')
      const program = await getProgram(c.var.tdb, c.var.tenant.id, programId)
      const run = await getRun(c.var.tdb, c.var.tenant.id, program.id, runId)
      const result = await decide(c.var.tdb, actorOf(c), program, run, c.req.valid('json'), new Date())
      if (result.accepted.length > 0) kickOutbox(c)
      return c.json(result)
    },
  )
  .post(
    matchesPath,
    describeTenantRoute('matches:manage', {
      tags: ['matching'],
      summary: 'Match a mentee with a mentor by hand',
      description:
        'The pair’s hard constraints are checked as in a run; a failing pair answers 409 listing the failures unless `overrideReason` (at least 10 characters) is given, which is stored and audited. Availability (mentee waiting, mentor cleared with a free place), screening and safeguarding cannot be overridden.',
      responses: {
        201: jsonResponse('The match', v.object({ ...MatchOut.entries, overridden: v.array(v.string()) })),
        409: problem('Hard constraints fail, or someone is not available'),
      },
    }),
    requirePermission('matches:manage'),
    validate('param', ProgramParam),
    validate('json', CreateMatchBody),
    async (c) => {
      const program = await getProgram(c.var.tdb, c.var.tenant.id, c.req.valid('param').program)
      const match = await createManualMatch(c.var.tdb, actorOf(c), program, c.req.valid('json'), new Date())
      kickOutbox(c)
      return c.json(match, 201)
    },
  )
  .get(
    matchesPath,
    describeTenantRoute('matches:read', {
      tags: ['matching'],
      summary: 'Matches of a program, latest first (filter by status)',
      responses: { 200: jsonResponse('One page', page(MatchOut)) },
    }),
    requirePermission('matches:read'),
    validate('param', ProgramParam),
    validate('query', MatchListQuery),
    async (c) => {
      const program = await getProgram(c.var.tdb, c.var.tenant.id, c.req.valid('param').program)
      return c.json(await listMatches(c.var.tdb, c.var.tenant.id, program.id, c.req.valid('query')))
    },
  )
  .get(
    `${matchesPath}/:match`,
    describeTenantRoute('matches:read', {
      tags: ['matching'],
      summary: 'A match, with the notes of its requests to end (reading a note is audited)',
      responses: { 200: jsonResponse('The match', MatchOut) },
    }),
    requirePermission('matches:read'),
    validate('param', MatchParam),
    async (c) => {
      const { program, match } = c.req.valid('param')
      return c.json(
        await getMatchWithNotes(
          c.var.tdb,
          c.var.tenant.id,
          program,
          match,
          noteKeyOf(c.var.config),
          actorId(c),
          new Date(),
        ),
      )
    },
  )
  .patch(
    `${matchesPath}/:match`,
    describeTenantRoute('matches:manage', {
      tags: ['matching'],
      summary: 'Pause, resume or end a match',
      description:
        'Ending needs a reason (completed, moved_away, no_contact, mismatch, safeguarding, other); the match stays as history, the mentee returns to the pool keeping their place in the queue, and the mentor’s place is freed.',
      responses: {
        200: jsonResponse('The match', MatchOut),
        409: problem('Not an allowed change (ended is final)'),
      },
    }),
    requirePermission('matches:manage'),
    validate('param', MatchParam),
    validate('json', UpdateMatchBody),
    async (c) => {
      const { program: programId, match } = c.req.valid('param')
      const program = await getProgram(c.var.tdb, c.var.tenant.id, programId)
      return c.json(await updateMatch(c.var.tdb, actorOf(c), program, match, c.req.valid('json'), new Date()))
    },
  )
