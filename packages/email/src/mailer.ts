/** One email, ready to send. `id` is the outbox row id (sent to the provider as the tag `outbox_id`). */
export interface OutgoingEmail {
  id: string
  to: string
  subject: string
  text: string
  html: string
  /** Extra headers, passed to the provider as they are (List-Unsubscribe on optional email). */
  headers?: Record<string, string>
}

/** The provider's rate-limit headers (`ratelimit-*`, `retry-after`), read from any answer that had them. */
export interface RateHeaders {
  limit?: number
  remaining?: number
  /** Seconds until the window resets. */
  resetSeconds?: number
  /** Seconds to wait before the next call (with a 429). */
  retryAfterSeconds?: number
}

/**
 * What became of one batch call. `sent`: the provider accepted every email, `ids` in the order sent.
 * `rate-limited`: 429, nothing sent. `refused`: the provider refused the call as a whole (400/422; split it).
 * `unavailable`: 5xx, network, authentication or conflict — try the same batch again later.
 */
export type BatchOutcome = { rate: RateHeaders } & (
  | { kind: 'sent'; ids: string[] }
  | { kind: 'rate-limited'; message: string }
  | { kind: 'refused'; status: number; message: string }
  | { kind: 'unavailable'; status: number | null; message: string }
)

/**
 * Sends batches of at most 100 emails. The same `idempotencyKey` with the same emails must never send them
 * twice (the provider replays its first answer). `rateLimited`: calls go through the shared send rate.
 */
export interface Mailer {
  readonly name: string
  readonly rateLimited: boolean
  sendBatch(emails: OutgoingEmail[], options: { idempotencyKey: string }): Promise<BatchOutcome>
}

/** The most emails one provider call takes (Resend's batch endpoint). */
export const MAX_BATCH = 100
