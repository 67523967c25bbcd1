import { describeRoute } from 'hono-openapi'
import * as v from 'valibot'
import { factory, tenantFactory } from '../../factory'
import { kicksOutbox, originOf } from '../../lib/kick'
import { jsonResponse, problem } from '../../lib/openapi'
import { controlScope } from '../../lib/scope'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { byClient, rateLimited } from '../../middleware/rate-limit'
import { OrganizationOut, OrgParam, RESIDENCIES, SignupBody, SignupOptionsOut, UpdateOrgBody } from './schema'
import { organizationOut, signUp, updateOrganization } from './service'

/** Sign-ups from one address in an hour. */
const signupsPerClient = { max: 10, windowMs: 3_600_000 }

/** Signing up an organization (public): mounted at /v1/signup. */
export const signupRoutes = factory
  .createApp()
  .get(
    '/options',
    describeRoute({
      tags: ['organizations'],
      summary: 'What a sign-up may choose',
      description:
        'The residencies this deployment offers (decision 044): `default` always; `eu` when it keeps organizations’ data in an EU database (`EU_PLACEMENT`).',
      responses: { 200: jsonResponse('The choices', SignupOptionsOut) },
    }),
    (c) => c.json({ residencies: c.var.config.EU_PLACEMENT ? RESIDENCIES : (['default'] as const) }, 200),
  )
  .post(
    '/',
    describeRoute({
      tags: ['organizations'],
      summary: 'Sign up an organization',
      description:
        'Creates the organization and its owner, and emails the owner a sign-in link. An address that already has an account is not made the owner at once: it gets an email asking to confirm from that account (decision 019); the answer is the same. Emails go in the person’s own language when known, else in `locale` (the page’s), else in the organization’s default.',
      responses: {
        201: jsonResponse('Created', v.object({ organization: OrganizationOut })),
        400: problem('Invalid fields'),
        409: problem('The slug is taken'),
        429: problem('Too many requests'),
      },
    }),
    validate('json', SignupBody),
    rateLimited(signupsPerClient, byClient('signup:ip')),
    kicksOutbox,
    async (c) => {
      const tenant = await signUp(c.var.db, c.req.valid('json'), originOf(c), new Date(), {
        eu: c.var.config.EU_PLACEMENT,
      })
      return c.json({ organization: organizationOut(tenant) }, 201)
    },
  )

/** The organization itself: mounted at /orgs/:org, behind `tenantScope()`. */
export const orgRoutes = tenantFactory
  .createApp()
  .get(
    '/',
    guard('org:read', {
      tags: ['organizations'],
      summary: 'The organization and the caller’s role in it',
      responses: {
        200: jsonResponse('The organization', v.object({ organization: OrganizationOut, role: v.string() })),
      },
    }),
    validate('param', OrgParam),
    (c) => c.json({ organization: organizationOut(c.var.tenant), role: c.var.membership.role }),
  )
  .patch(
    '/',
    guard('org:manage', {
      tags: ['organizations'],
      summary: 'Change the organization’s settings',
      description:
        'How applicants reach the organization (`contactEmail`, `contactPhone`): the public intake form shows them ' +
        'on its confirmation. `null` or an empty string clears a setting; fields left out stay as they are.',
      responses: {
        200: jsonResponse('The organization', v.object({ organization: OrganizationOut })),
        400: problem('Invalid fields'),
      },
    }),
    validate('param', OrgParam),
    validate('json', UpdateOrgBody),
    async (c) => {
      const tenant = await updateOrganization(controlScope(c), c.var.tenant, c.req.valid('json'))
      return c.json({ organization: organizationOut(tenant) }, 200)
    },
  )
