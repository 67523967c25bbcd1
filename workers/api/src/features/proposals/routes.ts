import { runFactory } from '../../factory'
import { kickOutbox } from '../../lib/kick'
import { jsonResponse, problem } from '../../lib/openapi'
import { Page } from '../../lib/schema'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { RunParam } from '../match-runs/schema'
import { DecisionsBody, DecisionsOut, ProposalListQuery, ProposalOut } from './schema'
import { decide, listProposals } from './service'

/** Proposals of one run: mounted at …/match-runs/:run/proposals, after `runScope()` loaded the run. */
export const proposalRoutes = runFactory
  .createApp()
  .get(
    '/',
    guard('matches:read', {
      tags: ['matching'],
      summary: 'Proposed pairs of a run, with score, breakdown and explanation',
      description:
        'Each explanation item is `{criterion, points, messageKey, params}` for the client to render in the coordinator’s language. Filter with `status=proposed`; pages follow `nextCursor`.',
      responses: { 200: jsonResponse('One page', Page(ProposalOut)) },
    }),
    validate('param', RunParam),
    validate('query', ProposalListQuery),
    async (c) => c.json(await listProposals(c.var.scope, c.var.run, c.req.valid('query'))),
  )
  .post(
    '/decisions',
    guard('matches:manage', {
      tags: ['matching'],
      summary: 'Accept and reject proposals of a run (all or nothing)',
      description:
        'Accepting starts an active match, marks the mentee matched (the mentor when full) and emails both an introduction in their language. Rejecting needs a reason; later runs leave the pair out. Constraints are checked again now: a proposal that cannot be accepted any more (screening expired, no place left, already decided) answers 409 naming it, and nothing is saved.',
      responses: {
        200: jsonResponse('Decisions made', DecisionsOut),
        409: problem('A proposal was decided already or its pair is no longer possible'),
      },
    }),
    validate('param', RunParam),
    validate('json', DecisionsBody),
    async (c) => {
      const { scope, tenant, program, run } = c.var
      const result = await decide(scope, tenant, program, run, c.req.valid('json'))
      if (result.accepted.length > 0) kickOutbox(c)
      return c.json(result)
    },
  )
