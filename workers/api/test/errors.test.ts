import { env } from 'cloudflare:workers'
import { hc } from 'hono/client'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { type AppType, createApp, MAX_BODY_BYTES } from '../src/app'
import { validate } from '../src/lib/validate'

// A tiny app: the real middleware and error handler, plus two routes that exercise them.
function testApp() {
  const app = createApp()
  const Body = v.object({
    organization: v.object({
      name: v.pipe(v.string(), v.minLength(1)),
      slug: v.pipe(v.string(), v.regex(/^[a-z]+$/)),
    }),
    admin: v.object({ email: v.pipe(v.string(), v.email()) }),
  })
  app.post('/api/test/echo', validate('json', Body), (c) => c.json(c.req.valid('json'), 201))
  app.get('/api/test/boom', () => {
    throw new Error('secret internals')
  })
  return app
}

/** The typed client (`hc<AppType>`) on a tiny app, for the API's own routes. */
const typed = (app: ReturnType<typeof testApp>) =>
  hc<AppType>('http://localhost', {
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => await app.request(input, init, env),
  }).api

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

async function expectProblem(
  res: { status: number; headers: Headers; json(): Promise<unknown> },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8')
  const body = (await res.json()) as Record<string, unknown>
  // Every problem has a stable code from the registry; its type points at the code's entry in the reference.
  expect(body).toMatchObject({ type: `/api/docs#problem-${code}`, code, status })
  expect(typeof body.title).toBe('string')
  expect(body.requestId).toBe(res.headers.get('x-request-id'))
  return body
}

describe('problem+json errors', () => {
  it('accepts a valid body', async () => {
    const body = { organization: { name: 'Stadt', slug: 'stadt' }, admin: { email: 'a@example.org' } }
    const res = await testApp().request('/api/test/echo', json(body), env)
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual(body)
  })

  it('names every failing field by its path', async () => {
    const res = await testApp().request(
      '/api/test/echo',
      json({ organization: { name: '', slug: 'Not A Slug' }, admin: {} }),
      env,
    )
    const body = await expectProblem(res, 400, 'invalid-request')
    const errors = body.errors as { location: string; path: string; message: string }[]
    expect(errors.map((e) => `${e.location}:${e.path}`).sort()).toEqual([
      'body:admin.email',
      'body:organization.name',
      'body:organization.slug',
    ])
    for (const e of errors) expect(e.message.length).toBeGreaterThan(0)
  })

  it('answers 400 to malformed JSON', async () => {
    const res = await testApp().request(
      '/api/test/echo',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"organization": ' },
      env,
    )
    const body = await expectProblem(res, 400, 'invalid-request')
    expect(body.detail).toMatch(/JSON/i)
  })

  it('answers 415 to a body that is not JSON', async () => {
    const res = await testApp().request(
      '/api/test/echo',
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' },
      env,
    )
    await expectProblem(res, 415, 'unsupported-media-type')
  })

  it('answers 413 to a body over 1 MB', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) })
    const res = await testApp().request(
      '/api/test/echo',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: big },
      env,
    )
    await expectProblem(res, 413, 'body-too-large')
  })

  it('answers 404 problem to an unknown API path and to a wrong method', async () => {
    const app = testApp()
    const body = await expectProblem(await app.request('/api/v1/nothing-here', {}, env), 404, 'no-route')
    expect(body.instance).toBe('/api/v1/nothing-here')
    await expectProblem(await app.request('/api/health', { method: 'DELETE' }, env), 404, 'no-route')
  })

  it('answers 500 without leaking internals when the server fails', async () => {
    const res = await testApp().request('/api/test/boom', {}, env)
    const body = await expectProblem(res, 500, 'internal')
    expect(JSON.stringify(body)).not.toContain('secret internals')
  })

  it('validates query strings too', async () => {
    const res = await typed(testApp()).dev.mailbox.$get({ query: { limit: 'lots' } })
    const body = await expectProblem(res, 400, 'invalid-request')
    expect(body.errors).toEqual([expect.objectContaining({ location: 'query', path: 'limit' })])
  })

  it('sets a request id and secure headers on every API response', async () => {
    const res = await typed(testApp()).health.$get()
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })
})
