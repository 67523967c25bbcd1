import { Hono } from 'hono'
import { requestId } from 'hono/request-id'
import { describe, expect, it } from 'vitest'
import { requestLog } from '.'

describe('requestLog', () => {
  it('writes one JSON line per request without query string or body', async () => {
    const lines: string[] = []
    let t = 1000
    const app = new Hono()
    app.use('*', requestId(), requestLog({ write: (l) => lines.push(l), now: () => (t += 5) }))
    app.post('/api/things/:id', (c) => c.json({ ok: true }, 201))
    const res = await app.request('/api/things/abc?email=someone%40example.org', {
      method: 'POST',
      body: '{"name":"Amal"}',
    })
    expect(res.status).toBe(201)
    expect(lines).toHaveLength(1)
    const entry = JSON.parse(lines[0] ?? '{}')
    expect(entry).toEqual({
      level: 'info',
      msg: 'request',
      method: 'POST',
      path: '/api/things/:id',
      status: 201,
      ms: 5,
      requestId: res.headers.get('x-request-id'),
    })
    expect(lines[0]).not.toContain('example.org')
    expect(lines[0]).not.toContain('Amal')
  })
})
