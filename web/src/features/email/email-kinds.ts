import type { EmailKind } from '@tandem/vocab'
import type { MessageKey } from '../../i18n/types'

/** The words for each kind of email a person can see on the preferences and unsubscribe pages. */
const KIND_KEYS: Partial<Record<EmailKind, MessageKey>> = {
  'summary.weekly': 'emailKind.summary.weekly',
  'screening.renewal': 'emailKind.screening.renewal',
  'check-in': 'emailKind.check-in',
  'goal-revisit': 'emailKind.goal-revisit',
  'event-invitation': 'emailKind.event-invitation',
  'event-reminder': 'emailKind.event-reminder',
  'survey-invitation': 'emailKind.survey-invitation',
  'survey-reminder': 'emailKind.survey-reminder',
  'auth.sign-in': 'emailKind.auth.sign-in',
  invitation: 'emailKind.invitation',
  'signup.confirm': 'emailKind.signup.confirm',
  safeguarding_alert: 'emailKind.safeguarding_alert',
}

export const emailKindKey = (kind: EmailKind): MessageKey | undefined => KIND_KEYS[kind]
