import { env } from 'cloudflare:workers'
import { createDbResolver, newId } from '@tandem/db'
import type { Context } from 'hono'
import { describe, expect, it } from 'vitest'
import { type AppEnv, factory } from '../../factory'
import { Problem, problemResponse } from '../../lib/problem'
import { byClient, rateLimited } from '.'

/** A tiny app with the database resolver the Worker sets up, and one limited route. */
function appWith(limit: Parameters<typeof rateLimited>[0], key: (c: Context<AppEnv>) => string | null) {
  return factory
    .createApp()
    .use(async (c, next) => {
      c.set('db', createDbResolver({ shared: env.DB }))
      await next()
    })
    .get('/things', rateLimited(limit, key), (c) => c.json({ ok: true }))
    .onError((error, c) => (error instanceof Problem ? problemResponse(c, error) : c.text('unexpected', 500)))
}

describe('rateLimited', () => {
  it('lets `max` requests of one bucket through in a window, then answers 429 with Retry-After', async () => {
    const prefix = `test:${newId()}`
    const app = appWith({ max: 2, windowMs: 60_000 }, byClient(prefix))
    const from = (ip: string) => app.request('/things', { headers: { 'cf-connecting-ip': ip } })
    expect((await from('203.0.113.7')).status).toBe(200)
    expect((await from('203.0.113.7')).status).toBe(200)
    const refused = await from('203.0.113.7')
    expect(refused.status).toBe(429)
    expect(await refused.json()).toMatchObject({ code: 'rate-limited' })
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
    // Another client has a bucket of its own.
    expect((await from('203.0.113.8')).status).toBe(200)
  })

  it('does not count a request whose key is null', async () => {
    const app = appWith({ max: 1, windowMs: 60_000 }, () => null)
    for (let i = 0; i < 3; i++) expect((await app.request('/things')).status).toBe(200)
  })
})
