import { tenantFactory } from '../../factory'
import { kicksOutbox } from '../../lib/kick'
import { jsonResponse, problem } from '../../lib/openapi'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { OrgParam } from '../orgs/schema'
import {
  EmailLogQuery,
  EmailOut,
  EmailPage,
  EmailParam,
  EmailSummaryOut,
  SuppressionPage,
  SuppressionParam,
  SuppressionQuery,
} from './log.schema'
import { emailSummary, liftSuppression, listEmails, listSuppressions, retryEmail } from './log.service'

/** The organization's email log: mounted at /orgs/:org/emails. */
export const emailLogRoutes = tenantFactory
  .createApp()
  .get(
    '/',
    guard('emails:read', {
      tags: ['email'],
      summary: 'The organization’s email, newest first (filter by status, search by address)',
      description:
        'To whom, which kind, when, its status (`pending → queued → sent → delivered | bounced | complained | failed | dead`) and the reason it failed, bounced or was held back (`suppressed`). Bodies are never returned. Sign-in email that belongs to no organization is not listed.',
      responses: { 200: jsonResponse('One page', EmailPage) },
    }),
    validate('param', OrgParam),
    validate('query', EmailLogQuery),
    async (c) => c.json(await listEmails(c.var.scope, c.var.db.control(), c.req.valid('query'))),
  )
  .get(
    '/summary',
    guard('emails:read', {
      tags: ['email'],
      summary: 'Failures in the last 30 days and addresses on the suppression list (the organization home)',
      responses: { 200: jsonResponse('Counts', EmailSummaryOut) },
    }),
    validate('param', OrgParam),
    async (c) => c.json(await emailSummary(c.var.scope, c.var.db.control())),
  )
  .post(
    '/:email/retry',
    guard('emails:manage', {
      tags: ['email'],
      summary: 'Send a failed or dead email again',
      description:
        'Puts the email back in the outbox (`pending`, no attempts); it leaves with the next dispatch. An address that is still on the suppression list holds a non-essential email back again.',
      responses: {
        200: jsonResponse('The email, pending again', EmailOut),
        409: problem('The email did not fail'),
      },
    }),
    validate('param', EmailParam),
    kicksOutbox,
    async (c) => c.json(await retryEmail(c.var.scope, c.var.db.control(), c.req.valid('param').email)),
  )

/** The organization's suppression list: mounted at /orgs/:org/email-suppressions. */
export const suppressionRoutes = tenantFactory
  .createApp()
  .get(
    '/',
    guard('emails:read', {
      tags: ['email'],
      summary: 'Addresses no longer sent non-essential email, and why (newest first)',
      description:
        'A permanent bounce or a spam complaint puts an address here. Sign-in, invitations and safeguarding alerts still go out; every other email to it is held back (status `failed`, reason `suppressed`).',
      responses: { 200: jsonResponse('One page', SuppressionPage) },
    }),
    validate('param', OrgParam),
    validate('query', SuppressionQuery),
    async (c) => c.json(await listSuppressions(c.var.scope, c.req.valid('query'))),
  )
  .delete(
    '/:suppression',
    guard('emails:manage', {
      tags: ['email'],
      summary: 'Lift an address off the suppression list',
      description:
        'Email to the address goes out again; the entry is kept as lifted, and the audit log records who.',
      responses: { 204: { description: 'Lifted' } },
    }),
    validate('param', SuppressionParam),
    async (c) => {
      await liftSuppression(c.var.scope, c.req.valid('param').suppression)
      return c.body(null, 204)
    },
  )
