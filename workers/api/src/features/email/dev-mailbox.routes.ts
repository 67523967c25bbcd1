import { devMailbox } from '@tandem/db'
import { extractLinks } from '@tandem/email'
import { desc } from 'drizzle-orm'
import { Hono } from 'hono'
import { describeRoute, resolver } from 'hono-openapi'
import * as v from 'valibot'
import type { AppEnv as AppContext } from '../../factory'
import { notFound } from '../../lib/problem'
import { validate } from '../../lib/validate'

const MailboxQuery = v.object({
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, 'a whole number from 1 to 200'),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(200),
    ),
    '50',
  ),
})

const MailboxEntry = v.object({
  id: v.string(),
  to: v.string(),
  subject: v.string(),
  text: v.string(),
  html: v.string(),
  links: v.array(v.string()),
  createdAt: v.string(),
})

/**
 * The local dev mailbox: the email that would have been sent, newest first. Exists only in local
 * development (no Resend API key, not production, a loopback host); answers 404 otherwise.
 */
export const devMailboxRoutes = new Hono<AppContext>().get(
  '/mailbox',
  describeRoute({
    tags: ['development'],
    summary: 'Local dev mailbox',
    description: 'Email kept locally when no Resend API key is configured. 404 when one is.',
    responses: {
      200: {
        description: 'Newest first',
        content: { 'application/json': { schema: resolver(v.object({ items: v.array(MailboxEntry) })) } },
      },
      404: { description: 'A Resend API key is configured' },
    },
  }),
  validate('query', MailboxQuery),
  async (c) => {
    // Only for local development: never with real email configured, never in production, and only on a
    // loopback host (or in tests), so a deployment that forgot its settings cannot expose sign-in links.
    const host = new URL(c.req.url).hostname
    const local =
      host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || c.var.config.APP_ENV === 'test'
    if (c.var.config.RESEND_API_KEY || c.var.config.APP_ENV === 'production' || !local) throw notFound()
    const { limit } = c.req.valid('query')
    const rows = await c.var.db
      .control()
      .select()
      .from(devMailbox)
      .orderBy(desc(devMailbox.createdAt), desc(devMailbox.id))
      .limit(limit)
    return c.json({
      items: rows.map((r) => ({
        id: r.id,
        to: r.toAddress,
        subject: r.subject,
        text: r.text,
        html: r.html,
        links: extractLinks(r.html, r.text),
        createdAt: r.createdAt.toISOString(),
      })),
    })
  },
)
