/** One email, ready to send. `id` is the outbox row id and becomes the idempotency key. */
export interface OutgoingEmail {
  id: string
  to: string
  subject: string
  text: string
  html: string
  /** Extra headers, passed to the provider as they are (List-Unsubscribe on optional email). */
  headers?: Record<string, string>
}

export interface SendResult {
  /** The provider's id for the message (Resend's email id, or the dev mailbox row id). */
  providerId: string
}

/** Sends one email. Implementations must be idempotent per `email.id`. */
export interface Mailer {
  readonly name: string
  send(email: OutgoingEmail): Promise<SendResult>
}

/** A send that failed. `retryable` is false when sending again cannot help (e.g. invalid address). */
export class SendError extends Error {
  readonly retryable: boolean
  constructor(message: string, retryable: boolean) {
    super(message)
    this.name = 'SendError'
    this.retryable = retryable
  }
}
