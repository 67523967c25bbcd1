import { Resend } from 'resend'
import type { BatchOutcome, Mailer, RateHeaders } from './mailer'

export interface ResendMailerOptions {
  apiKey: string
  /** Resend's API base URL; tests and the benchmark point it at a stand-in HTTP server. */
  baseUrl: string
  from: string
}

const numberOf = (value: string | undefined) => {
  if (value === undefined || value.trim() === '') return undefined
  const n = Number(value)
  return Number.isFinite(n) && n >= 0 ? n : undefined
}

/** `retry-after` in seconds, or as an HTTP date. */
function retryAfterSeconds(value: string | undefined, now: number): number | undefined {
  const seconds = numberOf(value)
  if (seconds !== undefined || !value) return seconds
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000)
}

/** The rate-limit headers of an answer (Resend sends `ratelimit-limit`, `-remaining`, `-reset`, `retry-after`). */
export function readRateHeaders(headers: Record<string, string> | null, now = Date.now()): RateHeaders {
  if (!headers) return {}
  const get = (name: string) => headers[name] ?? headers[name.toLowerCase()]
  const rate: RateHeaders = {}
  const limit = numberOf(get('ratelimit-limit'))
  const remaining = numberOf(get('ratelimit-remaining'))
  const reset = numberOf(get('ratelimit-reset'))
  const retry = retryAfterSeconds(get('retry-after'), now)
  if (limit !== undefined) rate.limit = limit
  if (remaining !== undefined) rate.remaining = remaining
  if (reset !== undefined) rate.resetSeconds = reset
  if (retry !== undefined) rate.retryAfterSeconds = retry
  return rate
}

/**
 * Sends through Resend's official SDK, batch endpoint (`POST /emails/batch`, strict validation: one invalid
 * email refuses the whole call). Each email carries the tag `outbox_id`, so delivery events name the row.
 */
export function resendMailer(options: ResendMailerOptions): Mailer {
  const client = new Resend(options.apiKey, { baseUrl: options.baseUrl })
  return {
    name: 'resend',
    rateLimited: true,
    async sendBatch(emails, { idempotencyKey }): Promise<BatchOutcome> {
      const { data, error, headers } = await client.batch.send(
        emails.map((email) => ({
          from: options.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          tags: [{ name: 'outbox_id', value: email.id }],
          ...(email.headers ? { headers: email.headers } : {}),
        })),
        { idempotencyKey },
      )
      const rate = readRateHeaders(headers)
      if (!error && data && Array.isArray(data.data) && data.data.length === emails.length) {
        return { kind: 'sent', ids: data.data.map((d) => d.id), rate }
      }
      const status = error && typeof error.statusCode === 'number' ? error.statusCode : null
      const message = error
        ? `${error.name ?? 'error'}: ${error.message ?? ''}`.trim()
        : 'unexpected answer: the ids do not match the emails sent'
      const name = error?.name as string | undefined
      if (status === 429 || name === 'rate_limit_exceeded') return { kind: 'rate-limited', message, rate }
      if (status === 400 || status === 422 || name === 'validation_error')
        return { kind: 'refused', status: status ?? 422, message, rate }
      return { kind: 'unavailable', status, message, rate }
    },
  }
}
