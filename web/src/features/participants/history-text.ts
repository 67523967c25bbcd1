import type { Translate } from '../../i18n/types'
import {
  endReasonLabel,
  exitReasonLabel,
  keyed,
  type Label,
  sourceLabel,
  statusLabel,
} from '../../lib/labels'
import { languageLabel, listText } from '../../lib/text'
import type { HistoryEvent } from './participant'

/**
 * One history event as a sentence in the coordinator's language: every kind of PARTICIPANT_EVENT_KINDS has one
 * (a kind from a newer API shows as is).
 */
export function describeEvent(t: Translate, locale: string, event: HistoryEvent): string {
  const d = event.detail ?? {}
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  switch (event.kind) {
    case 'enrolled':
      return t('history.enrolled', { source: sourceLabel(t, text(d.source)) })
    case 'status': {
      const base = t('history.status', { from: statusLabel(t, text(d.from)), to: statusLabel(t, text(d.to)) })
      return d.reason ? `${base} (${exitReasonLabel(t, text(d.reason))})` : base
    }
    case 'screening.updated':
      return t('history.screening', { fields: fieldList(t, locale, text(d.fields), screeningFieldLabel) })
    case 'consent':
      return t('history.consent', {
        version: text(d.version) || '–',
        language: d.locale ? languageLabel(locale, text(d.locale)) : '–',
      })
    case 'applied_again':
      return d.sameName === false ? t('history.appliedAgainOtherName') : t('history.appliedAgain')
    case 'profile.updated':
      return t('history.profile', {
        fields: fieldList(t, locale, text(d.fields), profileFieldLabel) || '–',
      })
    case 'portal.linked':
      return t('history.portalLinked')
    case 'portal.unlinked':
      return t('history.portalUnlinked')
    case 'match.end_requested':
      return t('history.endRequested', { reason: endReasonLabel(t, text(d.reason)) })
    case 'match.end_request_withdrawn':
      return t('history.endRequestWithdrawn')
    case 'match.started':
      return t('history.matchStarted')
    case 'match.paused':
      return t('history.matchPaused')
    case 'match.resumed':
      return t('history.matchResumed')
    case 'match.ended': {
      const reason = endReasonLabel(t, text(d.reason))
      if (d.requestedBy === 'coordinator') return t('history.matchEndedCoordinator', { reason })
      if (d.requestedBy === 'mentee' || d.requestedBy === 'mentor')
        return t('history.matchEndedOwn', { reason })
      return t('history.matchEnded', { reason })
    }
    default:
      return event.kind
  }
}

/** The fields a profile change names, in words. */
const profileFieldLabel = keyed({
  displayName: 'enroll.name',
  email: 'members.email',
  phone: 'enroll.phone',
  preferredLocale: 'enroll.preferredLocale',
  languages: 'participant.languages',
  wantsInterpretation: 'participant.interpretation',
  interests: 'participant.interests',
  sector: 'participant.sector',
  availability: 'participant.availability',
  neighborhood: 'participants.neighborhood',
  location: 'history.field.location',
  settlementNeeds: 'history.field.settlementNeeds',
  accessNeeds: 'history.field.accessNeeds',
  capacity: 'enroll.capacity',
  demographics: 'history.field.demographics',
})

/** The parts of the screening a change names, in words. */
const screeningFieldLabel = keyed({
  references: 'screening.references',
  checkStatus: 'screening.check',
  checkProviderRef: 'screening.checkProvider',
  checkedOn: 'screening.checkedOn',
  checkExpiresOn: 'screening.checkExpiresOn',
  trainingCompleted: 'screening.training',
  safetyAcknowledged: 'screening.safety',
  approved: 'screening.approval',
})

/** "displayName,interests" → "Name, Interests" (a field without a name shows as is). */
function fieldList(t: Translate, locale: string, fields: string, label: Label): string {
  const list = fields.split(',').filter(Boolean)
  return listText(
    locale,
    list.map((field) => label(t, field)),
  )
}
