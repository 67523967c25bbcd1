import { EMAIL_KINDS, type EmailKind } from './email'

/**
 * What happens to an email after it is written to the outbox, as the email log shows it:
 * `pending → queued → sent → delivered | bounced | complained | failed | dead`.
 */
export const EMAIL_STATUSES = [
  'pending',
  'queued',
  'sent',
  'delivered',
  'bounced',
  'complained',
  'failed',
  'dead',
] as const
export type EmailStatus = (typeof EMAIL_STATUSES)[number]

/** The statuses the organization home counts as failures (in the last 30 days). */
export const EMAIL_FAILURE_STATUSES = [
  'failed',
  'dead',
  'bounced',
  'complained',
] as const satisfies readonly EmailStatus[]

/** The kinds of email Tandem sends (`outbox.kind`, decision 024); the email log names each in the reader's language. */
export const EMAIL_KIND_NAMES = Object.keys(EMAIL_KINDS) as EmailKind[]

/**
 * The essential kinds: they go out even to an address on the organization's suppression list (signing in,
 * an invitation's sign-in, safeguarding). Every other kind is held back for a suppressed address.
 */
export const SUPPRESSION_EXEMPT_KINDS = EMAIL_KIND_NAMES.filter((k) => EMAIL_KINDS[k].class === 'essential')

/** Why an address is on the suppression list: a permanent bounce or a spam complaint. */
export const SUPPRESSION_REASONS = ['bounce', 'complaint'] as const
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number]

/** The reason an email held back for a suppressed address carries. */
export const SUPPRESSED_REASON = 'suppressed'
