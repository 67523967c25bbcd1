import { Resend } from 'resend'
import { type Mailer, SendError } from './mailer'

export interface ResendMailerOptions {
  apiKey: string
  /** Resend's API base URL; tests point it at a stand-in HTTP server. */
  baseUrl: string
  from: string
}

/**
 * Sends through Resend's official SDK. The outbox row id is the idempotency key, so a message
 * delivered twice by the queue (at-least-once) is sent once.
 */
export function resendMailer(options: ResendMailerOptions): Mailer {
  const client = new Resend(options.apiKey, { baseUrl: options.baseUrl })
  return {
    name: 'resend',
    async send(email) {
      const { data, error } = await client.emails.send(
        {
          from: options.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          ...(email.headers ? { headers: email.headers } : {}),
        },
        { idempotencyKey: `outbox-${email.id}` },
      )
      if (error || !data) {
        const status = error && 'statusCode' in error ? Number(error.statusCode) : undefined
        // 4xx other than rate limiting will not succeed on retry.
        const retryable = status === undefined || Number.isNaN(status) || status === 429 || status >= 500
        throw new SendError(
          `Resend refused the email: ${error?.name ?? 'unknown'} ${error?.message ?? ''}`.trim(),
          retryable,
        )
      }
      return { providerId: data.id }
    },
  }
}
