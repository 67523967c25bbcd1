import { outboxStatuses } from '@tandem/db'
import * as v from 'valibot'
import { tenantFactory } from '../../factory'
import { kickOutbox } from '../../lib/kick'
import { jsonResponse, problem } from '../../lib/openapi'
import { Id, OrgSlug } from '../../lib/schema'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { type emailSummary, retryEmail } from './outbox.service'

export const EmailParam = v.object({ org: OrgSlug, email: Id })

export const EmailOut = v.object({
  id: v.string(),
  to: v.string(),
  kind: v.string(),
  status: v.picklist(outboxStatuses),
  reason: v.nullable(v.string()),
  attempts: v.number(),
  dueAt: v.string(),
  sentAt: v.nullable(v.string()),
  createdAt: v.string(),
}) satisfies v.GenericSchema<ReturnType<typeof emailSummary>>

/** One email of the organization's outbox: mounted at /orgs/:org/emails. */
export const emailRetryRoutes = tenantFactory.createApp().post(
  '/:email/retry',
  guard('emails:manage', {
    tags: ['email'],
    summary: 'Send a failed or dead email again',
    description:
      'Sets an email the provider refused (`failed`) or that reached the retry limit (`dead`) back to `pending` with no attempts; it leaves in the next batch. 409 for any other status, or when its text was removed (7 days after it failed).',
    responses: {
      200: jsonResponse('The email, pending again', EmailOut),
      409: problem('Not failed or dead, or its text was removed'),
    },
  }),
  validate('param', EmailParam),
  async (c) => {
    const { email } = c.req.valid('param')
    const result = await retryEmail([c.var.tdb, c.var.db.control()], c.var.tenant.id, email, new Date())
    kickOutbox(c)
    return c.json(result)
  },
)
