import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { describeRoute, resolver } from 'hono-openapi'
import * as v from 'valibot'
import { version } from '../../../../../package.json'
import type { AppEnv as AppContext } from '../../factory'
import { describeError } from '../../lib/log'

export const HealthSchema = v.object({
  status: v.picklist(['ok', 'degraded']),
  db: v.picklist(['ok', 'error']),
  version: v.string(),
})

export const health = new Hono<AppContext>().get(
  '/',
  describeRoute({
    tags: ['system'],
    summary: 'Service health',
    description: 'Answers whether the Worker runs and the database answers a query.',
    responses: {
      200: { description: 'Healthy', content: { 'application/json': { schema: resolver(HealthSchema) } } },
      503: {
        description: 'The database did not answer',
        content: { 'application/json': { schema: resolver(HealthSchema) } },
      },
    },
  }),
  async (c) => {
    let db: 'ok' | 'error' = 'ok'
    try {
      await c.var.db.control().get(sql`select 1 as ok`)
    } catch (error) {
      console.error(
        JSON.stringify({ level: 'error', msg: 'health: database query failed', error: describeError(error) }),
      )
      db = 'error'
    }
    const body: v.InferOutput<typeof HealthSchema> = { status: db === 'ok' ? 'ok' : 'degraded', db, version }
    return c.json(body, db === 'ok' ? 200 : 503)
  },
)
