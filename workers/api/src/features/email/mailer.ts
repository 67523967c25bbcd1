import type { Database } from '@tandem/db'
import { type Mailer, resendMailer } from '@tandem/email'
import type { Config } from '../../env'
import { devMailboxMailer } from './outbox.service'

/** Resend when an API key is configured; otherwise the local dev mailbox. */
export function mailerFor(config: Config, db: Database): Mailer {
  if (config.RESEND_API_KEY) {
    return resendMailer({
      apiKey: config.RESEND_API_KEY,
      baseUrl: config.RESEND_BASE_URL,
      from: config.EMAIL_FROM,
    })
  }
  return devMailboxMailer(db)
}
