import { Hono } from 'hono'
import * as v from 'valibot'
import type { AppEnv as AppContext } from '../../factory'
import { kickOutbox, originOf } from '../../lib/kick'
import { noteKeyOf } from '../../lib/notes'
import { describeTenantRoute, jsonResponse, problem } from '../../lib/openapi'
import { rateLimit } from '../../lib/rate-limit'
import { validate } from '../../lib/validate'
import { actorId, actorUser, requirePermission, type TenantVariables } from '../../middleware/tenant'
import { invitationsPerRecipient, invitationsPerTenant } from '../orgs/routes'
import { ParticipantParam } from '../participants/schema'
import { getProgram } from '../programs/service'
import { EndRequestBody, MyMatchOut, MyMatchParam, PortalAccessOut } from './schema'
import { invitePortal, listMyMatches, removePortalAccess, requestEnd, withdrawEndRequest } from './service'

type TenantContext = AppContext & { Variables: TenantVariables }

const mine = '/my/matches'
const portalAccess = '/programs/:program/participants/:participant/portal-access'

/**
 * The participant portal (mounted under /api/v1/orgs/:org): a mentor's or mentee's own matches, and the
 * coordinator's route that gives a participant portal access.
 */
export const portalRoutes = new Hono<TenantContext>()
  .get(
    mine,
    describeTenantRoute(
      'portal:own',
      {
        tags: ['portal'],
        summary: 'My matches (as mentee or mentor), newest first',
        description:
          'Only matches of participant records linked to the caller’s account. Shows the partner’s first name and the caller’s own request to end, nothing else of the other person.',
        responses: { 200: jsonResponse('My matches', v.object({ items: v.array(MyMatchOut) })) },
      },
      { scope: 'own' },
    ),
    requirePermission('portal:own'),
    async (c) => c.json(await listMyMatches(c.var.tdb, c.var.tenant.id, actorId(c), noteKeyOf(c.var.config))),
  )
  .post(
    `${mine}/:match/end-request`,
    describeTenantRoute(
      'portal:own',
      {
        tags: ['portal'],
        summary: 'Ask to end my match (a coordinator confirms)',
        description:
          'Records the caller’s reason and note; asking again replaces them. The match goes on until a coordinator ends it; the partner is not told.',
        responses: {
          200: jsonResponse('My match', MyMatchOut),
          409: problem('The match has ended, or changed at the same moment'),
        },
      },
      { scope: 'own' },
    ),
    requirePermission('portal:own'),
    validate('param', MyMatchParam),
    validate('json', EndRequestBody),
    async (c) => {
      const result = await requestEnd(
        c.var.tdb,
        {
          control: c.var.db.control(),
          tenant: c.var.tenant,
          userId: actorId(c),
          key: noteKeyOf(c.var.config),
          origin: originOf(c),
          now: new Date(),
        },
        c.req.valid('param').match,
        c.req.valid('json'),
      )
      kickOutbox(c)
      return c.json(result)
    },
  )
  .delete(
    `${mine}/:match/end-request`,
    describeTenantRoute(
      'portal:own',
      {
        tags: ['portal'],
        summary: 'Take back my request to end',
        responses: {
          200: jsonResponse('My match', MyMatchOut),
          409: problem('The match has ended, or changed at the same moment'),
        },
      },
      { scope: 'own' },
    ),
    requirePermission('portal:own'),
    validate('param', MyMatchParam),
    async (c) =>
      c.json(
        await withdrawEndRequest(
          c.var.tdb,
          c.var.tenant.id,
          actorId(c),
          c.req.valid('param').match,
          noteKeyOf(c.var.config),
          new Date(),
        ),
      ),
  )
  .post(
    portalAccess,
    describeTenantRoute('invitations:manage', {
      tags: ['portal'],
      summary: 'Give a mentor or mentee access to the portal',
      description:
        'Invites the email address on their record, with their role and language; accepting links the account to this participant (also for an existing member with that role: the click confirms). An open portal invitation to the same address is sent again; one to an address since corrected is replaced.',
      responses: {
        201: jsonResponse('Invited, or invited again', PortalAccessOut),
        409: problem(
          'Already has access, no email address on record, or the address belongs to a member with another role',
        ),
      },
    }),
    requirePermission('invitations:manage'),
    validate('param', ParticipantParam),
    async (c) => {
      const now = new Date()
      const { program: programId, participant } = c.req.valid('param')
      const program = await getProgram(c.var.tdb, c.var.tenant.id, programId)
      const control = c.var.db.control()
      await rateLimit(control, `invite:tenant:${c.var.tenant.id}`, invitationsPerTenant, now)
      await rateLimit(control, `invite:participant:${participant}`, invitationsPerRecipient, now)
      const result = await invitePortal(
        control,
        c.var.tdb,
        c.var.tenant,
        { membership: c.var.membership, user: actorUser(c) },
        program.id,
        participant,
        originOf(c),
        now,
      )
      kickOutbox(c)
      return c.json(result, 201)
    },
  )
  .delete(
    portalAccess,
    describeTenantRoute('invitations:manage', {
      tags: ['portal'],
      summary:
        'Take away a participant’s portal access (e.g. a wrong link); an open portal invitation is revoked',
      description:
        'The account keeps its membership in the organization; remove the member as well if they should not be one.',
      responses: { 200: jsonResponse('No portal access', v.object({ portalLinked: v.literal(false) })) },
    }),
    requirePermission('invitations:manage'),
    validate('param', ParticipantParam),
    async (c) => {
      const { program: programId, participant } = c.req.valid('param')
      const program = await getProgram(c.var.tdb, c.var.tenant.id, programId)
      return c.json(
        await removePortalAccess(
          c.var.db.control(),
          c.var.tdb,
          c.var.tenant.id,
          program.id,
          participant,
          c.var.membership,
          new Date(),
        ),
      )
    },
  )
