export { extractLinks } from './links'
export { type BatchOutcome, MAX_BATCH, type Mailer, type OutgoingEmail, type RateHeaders } from './mailer'
export { type ResendMailerOptions, readRateHeaders, resendMailer } from './resend'
export { invitationEmail, ownerConfirmationEmail, signInEmail } from './templates/account'
export { checkInEmail } from './templates/check-in'
export { concernAlertEmail, safeguardingAlertEmail } from './templates/coordinators'
export { eventInvitationEmail, eventReminderEmail, eventSeatEmail } from './templates/events'
export { fadingAlertEmail, nudgeEmail } from './templates/fading'
export { goalRevisitEmail } from './templates/goal-revisit'
export {
  type EmailLocale,
  emailLocale,
  emailLocales,
  type RenderedEmail,
  unsubscribeFooter,
} from './templates/layout'
export { checkRenewalEmail, intakeConfirmationEmail, introductionEmail } from './templates/participants'
export {
  type DigestFigure,
  type DigestTrend,
  type DigestValue,
  monthName,
  type PartnerDigestParams,
  partnerDigestEmail,
  partnerDigestWords,
} from './templates/partner-digest'
export { hasNews, type WeeklyCounts, weeklySummaryEmail } from './templates/summary'
export { surveyInvitationEmail, surveyReminderEmail } from './templates/surveys'
