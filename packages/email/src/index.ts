export { extractLinks } from './links'
export { type Mailer, type OutgoingEmail, SendError, type SendResult } from './mailer'
export { type ResendMailerOptions, resendMailer } from './resend'
export {
  checkRenewalEmail,
  type EmailLocale,
  emailLocale,
  emailLocales,
  intakeConfirmationEmail,
  introductionEmail,
  invitationEmail,
  type RenderedEmail,
  safeguardingAlertEmail,
  signInEmail,
} from './templates'
