import { programFactory, runFactory } from '../../factory'
import { jsonResponse, problem } from '../../lib/openapi'
import { checkMatchRunRate } from '../../lib/quotas'
import { Page } from '../../lib/schema'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { withinQuota } from '../../middleware/quota'
import type { QueueMessage } from '../../queue/messages'
import { ProgramParam } from '../programs/schema'
import { RunListQuery, RunOut, RunParam, StartedOut, StartRunBody, UnmatchedOut } from './schema'
import { listRuns, runOut, startRun, unmatchedOf } from './service'

/** Match runs of a program: mounted at /orgs/:org/programs/:program/match-runs. */
export const matchRunRoutes = programFactory
  .createApp()
  .post(
    '/',
    guard('matching:run', {
      tags: ['matching'],
      summary: 'Start a match run (executed by the queue consumer)',
      description:
        'Mode `participation` (default): as many matched newcomers as possible, then the best total score; `score`: the best total score. Answers at once with the queued run; poll it for progress. One queued or running run per program.',
      responses: {
        202: jsonResponse('Queued', StartedOut),
        409: problem('A run of this program is already queued or running'),
        429: problem('The organization started as many runs this hour as its limit allows'),
      },
    }),
    validate('param', ProgramParam),
    validate('json', StartRunBody),
    withinQuota(checkMatchRunRate),
    async (c) => {
      const queue = c.env.QUEUE as Queue<QueueMessage>
      return c.json(await startRun(c.var.scope, queue, c.var.program, c.req.valid('json').mode), 202)
    },
  )
  .get(
    '/',
    guard('matches:read', {
      tags: ['matching'],
      summary: 'Match runs of a program, latest first',
      responses: { 200: jsonResponse('One page', Page(RunOut)) },
    }),
    validate('param', ProgramParam),
    validate('query', RunListQuery),
    async (c) => c.json(await listRuns(c.var.scope, c.var.program.id, c.req.valid('query'))),
  )

/** One run: mounted at …/match-runs/:run, after `runScope()` loaded it. */
export const runRoutes = runFactory
  .createApp()
  .get(
    '/',
    guard('matches:read', {
      tags: ['matching'],
      summary: 'A match run: status, progress (0–100), statistics, error',
      responses: { 200: jsonResponse('The run', RunOut) },
    }),
    validate('param', RunParam),
    async (c) => c.json(runOut(c.var.run)),
  )
  .get(
    '/unmatched',
    guard('matches:read', {
      tags: ['matching'],
      summary: 'Mentees a run left unmatched, each with the dominant reason',
      description:
        'Reasons: no_mentors, no_capacity (had feasible mentors, all taken), no_shared_language, too_far, availability, safeguarding_gender, rejected_before, excluded (matched with each other before).',
      responses: { 200: jsonResponse('Unmatched mentees in waiting order', UnmatchedOut) },
    }),
    validate('param', RunParam),
    async (c) => c.json(await unmatchedOf(c.var.scope, c.var.run)),
  )
