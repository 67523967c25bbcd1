import { Hono } from 'hono'
import { describeRoute } from 'hono-openapi'
import * as v from 'valibot'
import type { AppEnv as AppContext } from '../../factory'
import { sha256Hex } from '../../lib/crypto'
import { kickOutbox, originOf } from '../../lib/kick'
import { describeTenantRoute, jsonResponse, problem } from '../../lib/openapi'
import { clientIp, rateLimit } from '../../lib/rate-limit'
import { validate } from '../../lib/validate'
import { actorUser, requirePermission, type TenantVariables } from '../../middleware/tenant'
import { MeOut } from '../auth/schema'
import { meBody, membershipsOf } from '../auth/service'
import { setSessionCookie } from '../auth/session'
import { linkAfterAcceptance, portalInvitationStillValid, unlinkAccount } from '../portal/service'
import {
  AcceptBody,
  AuditEntryOut,
  AuditQuery,
  ChangeRoleBody,
  InvitationOut,
  InvitationParam,
  InviteBody,
  MemberOut,
  MemberParam,
  OrganizationOut,
  OrgParam,
  SignupBody,
} from './schema'
import {
  acceptInvitation,
  changeRole,
  invalidInvitation,
  invite,
  listAudit,
  listInvitations,
  listMembers,
  organizationOut,
  removeMember,
  resendInvitation,
  revokeInvitation,
  signUp,
} from './service'

const HOUR = 3_600_000
export const invitationsPerTenant = { max: 500, windowMs: HOUR }
export const invitationsPerRecipient = { max: 5, windowMs: 24 * HOUR }

/** Public routes: sign-up and accepting an invitation. */
export const publicOrgRoutes = new Hono<AppContext>()
  .post(
    '/signup',
    describeRoute({
      tags: ['organizations'],
      summary: 'Sign up an organization',
      description: 'Creates the organization and its owner, and emails the owner a sign-in link.',
      responses: {
        201: jsonResponse('Created', v.object({ organization: OrganizationOut })),
        400: problem('Invalid fields'),
        409: problem('The slug is taken'),
        429: problem('Too many requests'),
      },
    }),
    validate('json', SignupBody),
    async (c) => {
      const db = c.var.db.control()
      const now = new Date()
      await rateLimit(
        db,
        `signup:ip:${clientIp(c.req.header('cf-connecting-ip'))}`,
        { max: 10, windowMs: 3_600_000 },
        now,
      )
      const tenant = await signUp(db, c.req.valid('json'), originOf(c), now)
      kickOutbox(c)
      return c.json({ organization: organizationOut(tenant) }, 201)
    },
  )
  .post(
    '/invitations/accept',
    describeRoute({
      tags: ['organizations'],
      summary: 'Accept an invitation (signs the person in)',
      responses: {
        200: jsonResponse(
          'Accepted',
          v.object({ ...MeOut.entries, organization: v.object({ slug: v.string(), name: v.string() }) }),
        ),
        400: problem('Used, revoked or expired'),
      },
    }),
    validate('json', AcceptBody),
    async (c) => {
      const db = c.var.db.control()
      const now = new Date()
      await rateLimit(
        db,
        `accept:ip:${clientIp(c.req.header('cf-connecting-ip'))}`,
        { max: 60, windowMs: 600_000 },
        now,
      )
      // Only a session this request proved it holds is ended (never one named by an unverified cookie).
      const previous = c.var.session?.id
      // A portal invitation for a record whose address was corrected since is void: nobody joins through it.
      const token = c.req.valid('json').token
      if (!(await portalInvitationStillValid(db, (t) => c.var.db.dbFor(t), sha256Hex(token), now))) {
        throw invalidInvitation()
      }
      const { user, tenant, sessionToken, invitation } = await acceptInvitation(
        db,
        c.req.valid('json').token,
        previous,
        now,
      )
      setSessionCookie(c, sessionToken)
      // A portal invitation: link the participant record (in the tenant's database) to the account.
      const { participantId } = invitation
      if (participantId) {
        await linkAfterAcceptance(
          db,
          c.var.db.dbFor(tenant),
          tenant.id,
          { participantId, email: invitation.email, role: invitation.role },
          user.id,
          now,
        )
      }
      return c.json({
        ...meBody(user, await membershipsOf(db, user.id)),
        organization: { slug: tenant.slug, name: tenant.name },
      })
    },
  )

type TenantContext = AppContext & { Variables: TenantVariables }

/** Tenant routes, mounted under /api/v1/orgs/:org behind `tenantScope()`. */
export const orgRoutes = new Hono<TenantContext>()
  .get(
    '/',
    describeTenantRoute('org:read', {
      tags: ['organizations'],
      summary: 'The organization and the caller’s role in it',
      responses: {
        200: jsonResponse('The organization', v.object({ organization: OrganizationOut, role: v.string() })),
      },
    }),
    requirePermission('org:read'),
    validate('param', OrgParam),
    (c) => c.json({ organization: organizationOut(c.var.tenant), role: c.var.membership.role }),
  )
  .get(
    '/members',
    describeTenantRoute('members:read', {
      tags: ['members'],
      summary: 'List members',
      responses: { 200: jsonResponse('Members', v.object({ items: v.array(MemberOut) })) },
    }),
    requirePermission('members:read'),
    validate('param', OrgParam),
    async (c) => c.json({ items: await listMembers(c.var.db.control(), c.var.tenant.id) }),
  )
  .patch(
    '/members/:member',
    describeTenantRoute('members:manage', {
      tags: ['members'],
      summary: 'Change a member’s role',
      responses: {
        200: jsonResponse('The member', MemberOut),
        409: problem('The last owner cannot be demoted'),
      },
    }),
    requirePermission('members:manage'),
    validate('param', MemberParam),
    validate('json', ChangeRoleBody),
    async (c) => {
      const now = new Date()
      const role = c.req.valid('json').role
      return c.json(
        await changeRole(
          c.var.db.control(),
          c.var.tenant.id,
          c.var.membership,
          c.req.valid('param').member,
          role,
          now,
          // Records are linked only to a membership of their own role: any change of a mentor's or mentee's role
          // unlinks (mentor → mentee too). First, so a failure leaves the member as they were, without the link.
          async (userId, from) => {
            if (from === 'mentor' || from === 'mentee')
              await unlinkAccount(c.var.tdb, c.var.tenant.id, userId, c.var.membership.userId, now)
          },
        ),
      )
    },
  )
  .delete(
    '/members/:member',
    describeTenantRoute('members:manage', {
      tags: ['members'],
      summary: 'Remove a member',
      responses: { 204: { description: 'Removed' }, 409: problem('The last owner cannot be removed') },
    }),
    requirePermission('members:manage'),
    validate('param', MemberParam),
    async (c) => {
      const now = new Date()
      // Their participant records (tenant database) lose the link to the account first: should the removal
      // then fail, the member stays, only without the link; never the other way round.
      await removeMember(
        c.var.db.control(),
        c.var.tenant.id,
        c.var.membership,
        c.req.valid('param').member,
        now,
        (userId) => unlinkAccount(c.var.tdb, c.var.tenant.id, userId, c.var.membership.userId, now),
      )
      return c.body(null, 204)
    },
  )
  .get(
    '/invitations',
    describeTenantRoute('invitations:read', {
      tags: ['invitations'],
      summary: 'List invitations',
      responses: {
        200: jsonResponse('Invitations, newest first', v.object({ items: v.array(InvitationOut) })),
      },
    }),
    requirePermission('invitations:read'),
    validate('param', OrgParam),
    async (c) => c.json({ items: await listInvitations(c.var.db.control(), c.var.tenant.id) }),
  )
  .post(
    '/invitations',
    describeTenantRoute('invitations:manage', {
      tags: ['invitations'],
      summary: 'Invite someone by email',
      description:
        'Owners and admins invite any role they may grant; coordinators invite mentors and mentees.',
      responses: {
        201: jsonResponse('The invitation', InvitationOut),
        409: problem('Already a member or invited'),
      },
    }),
    requirePermission('invitations:manage'),
    validate('param', OrgParam),
    validate('json', InviteBody),
    async (c) => {
      // Invitations send email in the organization's name: limited per organization and per recipient.
      const now = new Date()
      await rateLimit(c.var.db.control(), `invite:tenant:${c.var.tenant.id}`, invitationsPerTenant, now)
      await rateLimit(
        c.var.db.control(),
        `invite:to:${sha256Hex(c.req.valid('json').email)}`,
        invitationsPerRecipient,
        now,
      )
      const result = await invite(
        c.var.db.control(),
        c.var.tenant,
        { membership: c.var.membership, user: actorUser(c) },
        c.req.valid('json'),
        originOf(c),
        new Date(),
      )
      kickOutbox(c)
      return c.json(result, 201)
    },
  )
  .post(
    '/invitations/:invitation/resend',
    describeTenantRoute('invitations:manage', {
      tags: ['invitations'],
      summary: 'Send the invitation again (with a new link)',
      responses: { 200: jsonResponse('The invitation', InvitationOut), 409: problem('Not pending') },
    }),
    requirePermission('invitations:manage'),
    validate('param', InvitationParam),
    async (c) => {
      await rateLimit(
        c.var.db.control(),
        `invite:tenant:${c.var.tenant.id}`,
        invitationsPerTenant,
        new Date(),
      )
      const result = await resendInvitation(
        c.var.db.control(),
        c.var.tenant,
        { membership: c.var.membership, user: actorUser(c) },
        c.req.valid('param').invitation,
        originOf(c),
        new Date(),
      )
      kickOutbox(c)
      return c.json(result)
    },
  )
  .delete(
    '/invitations/:invitation',
    describeTenantRoute('invitations:manage', {
      tags: ['invitations'],
      summary: 'Revoke an invitation',
      responses: { 204: { description: 'Revoked' }, 409: problem('Not pending') },
    }),
    requirePermission('invitations:manage'),
    validate('param', InvitationParam),
    async (c) => {
      await revokeInvitation(
        c.var.db.control(),
        c.var.tenant.id,
        c.var.membership,
        c.req.valid('param').invitation,
        new Date(),
      )
      return c.body(null, 204)
    },
  )
  .get(
    '/audit-log',
    describeTenantRoute('audit:read', {
      tags: ['audit'],
      summary: 'The organization’s audit log, newest first',
      responses: {
        200: jsonResponse(
          'One page',
          v.object({ items: v.array(AuditEntryOut), nextCursor: v.nullable(v.string()) }),
        ),
      },
    }),
    requirePermission('audit:read'),
    validate('param', OrgParam),
    validate('query', AuditQuery),
    async (c) => {
      const { cursor, limit } = c.req.valid('query')
      return c.json(
        await listAudit(c.var.db.control(), c.var.tdb, c.var.tenant.id, {
          limit,
          ...(cursor ? { cursor } : {}),
        }),
      )
    },
  )
