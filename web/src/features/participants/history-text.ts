import type { Translate } from '../../i18n/types'
import { endReasonLabel, exitReasonLabel, sourceLabel, statusLabel } from '../../lib/labels'
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
      return t('history.screening', { fields: screeningFields(t, locale, text(d.fields)) })
    case 'consent':
      return t('history.consent', {
        version: text(d.version) || '–',
        language: d.locale ? languageLabel(locale, text(d.locale)) : '–',
      })
    case 'applied_again':
      return d.sameName === false ? t('history.appliedAgainOtherName') : t('history.appliedAgain')
    case 'profile.updated':
      return t('history.profile', { fields: profileFields(t, locale, text(d.fields)) })
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

/** "displayName,interests" → "Name, Interests" */
function profileFields(t: Translate, locale: string, fields: string): string {
  const names: Record<string, string> = {
    displayName: t('enroll.name'),
    email: t('members.email'),
    phone: t('enroll.phone'),
    preferredLocale: t('enroll.preferredLocale'),
    languages: t('participant.languages'),
    wantsInterpretation: t('participant.interpretation'),
    interests: t('participant.interests'),
    sector: t('participant.sector'),
    availability: t('participant.availability'),
    neighborhood: t('participants.neighborhood'),
    location: t('history.field.location'),
    settlementNeeds: t('history.field.settlementNeeds'),
    accessNeeds: t('history.field.accessNeeds'),
    capacity: t('enroll.capacity'),
    demographics: t('history.field.demographics'),
  }
  const list = fields.split(',').filter(Boolean)
  return list.length === 0
    ? '–'
    : listText(
        locale,
        list.map((f) => names[f] ?? f),
      )
}

/** "references,checkStatus" → "References, Background check" */
function screeningFields(t: Translate, locale: string, fields: string): string {
  const names: Record<string, string> = {
    references: t('screening.references'),
    checkStatus: t('screening.check'),
    checkProviderRef: t('screening.checkProvider'),
    checkedOn: t('screening.checkedOn'),
    checkExpiresOn: t('screening.checkExpiresOn'),
    trainingCompleted: t('screening.training'),
    safetyAcknowledged: t('screening.safety'),
    approved: t('screening.approval'),
  }
  return listText(
    locale,
    fields
      .split(',')
      .filter(Boolean)
      .map((f) => names[f] ?? f),
  )
}
