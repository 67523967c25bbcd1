import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

describe('GET /api/health', () => {
  it('answers ok after really querying the database', async () => {
    const res = await exports.default.fetch('http://tandem.test/api/health')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(res.headers.get('x-request-id')).toMatch(/.+/)
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok', version: '0.1.0' })
  })
})
