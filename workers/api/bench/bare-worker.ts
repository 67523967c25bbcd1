/** The reference for `pnpm bench:api`: a Worker with one Hono route and nothing else (no D1, no session). */
import { Hono } from 'hono'

const app = new Hono()
app.get('/api/ping', (c) => c.json({ ok: true }))

export default app
