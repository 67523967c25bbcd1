import type { AuditAction } from '@tandem/vocab'
import type { Translate } from '../../i18n/types'
import { endReasonLabel, pairFailureLabel, protectedFieldLabel, roleLabel } from '../../lib/labels'
import { isolate, listText } from '../../lib/text'
import type { AuditEntry } from './audit'

/** What an entry says: one sentence, and sometimes a second line (a reason given, a purpose stated). */
export interface AuditText {
  text: string
  detail: string | null
}

type Describe = (w: Words) => string | [text: string, detail: string | null]

/** The entry's names (isolated, so an Arabic name keeps the sentence in order) and its meta, read safely. */
interface Words {
  t: Translate
  locale: string
  actor: string
  participant: string
  mentee: string
  mentor: string
  program: string
  member: string
  user: string
  email: string
  meta: (key: string) => string
  number: (key: string) => number
}

const quoted = (w: Words, key: string) => w.t('audit.quoted', { text: isolate(w.meta(key)) })
const fieldList = (w: Words, fields: string) =>
  listText(
    w.locale,
    fields
      .split(',')
      .filter(Boolean)
      .map((f) => protectedFieldLabel(w.t, f)),
  )

/** Every action the API records (AUDIT_ACTIONS in @tandem/vocab), as a sentence in the reader's language. */
const ACTIONS: Record<AuditAction, Describe> = {
  'org.created': (w) => w.t('audit.orgCreated', { actor: w.actor }),
  'org.updated': (w) => w.t('audit.orgUpdated', { actor: w.actor }),
  'org.retention_changed': (w) => w.t('audit.retentionChanged', { actor: w.actor }),
  'org.archived': (w) => [
    w.t('audit.orgArchived', { actor: w.actor }),
    w.meta('purpose') ? w.t('audit.purpose', { purpose: quoted(w, 'purpose') }) : null,
  ],
  'org.deletion_requested': (w) => w.t('audit.deletionRequested', { actor: w.actor }),
  'org.deleted': (w) => w.t('audit.orgDeleted'),
  'audit.exported': (w) => [
    w.t('audit.logExported', { actor: w.actor }),
    w.meta('purpose') ? w.t('audit.purpose', { purpose: quoted(w, 'purpose') }) : null,
  ],
  'participant.data_exported': (w) => [
    w.t('audit.dataExported', { actor: w.actor, participant: w.participant }),
    w.meta('purpose') ? w.t('audit.purpose', { purpose: quoted(w, 'purpose') }) : null,
  ],
  // The person's name is gone: the entry says only that someone was erased.
  'participant.erased': (w) =>
    w.meta('reason') === 'retention'
      ? w.t('audit.erasedByRetention')
      : w.t('audit.erased', { actor: w.actor }),
  'email.suppression_lifted': (w) =>
    w.t('audit.suppressionLifted', { actor: w.actor, email: isolate(w.meta('address')) }),
  'program.created': (w) => w.t('audit.programCreated', { actor: w.actor, program: w.program }),
  'program.updated': (w) => w.t('audit.programUpdated', { actor: w.actor, program: w.program }),
  'auth.sign_in': (w) => w.t('audit.signIn', { actor: w.actor }),
  'auth.sign_out': (w) => w.t('audit.signOut', { actor: w.actor }),
  'auth.verify_failed': (w) => w.t('audit.verifyFailed', { user: w.user }),
  'mentor.approved': (w) => w.t('audit.mentorApproved', { actor: w.actor, participant: w.participant }),
  'participant.applied': (w) => w.t('audit.applied', { participant: w.participant, program: w.program }),
  'participant.protected_read': (w) => [
    w.t('audit.protectedRead', {
      actor: w.actor,
      participant: w.participant,
      fields: fieldList(w, w.meta('fields')),
    }),
    w.meta('purpose') ? w.t('audit.purpose', { purpose: quoted(w, 'purpose') }) : null,
  ],
  'participant.protected_written': (w) =>
    w.t('audit.protectedWritten', {
      actor: w.actor,
      participant: w.participant,
      fields: fieldList(w, w.meta('fields')),
    }),
  'participant.notes_read': (w) => w.t('audit.notesRead', { actor: w.actor, participant: w.participant }),
  'participant.note_added': (w) => w.t('audit.noteAdded', { actor: w.actor, participant: w.participant }),
  'participant.note_deleted': (w) => w.t('audit.noteDeleted', { actor: w.actor, participant: w.participant }),
  'participant.portal_linked': (w) =>
    w.t('audit.portalLinked', { actor: w.actor, participant: w.participant }),
  'participant.portal_unlinked': (w) =>
    w.t('audit.portalUnlinked', {
      actor: w.actor,
      participant: w.meta('participants') ? w.user : w.participant,
    }),
  'participants.import_previewed': (w) =>
    w.t('audit.importPreviewed', {
      actor: w.actor,
      program: w.program,
      valid: w.number('validRows'),
      total: w.number('totalRows'),
    }),
  'participants.import_cancelled': (w) => w.t('audit.importCancelled', { actor: w.actor }),
  'participants.import_failed': (w) => w.t('audit.importFailed', { actor: w.actor }),
  'participants.imported': (w) =>
    w.t('audit.imported', { actor: w.actor, program: w.program, count: w.number('created') }),
  'participants.exported': (w) =>
    w.t('audit.exported', { actor: w.actor, program: w.program, count: w.number('count') }),
  'match_run.started': (w) => w.t('audit.runStarted', { actor: w.actor, program: w.program }),
  'match.accepted': (w) => w.t('audit.matchAccepted', pair(w)),
  'match.proposal_rejected': (w) => [
    w.t('audit.proposalRejected', pair(w)),
    w.meta('reason') ? w.t('audit.reason', { reason: quoted(w, 'reason') }) : null,
  ],
  'match.created': (w) => {
    const overridden = w.meta('overridden').split(',').filter(Boolean)
    if (overridden.length === 0) return w.t('audit.matchCreated', pair(w))
    return [
      w.t('audit.matchOverridden', {
        ...pair(w),
        constraints: listText(
          w.locale,
          overridden.map((code) => pairFailureLabel(w.t, code)),
        ),
      }),
      w.meta('overrideReason') ? w.t('audit.reason', { reason: quoted(w, 'overrideReason') }) : null,
    ]
  },
  'match.paused': (w) => w.t('audit.matchPaused', pair(w)),
  'match.resumed': (w) => w.t('audit.matchResumed', pair(w)),
  'match.ended': (w) =>
    w.t('audit.matchEnded', { ...pair(w), reason: endReasonLabel(w.t, w.meta('reason')) }),
  'match.end_requested': (w) =>
    w.t('audit.endRequested', { ...pair(w), reason: endReasonLabel(w.t, w.meta('reason')) }),
  'match.end_request_withdrawn': (w) => w.t('audit.endRequestWithdrawn', pair(w)),
  'match.end_note_read': (w) => w.t('audit.endNoteRead', pair(w)),
  'meeting.logged': (w) => w.t('audit.meetingLogged', pair(w)),
  'meeting.edited': (w) => w.t('audit.meetingEdited', pair(w)),
  'meeting.deleted': (w) => w.t('audit.meetingDeleted', pair(w)),
  'meeting.notes_read': (w) => w.t('audit.meetingNotesRead', pair(w)),
  'check_in.answered': (w) =>
    w.t(
      w.meta('answer') === 'met'
        ? 'audit.checkInMet'
        : w.meta('answer') === 'not-met'
          ? 'audit.checkInNotMet'
          : 'audit.checkInReschedule',
      pair(w),
    ),
  'goal.created': (w) => w.t('audit.goalCreated', pair(w)),
  'goal.revisited': (w) => w.t('audit.goalRevisited', pair(w)),
  'goal.deleted': (w) => w.t('audit.goalDeleted', pair(w)),
  'concern.raised': (w) => w.t('audit.concernRaised', pair(w)),
  'concern.list_read': (w) => w.t('audit.concernListRead', { actor: w.actor }),
  'concern.read': (w) => w.t('audit.concernRead', pair(w)),
  'concern.action_recorded': (w) => w.t('audit.concernAction', pair(w)),
  'event.created': (w) => w.t('audit.eventCreated', { actor: w.actor }),
  'event.updated': (w) => w.t('audit.eventUpdated', { actor: w.actor }),
  'event.cancelled': (w) => w.t('audit.eventCancelled', { actor: w.actor }),
  'event.invitations_sent': (w) => w.t('audit.eventInvited', { actor: w.actor, count: w.number('invited') }),
  'event.replied': (w) =>
    w.meta('answer') === 'declined'
      ? w.t('audit.eventDeclined')
      : w.t('audit.eventReplied', { count: 1 + w.number('guests') }),
  'event.attendance_recorded': (w) =>
    w.t('audit.eventAttendance', { actor: w.actor, count: w.number('attended') }),
  'match.planned_end_changed': (w) =>
    w.meta('to')
      ? w.t('audit.plannedEndSet', { ...pair(w), date: isolate(w.meta('to')) })
      : w.t('audit.plannedEndCleared', pair(w)),
  'calendar_feed.created': (w) =>
    w.meta('feed') === 'program'
      ? w.t('audit.programFeedCreated', { actor: w.actor, program: w.program })
      : w.t('audit.ownFeedCreated', { actor: w.actor }),
  'calendar_feed.revoked': (w) =>
    w.meta('feed') === 'program'
      ? w.t('audit.programFeedRevoked', { actor: w.actor, program: w.program })
      : w.t('audit.ownFeedRevoked', { actor: w.actor }),
  'indicators.exported': (w) => w.t('audit.indicatorsExported', { actor: w.actor }),
  'reports.settings_updated': (w) => w.t('audit.reportSettingsUpdated', { actor: w.actor }),
  'neighborhood_indicators.imported': (w) =>
    w.t('audit.neighborhoodImported', { actor: w.actor, count: w.number('rows') }),
  'survey.created': (w) => w.t('audit.surveyCreated', { actor: w.actor }),
  'survey.updated': (w) => w.t('audit.surveyUpdated', { actor: w.actor }),
  'partner.created': (w) => w.t('audit.partnerCreated', { actor: w.actor, partner: quoted(w, 'name') }),
  'partner.updated': (w) => w.t('audit.partnerUpdated', { actor: w.actor, partner: quoted(w, 'name') }),
  'partner.deleted': (w) => w.t('audit.partnerDeleted', { actor: w.actor, partner: quoted(w, 'name') }),
  'partner.digest_previewed': (w) =>
    w.t('audit.partnerPreviewed', { actor: w.actor, partner: quoted(w, 'name') }),
  'member.role_changed': (w) =>
    w.t('audit.roleChanged', {
      actor: w.actor,
      member: w.member,
      from: roleLabel(w.t, w.meta('from')),
      to: roleLabel(w.t, w.meta('to')),
    }),
  'member.removed': (w) =>
    w.t('audit.memberRemoved', { actor: w.actor, member: w.member, role: roleLabel(w.t, w.meta('role')) }),
  'invitation.created': (w) =>
    w.t('audit.invited', { actor: w.actor, email: w.email, role: roleLabel(w.t, w.meta('role')) }),
  'invitation.resent': (w) => w.t('audit.invitationResent', { actor: w.actor, email: w.email }),
  'invitation.revoked': (w) => w.t('audit.invitationRevoked', { actor: w.actor, email: w.email }),
  'invitation.accepted': (w) =>
    w.t('audit.invitationAccepted', { actor: w.actor, role: roleLabel(w.t, w.meta('role')) }),
  'invitation.voided': (w) => w.t('audit.invitationVoided', { email: w.email }),
}

const pair = (w: Words) => ({ actor: w.actor, mentee: w.mentee, mentor: w.mentor })

/** One audit entry in the reader's language; an action this client does not know yet names its code. */
export function describeAudit(t: Translate, locale: string, entry: AuditEntry): AuditText {
  const someone = t('audit.someone')
  const name = (value: string | undefined, fallback = someone) => (value ? isolate(value) : fallback)
  const meta = entry.meta ?? {}
  const words: Words = {
    t,
    locale,
    actor: name(entry.actor?.name),
    participant: name(entry.names.participant),
    mentee: name(entry.names.mentee),
    mentor: name(entry.names.mentor),
    program: name(entry.names.program, t('audit.aProgram')),
    member: name(entry.names.member),
    user: name(entry.names.user),
    email: name(entry.names.email),
    meta: (key) => {
      const value = meta[key]
      return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
    },
    number: (key) => (typeof meta[key] === 'number' ? (meta[key] as number) : 0),
  }
  const describe = Object.hasOwn(ACTIONS, entry.action) ? ACTIONS[entry.action as AuditAction] : undefined
  if (!describe) return { text: t('audit.other', { actor: words.actor, action: entry.action }), detail: null }
  const said = describe(words)
  return typeof said === 'string' ? { text: said, detail: null } : { text: said[0], detail: said[1] }
}
