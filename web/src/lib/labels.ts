import {
  AFTER_END,
  AUDIT_ACTIONS,
  AUDIT_AREA_CODES,
  CEFR_LEVELS,
  type CefrLevel,
  CHECK_IN_ANSWERS,
  CHECK_STATUSES,
  CONCERN_CATEGORIES,
  CONCERN_SEVERITIES,
  CONCERN_STATUSES,
  CONTACT_CHANNELS,
  CRITERIA,
  EMAIL_KIND_NAMES,
  EMAIL_STATUSES,
  END_REQUESTERS,
  EVENT_KINDS,
  EVENT_STATUSES,
  EVENT_SUPPORTS,
  EXIT_REASONS,
  GOAL_STATUSES,
  INTAKE_FIELDS,
  MATCH_END_REASONS,
  MATCH_STATUSES,
  MEETING_MODES,
  MEETING_SOURCES,
  MEETING_STATUSES,
  NEEDS,
  PAIR_FAILURES,
  PARTICIPANT_SOURCES,
  PARTICIPANT_STATUSES,
  type ParticipantRole,
  PROBLEM_CODES,
  PROGRAM_STATUSES,
  PROTECTED_FIELDS,
  REFERENCE_STATUSES,
  RESIDENCE_STATUSES,
  ROLES,
  RSVP_STATUSES,
  SUPPRESSION_REASONS,
  UNMATCHED_REASONS,
} from '@tandem/vocab'
import type { MessageKey, Translate, TranslateArgs } from '../i18n/types'

/** The catalog keys whose message takes no params: the ones a label table may name. */
export type PlainKey = { [K in MessageKey]: TranslateArgs<K> extends [] ? K : never }[MessageKey]

/** A code's name in the current language; a code it does not know (from a newer API) shows as is. */
export type Label = (t: Translate, code: string) => string

/** A label function from a table of keys: `keyed({ am: 'intake.morning', ... })`. */
export function keyed<T extends string>(keys: Record<T, PlainKey>): Label {
  const known = (value: string): value is T => Object.hasOwn(keys, value)
  return (t, value) => {
    if (!known(value)) return value
    const key: PlainKey = keys[value]
    return t(key)
  }
}

/** A label function that also knows its list of codes (the options of a select). */
export type Labels<T extends string> = Label & { readonly codes: readonly T[] }

/**
 * A label function for a list of codes whose keys are `{prefix}.{code}` (`status.applied`): the type
 * says every such key is a message without params.
 */
export function prefixed<const P extends string, const T extends string>(
  prefix: P,
  codes: readonly T[] & (`${P}.${T}` extends PlainKey ? unknown : never),
): Labels<T> {
  const keys = new Map<string, PlainKey>()
  for (const code of codes) keys.set(code, `${prefix}.${code}` as `${P}.${T}` & PlainKey)
  const label: Label = (t, value) => {
    const key = keys.get(value)
    return key ? t(key) : value
  }
  return Object.assign(label, { codes })
}

export const roleLabel = prefixed('role', ROLES)
/** Participant roles, the newcomer first (the order the pages offer them in). */
export const participantRoleLabel = prefixed('role', [
  'mentee',
  'mentor',
] as const satisfies readonly ParticipantRole[])
export const programStatusLabel = prefixed('program.status', PROGRAM_STATUSES)
export const statusLabel = prefixed('status', PARTICIPANT_STATUSES)
export const exitReasonLabel = prefixed('exit', EXIT_REASONS)
export const needLabel = prefixed('need', NEEDS)
/** How a person prefers to be reached: email, phone call, SMS, WhatsApp. */
export const contactChannelLabel = prefixed('contact.channel', CONTACT_CHANNELS)
export const intakeFieldLabel = prefixed('settings.intake', INTAKE_FIELDS)
export const protectedFieldLabel = prefixed('protected', PROTECTED_FIELDS)
export const residenceLabel = prefixed('residence', RESIDENCE_STATUSES)
export const criterionLabel = prefixed('matching', CRITERIA)
export const checkStatusLabel = prefixed('screening.check', CHECK_STATUSES)
export const referenceStatusLabel = prefixed('screening.ref', REFERENCE_STATUSES)
export const matchStatusLabel = prefixed('match.status', MATCH_STATUSES)
export const endReasonLabel = prefixed('match.end', MATCH_END_REASONS)
export const endRequesterLabel = prefixed('match.requestedBy', END_REQUESTERS)
export const afterEndLabel = prefixed('match.next', AFTER_END)
/** The reasons to end, in the words of the person asking (participant portal). */
export const portalReasonLabel = prefixed('portal.reason', MATCH_END_REASONS)
export const portalStatusLabel = prefixed('portal.status', MATCH_STATUSES)
export const unmatchedReasonLabel = prefixed('board.reason', UNMATCHED_REASONS)
/** The hard constraints one pair breaks (a manual match's 409, an override in the audit log). */
export const pairFailureLabel = prefixed('pair.failure', PAIR_FAILURES)
/** The audit log's areas (its filter). */
export const auditAreaLabel = prefixed('audit.area', AUDIT_AREA_CODES)
export const auditActionLabel = prefixed('audit.action', AUDIT_ACTIONS)
/** What became of an email (the email log). */
export const emailStatusLabel = prefixed('email.status', EMAIL_STATUSES)
/** Which email it is (a kind from a newer API shows as its code). */
export const emailKindLabel = prefixed('email.kind', EMAIL_KIND_NAMES)
/** Why an address is on the suppression list. */
export const suppressionReasonLabel = prefixed('suppression.reason', SUPPRESSION_REASONS)
/** Where a participant record came from. */
export const sourceLabel = prefixed('participant.source', PARTICIPANT_SOURCES)

/** A meeting: scheduled, took place, missed; in person, by phone, by video; where it was logged. */
export const meetingStatusLabel = prefixed('meeting.status', MEETING_STATUSES)
export const goalStatusLabel = prefixed('goal.status', GOAL_STATUSES)
export const meetingModeLabel = prefixed('meeting.mode', MEETING_MODES)
export const meetingSourceLabel = prefixed('meeting.source', MEETING_SOURCES)
/** "How did it go", 1 (badly) to 5 (very well). */
export const ratingLabel = prefixed('meeting.rating', ['1', '2', '3', '4', '5'] as const)
/** The three answers of a check-in email: we met, we did not meet, let's reschedule. */
export const checkInAnswerLabel = prefixed('checkIn.answer', CHECK_IN_ANSWERS)
export const concernCategoryLabel = prefixed('concern.category', CONCERN_CATEGORIES)
export const concernSeverityLabel = prefixed('concern.severity', CONCERN_SEVERITIES)
export const concernStatusLabel = prefixed('concern.status', CONCERN_STATUSES)

/** Group activities: what kind, which supports, whether it takes place, and where a reply stands. */
export const eventKindLabel = prefixed('event.kind', EVENT_KINDS)
export const eventSupportLabel = prefixed('event.support', EVENT_SUPPORTS)
export const eventStatusLabel = prefixed('event.status', EVENT_STATUSES)
export const rsvpStatusLabel = prefixed('event.rsvp', RSVP_STATUSES)

/** CEFR levels as they are, and "native" in words. */
/** A problem of the API in the reader's language, by its stable `code`: every code of the registry has one. */
export const problemLabel = prefixed('problem', PROBLEM_CODES)

export const levelLabel: Labels<CefrLevel> = Object.assign(
  (t: Translate, level: string) => (level === 'native' ? t('level.native') : level),
  { codes: CEFR_LEVELS },
)
