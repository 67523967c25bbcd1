import * as v from 'valibot'
import { tenantFactory } from '../../factory'
import { jsonResponse, problem } from '../../lib/openapi'
import { unlinkAccount } from '../../lib/portal-links'
import { controlScope } from '../../lib/scope'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { OrgParam } from '../orgs/schema'
import { ChangeRoleBody, MemberOut, MemberParam } from './schema'
import { changeRole, listMembers, removeMember } from './service'

/** Members of the organization: mounted at /orgs/:org/members. */
export const memberRoutes = tenantFactory
  .createApp()
  .get(
    '/',
    guard('members:read', {
      tags: ['members'],
      summary: 'List members',
      responses: { 200: jsonResponse('Members', v.object({ items: v.array(MemberOut) })) },
    }),
    validate('param', OrgParam),
    async (c) => c.json({ items: await listMembers(controlScope(c)) }),
  )
  .patch(
    '/:member',
    guard('members:manage', {
      tags: ['members'],
      summary: 'Change a member’s role',
      responses: {
        200: jsonResponse('The member', MemberOut),
        409: problem('The last owner cannot be demoted'),
      },
    }),
    validate('param', MemberParam),
    validate('json', ChangeRoleBody),
    async (c) => {
      const { scope, membership } = c.var
      return c.json(
        await changeRole(
          controlScope(c),
          membership,
          c.req.valid('param').member,
          c.req.valid('json').role,
          // Records are linked only to a membership of their own role: any change of a mentor's or mentee's role
          // unlinks (mentor → mentee too). First, so a failure leaves the member as they were, without the link.
          async (userId, from) => {
            if (from === 'mentor' || from === 'mentee')
              await unlinkAccount(scope.db, scope.tenantId, userId, scope.actorId, scope.now)
          },
        ),
      )
    },
  )
  .delete(
    '/:member',
    guard('members:manage', {
      tags: ['members'],
      summary: 'Remove a member',
      responses: { 204: { description: 'Removed' }, 409: problem('The last owner cannot be removed') },
    }),
    validate('param', MemberParam),
    async (c) => {
      const { scope, membership } = c.var
      // Their participant records (tenant database) lose the link to the account first: should the removal
      // then fail, the member stays, only without the link; never the other way round.
      await removeMember(controlScope(c), membership, c.req.valid('param').member, (userId) =>
        unlinkAccount(scope.db, scope.tenantId, userId, scope.actorId, scope.now),
      )
      return c.body(null, 204)
    },
  )
