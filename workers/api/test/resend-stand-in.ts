import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for Resend's HTTP API at the network edge (runs in Node, outside workerd), so the real Resend
 * SDK in the Worker makes real HTTP requests. Used by the Worker tests (vitest global setup) and by
 * `pnpm bench:email`. It answers like Resend:
 *
 * - `POST /emails/batch` (≤ 100 emails, strict validation) → `{ data: [{ id }] }`; `POST /emails` → `{ id }`.
 * - `Idempotency-Key`: the same key with the same body replays the first answer (nothing is sent again); with
 *   another body → 409 `invalid_idempotent_request`. Kept for the server's life.
 * - A rate limit per API key (a token bucket of `ratePerSecond` tokens, refilled at that rate): above it 429
 *   `rate_limit_exceeded` with `retry-after`; every answer carries `ratelimit-limit`, `-remaining`, `-reset`.
 * - Addresses at `invalid.test` are refused (422 `validation_error`, the whole batch); at `fail-5xx.test` → 500.
 *
 * Every API key starting with `re_test` is its own team (own limit, log, keys and faults), so tests in
 * parallel do not see each other. For tests: `POST /__faults` (with the key) queues answers for the next
 * calls — `{ status: 500 }`, `{ status: 429, retryAfter }`, `{ drop: true }` (accept, then cut the connection
 * before answering: the provider accepted, the caller does not know), `{ headers }` (accept with these
 * headers). `GET /__stats` (with the key) reports calls, acceptances, duplicates and the peak rate.
 */

export interface Fault {
  status?: number
  retryAfter?: number
  drop?: boolean
  headers?: Record<string, string>
}

export interface Call {
  at: number
  emails: number
  key: string
  status: number
}

interface Team {
  calls: Call[]
  received: { headers: IncomingMessage['headers']; body: unknown }[]
  byKey: Map<string, { hash: string; status: number; body: unknown }>
  /** Acceptances per outbox id (the `outbox_id` tag; the address when untagged). */
  accepted: Map<string, number>
  faults: Fault[]
  tokens: number
  refilledAt: number
  rateLimited: number
  replays: number
}

export interface Stats {
  calls: number
  acceptedCalls: number
  acceptedEmails: number
  distinctEmails: number
  duplicates: number
  rateLimited: number
  replays: number
  peakCallsPerSecond: number
  emailsPerCall: number
  callLog: Call[]
  accepted: Record<string, number>
}

/** The most calls whose arrivals fall in any window of one second. */
export function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  let peak = 0
  let start = 0
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= 1000) start++
    peak = Math.max(peak, end - start + 1)
  }
  return peak
}

export interface StandIn {
  url: string
  close(): Promise<void>
  stats(apiKey: string): Stats
}

export async function startResendStandIn(
  options: { port?: number; host?: string; ratePerSecond?: number } = {},
): Promise<StandIn> {
  const rate = options.ratePerSecond ?? 2
  const teams = new Map<string, Team>()
  const team = (apiKey: string) => {
    let t = teams.get(apiKey)
    if (!t) {
      t = {
        calls: [],
        received: [],
        byKey: new Map(),
        accepted: new Map(),
        faults: [],
        tokens: rate,
        refilledAt: Date.now(),
        rateLimited: 0,
        replays: 0,
      }
      teams.set(apiKey, t)
    }
    return t
  }
  let next = 1

  const stats = (apiKey: string): Stats => {
    const t = team(apiKey)
    const accepted = t.calls.filter((c) => c.status === 200)
    const acceptedEmails = [...t.accepted.values()].reduce((a, b) => a + b, 0)
    return {
      calls: t.calls.length,
      acceptedCalls: accepted.length,
      acceptedEmails,
      distinctEmails: t.accepted.size,
      duplicates: acceptedEmails - t.accepted.size,
      rateLimited: t.rateLimited,
      replays: t.replays,
      peakCallsPerSecond: peakPerSecond(t.calls.map((c) => c.at)),
      emailsPerCall: accepted.length ? acceptedEmails / accepted.length : 0,
      callLog: t.calls,
      accepted: Object.fromEntries(t.accepted),
    }
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const arrived = Date.now()
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }
    const auth = req.headers.authorization ?? ''
    const apiKey = auth.startsWith('Bearer ') ? auth.slice(7) : ''
    const url = new URL(req.url ?? '/', 'http://stand-in')

    if (req.method === 'GET' && url.pathname === '/__received') {
      return send(
        200,
        [...teams.values()].flatMap((t) => t.received),
      )
    }
    if (!apiKey.startsWith('re_test')) {
      return send(401, { statusCode: 401, name: 'missing_api_key', message: 'Missing API key' })
    }
    const t = team(apiKey)
    if (req.method === 'GET' && url.pathname === '/__stats') return send(200, stats(apiKey))
    if (req.method === 'POST' && url.pathname === '/__faults') {
      t.faults.push(...((JSON.parse(raw) as { faults: Fault[] }).faults ?? []))
      return send(200, { queued: t.faults.length })
    }
    const single = url.pathname === '/emails'
    if (req.method !== 'POST' || (!single && url.pathname !== '/emails/batch')) {
      return send(404, { statusCode: 404, name: 'not_found', message: 'Not found' })
    }

    type Email = { to: string | string[]; tags?: { name: string; value: string }[] }
    const parsed = JSON.parse(raw) as Email | Email[]
    const emails = Array.isArray(parsed) ? parsed : [parsed]
    t.received.push({ headers: req.headers, body: parsed })
    const key = String(req.headers['idempotency-key'] ?? '')
    const call: Call = { at: arrived, emails: emails.length, key, status: 0 }
    t.calls.push(call)

    // The rate limit: a bucket of `rate` tokens, refilled continuously.
    t.tokens = Math.min(rate, t.tokens + ((arrived - t.refilledAt) / 1000) * rate)
    t.refilledAt = arrived
    const rateHeaders = () => ({
      'ratelimit-limit': String(rate),
      'ratelimit-remaining': String(Math.max(0, Math.floor(t.tokens))),
      'ratelimit-reset': String(Math.max(1, Math.ceil((1 - Math.min(1, t.tokens)) / rate))),
    })
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      call.status = status
      send(status, body, { ...rateHeaders(), ...headers })
    }
    if (t.tokens < 1) {
      t.rateLimited++
      const wait = Math.max(1, Math.ceil((1 - t.tokens) / rate))
      return answer(
        429,
        { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' },
        { 'retry-after': String(wait) },
      )
    }
    t.tokens -= 1

    const fault = t.faults.shift()
    if (fault?.status === 429) {
      t.rateLimited++
      return answer(
        429,
        { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' },
        { 'retry-after': String(fault.retryAfter ?? 1), 'ratelimit-remaining': '0' },
      )
    }
    if (fault?.status && fault.status >= 500) {
      return answer(fault.status, { statusCode: fault.status, name: 'application_error', message: 'down' })
    }

    const hash = createHash('sha256').update(raw).digest('hex')
    const stored = key ? t.byKey.get(key) : undefined
    if (stored) {
      if (stored.hash !== hash) {
        return answer(409, {
          statusCode: 409,
          name: 'invalid_idempotent_request',
          message: 'Same idempotency key used with a different request payload',
        })
      }
      t.replays++
      return answer(stored.status, stored.body)
    }
    if (emails.length > 100) {
      return answer(422, { statusCode: 422, name: 'validation_error', message: 'At most 100 emails' })
    }
    const toOf = (e: Email) => (Array.isArray(e.to) ? e.to.join(',') : String(e.to))
    const invalid = emails.findIndex((e) => toOf(e).endsWith('@invalid.test'))
    if (invalid >= 0) {
      return answer(422, {
        statusCode: 422,
        name: 'validation_error',
        message: `Invalid \`to\` field in email ${invalid}`,
      })
    }
    if (emails.some((e) => toOf(e).endsWith('@fail-5xx.test'))) {
      return answer(500, { statusCode: 500, name: 'application_error', message: 'down' })
    }
    // Accepted: every email counts as sent from here on, whatever happens to the answer.
    const ids = emails.map(() => `re_${next++}`)
    for (const e of emails) {
      const id = e.tags?.find((tag) => tag.name === 'outbox_id')?.value ?? toOf(e)
      t.accepted.set(id, (t.accepted.get(id) ?? 0) + 1)
    }
    const body = single ? { id: ids[0] } : { data: ids.map((id) => ({ id })) }
    if (key) t.byKey.set(key, { hash, status: 200, body })
    if (fault?.drop) {
      call.status = 200
      req.socket.destroy()
      return
    }
    return answer(200, body, fault?.headers ?? {})
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
