import { describeRoute } from 'hono-openapi'
import * as v from 'valibot'
import { factory } from '../../factory'
import { log } from '../../lib/log'
import { jsonResponse, problem } from '../../lib/openapi'
import { Problem } from '../../lib/problem'
import { fieldErrors } from '../../lib/validate'
import { applyDeliveryEvent, ResendEvent } from './events.service'
import { verifySvix } from './svix'

const refused = () =>
  new Problem('webhook-signature-invalid', { detail: 'The webhook signature could not be verified.' })

/**
 * Delivery events from Resend (public; mounted at /v1/webhooks/resend). Only a request signed with
 * RESEND_WEBHOOK_SECRET (Svix scheme, 5-minute tolerance) changes anything; without the secret configured the
 * route does not exist.
 */
export const resendWebhookRoutes = factory.createApp().post(
  '/',
  describeRoute({
    tags: ['email'],
    summary: 'Delivery events from Resend (Svix-signed webhook)',
    description:
      'Verifies `svix-id`, `svix-timestamp` (within 5 minutes) and `svix-signature` (HMAC-SHA256 with `RESEND_WEBHOOK_SECRET`), records the event once by its id and moves the email’s status: `email.delivered` → delivered, `email.bounced` → bounced, `email.complained` → complained, `email.failed` → failed; other types are recorded only. A permanent bounce or a complaint puts the address on the organization’s suppression list. A replayed event id changes nothing. 404 when no secret is configured.',
    responses: {
      200: jsonResponse(
        'Handled (or known already)',
        v.object({ outcome: v.picklist(['applied', 'recorded', 'duplicate', 'unknown-email']) }),
      ),
      400: problem('Signed, but not an event Tandem can read'),
      401: problem('Missing, wrong or old signature'),
      404: problem('No webhook secret configured'),
    },
  }),
  async (c) => {
    const secret = c.var.config.RESEND_WEBHOOK_SECRET
    if (!secret) throw new Problem('no-route', { detail: 'No API route matches this method and path.' })
    const body = await c.req.text()
    const eventId = await verifySvix(
      secret,
      {
        id: c.req.header('svix-id'),
        timestamp: c.req.header('svix-timestamp'),
        signature: c.req.header('svix-signature'),
      },
      body,
      new Date(),
    )
    if (!eventId) throw refused()
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      json = undefined
    }
    const parsed = await ResendEvent['~standard'].validate(json)
    if (parsed.issues) {
      throw new Problem('invalid-request', {
        detail: 'The body is not a Resend event Tandem can read.',
        errors: fieldErrors('json', parsed.issues),
      })
    }
    const event = parsed.value
    const outcome = await applyDeliveryEvent(c.var.db, eventId, event, new Date())
    if (outcome === 'unknown-email') log.info('webhook: event for an unknown email', { type: event.type })
    return c.json({ outcome })
  },
)
