import type { Context } from 'hono'
import * as v from 'valibot'
import { type ParticipantEnv, participantFactory, type TenantEnv, tenantFactory } from '../../factory'
import { kicksOutbox, originOf } from '../../lib/kick'
import { noteKeyOf } from '../../lib/notes'
import { jsonResponse, problem } from '../../lib/openapi'
import { ParticipantParam } from '../../lib/params'
import { alertContext, controlScope } from '../../lib/scope'
import { validate } from '../../lib/validate'
import { guard, ownGuard } from '../../middleware/guard'
import { rateLimited } from '../../middleware/rate-limit'
import { invitationsPerRecipient, invitationsPerTenant } from '../invitations/service'
import { invitePortal, removePortalAccess } from './access.service'
import { EndRequestBody, MyMatchOut, MyMatchParam, PortalAccessOut } from './schema'
import { listMyMatches, requestEnd, withdrawEndRequest } from './service'

/** A mentor's or mentee's own matches in the portal: mounted at /orgs/:org/my/matches. */
export const myMatchRoutes = tenantFactory
  .createApp()
  .get(
    '/',
    ownGuard({
      summary: 'My matches (as mentee or mentor), newest first',
      description:
        'Only matches of participant records linked to the caller’s account. Shows the partner’s first name and the caller’s own request to end, nothing else of the other person.',
      responses: { 200: jsonResponse('My matches', v.object({ items: v.array(MyMatchOut) })) },
    }),
    async (c) => c.json(await listMyMatches(c.var.scope, noteKeyOf(c.var.config))),
  )
  .post(
    '/:match/end-request',
    ownGuard({
      summary: 'Ask to end my match (a coordinator confirms)',
      description:
        'Records the caller’s reason and note; asking again replaces them. The match goes on until a coordinator ends it; the partner is not told.',
      responses: {
        200: jsonResponse('My match', MyMatchOut),
        409: problem('The match has ended, or changed at the same moment'),
      },
    }),
    validate('param', MyMatchParam),
    validate('json', EndRequestBody),
    kicksOutbox,
    async (c) =>
      c.json(await requestEnd(c.var.scope, alertContext(c), c.req.valid('param').match, c.req.valid('json'))),
  )
  .delete(
    '/:match/end-request',
    ownGuard({
      summary: 'Take back my request to end',
      responses: {
        200: jsonResponse('My match', MyMatchOut),
        409: problem('The match has ended, or changed at the same moment'),
      },
    }),
    validate('param', MyMatchParam),
    async (c) =>
      c.json(await withdrawEndRequest(c.var.scope, noteKeyOf(c.var.config), c.req.valid('param').match)),
  )

/** Portal invitations send email in the organization's name: limited per organization and per person. */
const perTenant = rateLimited(
  invitationsPerTenant,
  (c: Context<TenantEnv>) => `invite:tenant:${c.var.tenant.id}`,
)
const perParticipant = rateLimited(
  invitationsPerRecipient,
  (c: Context<ParticipantEnv>) => `invite:participant:${c.var.participant.id}`,
)

/**
 * A participant's portal access (coordinators): mounted at …/participants/:participant/portal-access, after
 * `participantScope()` loaded the participant.
 */
export const portalAccessRoutes = participantFactory
  .createApp()
  .post(
    '/',
    guard('invitations:manage', {
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
    validate('param', ParticipantParam),
    perTenant,
    perParticipant,
    kicksOutbox,
    async (c) => {
      const { tenant, membership, user, participant } = c.var
      return c.json(
        await invitePortal(controlScope(c), { tenant, membership, user }, participant, originOf(c)),
        201,
      )
    },
  )
  .delete(
    '/',
    guard('invitations:manage', {
      tags: ['portal'],
      summary:
        'Take away a participant’s portal access (e.g. a wrong link); an open portal invitation is revoked',
      description:
        'The account keeps its membership in the organization; remove the member as well if they should not be one.',
      responses: { 200: jsonResponse('No portal access', v.object({ portalLinked: v.literal(false) })) },
    }),
    validate('param', ParticipantParam),
    async (c) =>
      c.json(await removePortalAccess(c.var.scope, controlScope(c), c.var.membership, c.var.participant)),
  )
