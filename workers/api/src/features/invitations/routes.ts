import type { Context } from 'hono'
import { describeRoute } from 'hono-openapi'
import * as v from 'valibot'
import { factory, type TenantEnv, tenantFactory } from '../../factory'
import { kicksOutbox, originOf } from '../../lib/kick'
import { jsonResponse, problem } from '../../lib/openapi'
import { controlScope } from '../../lib/scope'
import { type Validated, validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { byClient, rateLimited } from '../../middleware/rate-limit'
import { meBody } from '../auth/service'
import { setSessionCookie } from '../auth/session'
import { OrgParam } from '../orgs/schema'
import {
  AcceptBody,
  AcceptedOut,
  InvitationOut,
  InvitationParam,
  InviteBody,
  LookupBody,
  LookupOut,
} from './schema'
import {
  acceptInvitation,
  type Inviter,
  invitationRecipientKey,
  invitationsPerRecipient,
  invitationsPerTenant,
  invite,
  listInvitations,
  lookupInvitation,
  resendInvitation,
  revokeInvitation,
} from './service'

const inviter = (c: Context<TenantEnv>): Inviter => ({
  tenant: c.var.tenant,
  membership: c.var.membership,
  user: c.var.user,
})

/** Invitations send email in the organization's name: limited per organization and per recipient. */
const perTenant = rateLimited(
  invitationsPerTenant,
  (c: Context<TenantEnv>) => `invite:tenant:${c.var.tenant.id}`,
)
const perRecipient = rateLimited(
  invitationsPerRecipient,
  (c: Validated<TenantEnv, 'json', typeof InviteBody>) => invitationRecipientKey(c.req.valid('json').email),
)

/** Invitations of the organization: mounted at /orgs/:org/invitations. */
export const invitationRoutes = tenantFactory
  .createApp()
  .get(
    '/',
    guard('invitations:read', {
      tags: ['invitations'],
      summary: 'List invitations',
      responses: {
        200: jsonResponse('Invitations, newest first', v.object({ items: v.array(InvitationOut) })),
      },
    }),
    validate('param', OrgParam),
    async (c) => c.json({ items: await listInvitations(controlScope(c)) }),
  )
  .post(
    '/',
    guard('invitations:manage', {
      tags: ['invitations'],
      summary: 'Invite someone by email',
      description:
        'Owners and admins invite any role they may grant; coordinators invite mentors and mentees.',
      responses: {
        201: jsonResponse('The invitation', InvitationOut),
        409: problem('Already a member or invited'),
      },
    }),
    validate('param', OrgParam),
    validate('json', InviteBody),
    perTenant,
    perRecipient,
    kicksOutbox,
    async (c) => c.json(await invite(controlScope(c), inviter(c), c.req.valid('json'), originOf(c)), 201),
  )
  .post(
    '/:invitation/resend',
    guard('invitations:manage', {
      tags: ['invitations'],
      summary: 'Send the invitation again (with a new link)',
      description: 'Counts against the same per-recipient limit as inviting (5 emails a day to one address).',
      responses: {
        200: jsonResponse('The invitation', InvitationOut),
        409: problem('Not pending'),
        429: problem('Too many invitation emails to this address today'),
      },
    }),
    validate('param', InvitationParam),
    perTenant,
    kicksOutbox,
    async (c) =>
      c.json(
        await resendInvitation(controlScope(c), inviter(c), c.req.valid('param').invitation, originOf(c)),
      ),
  )
  .delete(
    '/:invitation',
    guard('invitations:manage', {
      tags: ['invitations'],
      summary: 'Revoke an invitation',
      responses: { 204: { description: 'Revoked' }, 409: problem('Not pending') },
    }),
    validate('param', InvitationParam),
    async (c) => {
      await revokeInvitation(controlScope(c), c.var.membership, c.req.valid('param').invitation)
      return c.body(null, 204)
    },
  )

/** The public side of invitations (the emailed link's page): mounted at /v1/invitations. */
export const acceptInvitationRoutes = factory
  .createApp()
  .post(
    '/lookup',
    describeRoute({
      tags: ['organizations'],
      summary: 'What an invitation link is for (accepts nothing)',
      description:
        'The organization, role and address, whether that address already has an account (then only that account, signed in, may accept) and the name to offer a new account.',
      responses: {
        200: jsonResponse('The invitation', LookupOut),
        400: problem('Used, revoked or expired'),
        429: problem('Too many requests'),
      },
    }),
    validate('json', LookupBody),
    rateLimited({ max: 60, windowMs: 600_000 }, byClient('invitation-lookup:ip')),
    async (c) => c.json(await lookupInvitation(c.var.db, c.req.valid('json').token, new Date()), 200),
  )
  .post(
    '/accept',
    describeRoute({
      tags: ['organizations'],
      summary: 'Accept an invitation (signs the person in)',
      description:
        'For an address without an account: creates it with `name` (or the offered name), the membership and a session. For an address that has an account: only from that account’s own session (403 `invitation-needs-sign-in` otherwise — sign in with a code sent to the address first). A browser signed in as another account gets 409 `other-account-signed-in` unless `switchAccount` is true.',
      responses: {
        200: jsonResponse('Accepted', AcceptedOut),
        400: problem('Used, revoked or expired; or a name is needed'),
        403: problem('The address has an account: sign in as it first'),
        409: problem('Signed in as someone else: confirm with `switchAccount`'),
        429: problem('Too many requests'),
      },
    }),
    validate('json', AcceptBody),
    rateLimited({ max: 60, windowMs: 600_000 }, byClient('accept:ip')),
    async (c) => {
      // Only a session this request proved it holds is ended (never one named by an unverified cookie).
      const { user, tenant, sessionToken, memberships } = await acceptInvitation(
        c.var.db,
        c.req.valid('json'),
        { user: c.var.user, session: c.var.session },
        new Date(),
      )
      setSessionCookie(c, sessionToken)
      return c.json({ ...meBody(user, memberships), organization: { slug: tenant.slug, name: tenant.name } })
    },
  )
