/**
 * The references for `pnpm bench:api`: a Worker with two Hono routes and nothing else (no session, no middleware).
 * `/api/ping` answers without the database; `/api/d1` sends one D1 statement (`select 1`) first, what any read
 * that asks the database pays at least in the same runtime.
 */
import { Hono } from 'hono'

const app = new Hono<{ Bindings: { DB: D1Database } }>()
app.get('/api/ping', (c) => c.json({ ok: true }))
app.get('/api/d1', async (c) =>
  c.json({ ok: (await c.env.DB.prepare('select 1 as one').first('one')) === 1 }),
)

export default app
