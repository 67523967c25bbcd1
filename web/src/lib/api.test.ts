import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, apiFetch, readAnswer } from './api'
import { ok, params, v1 } from './client'

const apiGet = async (path: string) => readAnswer(await apiFetch(path))

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
  )

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('api', () => {
  it('sends the typed client’s requests as JSON with same-origin credentials and resolves with the body', async () => {
    const fetch = answer(201, { id: 'x' })
    vi.stubGlobal('fetch', fetch)
    const param = params({ org: 'a b' })
    await expect(
      ok(v1.orgs[':org'].invitations.$post({ param, json: { email: 'e@x.org', role: 'mentor' } })),
    ).resolves.toEqual({ id: 'x' })
    const [url, init] = fetch.mock.calls[0] ?? []
    expect(url).toBe('/api/v1/orgs/a%20b/invitations')
    expect(init?.method).toBe('POST')
    expect(init?.credentials).toBe('same-origin')
    expect(init?.body).toBe('{"email":"e@x.org","role":"mentor"}')
    const headers = new Headers(init?.headers)
    expect(headers.get('Content-Type')).toBe('application/json')
    expect(headers.get('Accept')).toBe('application/json, application/problem+json')
  })

  it('reads a problem into an ApiError with its field errors and Retry-After', async () => {
    vi.stubGlobal(
      'fetch',
      answer(
        429,
        {
          type: 'about:blank',
          title: 'Too many',
          status: 429,
          code: 'rate-limited',
          detail: 'Slow down.',
          errors: [{ path: 'email', message: 'Bad.', code: 'invalid' }, { nonsense: true }],
        },
        { 'Content-Type': 'application/problem+json', 'Retry-After': '30' },
      ),
    )
    const error = await apiGet('/api/x').catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(ApiError)
    if (!(error instanceof ApiError)) return
    expect(error.status).toBe(429)
    expect(error.detail).toBe('Slow down.')
    expect(error.code).toBe('rate-limited')
    expect(error.retryAfter).toBe(30)
    expect(error.errors).toEqual([{ path: 'email', message: 'Bad.', code: 'invalid' }])
    expect(error.fieldError('email')).toBe('Bad.')
  })

  it('keeps a non-problem error body, and turns no answer into status 0', async () => {
    vi.stubGlobal('fetch', answer(503, { status: 'degraded' }))
    const error = await apiGet('/api/health').catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(ApiError)
    expect(error instanceof ApiError && error.body).toEqual({ status: 'degraded' })

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('offline'))),
    )
    const offline = await apiGet('/api/x').catch((reason: unknown) => reason)
    expect(offline instanceof ApiError && offline.isNetworkError).toBe(true)
  })

  it('lets an abort through as it is', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new DOMException('stop', 'AbortError'))),
    )
    await expect(apiGet('/api/x')).rejects.toMatchObject({ name: 'AbortError' })
  })
})
