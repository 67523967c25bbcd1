import { sql } from 'drizzle-orm'
import { describeRoute } from 'hono-openapi'
import * as v from 'valibot'
import { version } from '../../../../../package.json'
import { factory } from '../../factory'
import { log } from '../../lib/log'
import { jsonResponse } from '../../lib/openapi'

export const HealthSchema = v.object({
  status: v.picklist(['ok', 'degraded']),
  db: v.picklist(['ok', 'error']),
  version: v.string(),
})

/** Service health: mounted at /api/health. */
export const healthRoutes = factory.createApp().get(
  '/',
  describeRoute({
    tags: ['system'],
    summary: 'Service health',
    description: 'Answers whether the Worker runs and the database answers a query.',
    responses: {
      200: jsonResponse('Healthy', HealthSchema),
      503: jsonResponse('The database did not answer', HealthSchema),
    },
  }),
  async (c) => {
    let db: 'ok' | 'error' = 'ok'
    try {
      await c.var.db.control().get(sql`select 1 as ok`)
    } catch (error) {
      log.error('health: database query failed', {}, error)
      db = 'error'
    }
    const body: v.InferOutput<typeof HealthSchema> = { status: db === 'ok' ? 'ok' : 'degraded', db, version }
    return c.json(body, db === 'ok' ? 200 : 503)
  },
)
