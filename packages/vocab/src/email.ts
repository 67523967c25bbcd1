/**
 * Kinds of email (the outbox row's `kind`) and whether a recipient may turn them off (decision 024).
 * - `essential`: sign-in, invitations, safeguarding — always sent, no unsubscribe.
 * - `transactional`: the one reply to something that just happened — sent once, nothing to subscribe to.
 * - `optional`: recurring email from the scheduler — has a preference, an unsubscribe link and List-Unsubscribe.
 */
export const EMAIL_KINDS = {
  'auth.sign-in': { class: 'essential', audience: 'member' },
  invitation: { class: 'essential', audience: 'member' },
  'signup.confirm': { class: 'essential', audience: 'member' },
  safeguarding_alert: { class: 'essential', audience: 'member' },
  'intake.confirmation': { class: 'transactional', audience: 'participant' },
  'match.introduction': { class: 'transactional', audience: 'participant' },
  'screening.renewal': { class: 'optional', audience: 'participant' },
  'summary.weekly': { class: 'optional', audience: 'member' },
  'check-in': { class: 'optional', audience: 'participant' },
  'goal-revisit': { class: 'optional', audience: 'participant' },
  nudge: { class: 'optional', audience: 'participant' },
  'fading-alert': { class: 'optional', audience: 'member' },
  'event-invitation': { class: 'optional', audience: 'participant' },
  'event-reminder': { class: 'optional', audience: 'participant' },
  'event-seat': { class: 'transactional', audience: 'participant' },
  'survey-invitation': { class: 'optional', audience: 'participant' },
  'survey-reminder': { class: 'optional', audience: 'participant' },
  /** To a partner organization's contacts, weekly or monthly (decision 037). */
  'partner-digest': { class: 'optional', audience: 'partner' },
  /** A coordinator's own preview of a partner's digest: asked for, sent once. */
  'partner-digest.preview': { class: 'transactional', audience: 'member' },
} as const satisfies Record<
  string,
  { class: 'essential' | 'transactional' | 'optional'; audience: 'member' | 'participant' | 'partner' }
>

export type EmailKind = keyof typeof EMAIL_KINDS

/** Kinds a recipient can turn off, in the order a preferences page lists them. */
export const OPTIONAL_EMAIL_KINDS = (Object.keys(EMAIL_KINDS) as EmailKind[]).filter(
  (k) => EMAIL_KINDS[k].class === 'optional',
)

/** Kinds a member sees on their preferences page: the optional ones first, then the essential ones (locked). */
export const MEMBER_EMAIL_KINDS = (Object.keys(EMAIL_KINDS) as EmailKind[])
  .filter((k) => EMAIL_KINDS[k].audience === 'member' && EMAIL_KINDS[k].class !== 'transactional')
  .sort((a, b) => Number(EMAIL_KINDS[a].class === 'essential') - Number(EMAIL_KINDS[b].class === 'essential'))

export const isOptionalEmail = (kind: string): kind is EmailKind =>
  kind in EMAIL_KINDS && EMAIL_KINDS[kind as EmailKind].class === 'optional'

/** Templates an admin can preview (`GET …/email-templates/{name}/preview`). */
export const EMAIL_TEMPLATES = [
  'sign-in',
  'invitation',
  'owner-confirmation',
  'safeguarding-alert',
  'intake-confirmation',
  'introduction',
  'check-renewal',
  'weekly-summary',
  'check-in',
  'goal-revisit',
  'nudge',
  'fading-alert',
  'event-invitation',
  'event-reminder',
  'event-seat',
  'survey-invitation',
  'survey-reminder',
  'partner-digest',
] as const
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number]
