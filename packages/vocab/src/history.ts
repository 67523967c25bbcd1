/**
 * What a participant's history and an organization's audit log record, as stable kinds. The Worker writes only
 * these (the database columns are typed with them); the web client has a sentence for each in every language.
 * Add a kind here and a sentence in every web catalog (`history.kind.*`, `audit.action.*`).
 */

/** Entries of a participant's history (`participant_events.kind`). */
export const PARTICIPANT_EVENT_KINDS = [
  'enrolled',
  'consent',
  'applied_again',
  'status',
  'profile.updated',
  'screening.updated',
  'portal.linked',
  'portal.unlinked',
  'match.started',
  'match.paused',
  'match.resumed',
  'match.ended',
  'match.end_requested',
  'match.end_request_withdrawn',
] as const
export type ParticipantEventKind = (typeof PARTICIPANT_EVENT_KINDS)[number]

/** Entries of the audit log (`audit_log.action`). */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_out',
  'auth.verify_failed',
  'org.created',
  'org.updated',
  'email.suppression_lifted',
  'member.role_changed',
  'member.removed',
  'invitation.created',
  'invitation.resent',
  'invitation.revoked',
  'invitation.accepted',
  'invitation.voided',
  'program.created',
  'program.updated',
  'participant.applied',
  'participant.protected_read',
  'participant.protected_written',
  'participant.notes_read',
  'participant.note_added',
  'participant.note_deleted',
  'participant.portal_linked',
  'participant.portal_unlinked',
  'participants.import_previewed',
  'participants.import_cancelled',
  'participants.import_failed',
  'participants.imported',
  'participants.exported',
  'mentor.approved',
  'match_run.started',
  'match.proposal_rejected',
  'match.accepted',
  'match.created',
  'match.paused',
  'match.resumed',
  'match.ended',
  'match.end_note_read',
  'match.end_requested',
  'match.end_request_withdrawn',
  'match.planned_end_changed',
  'meeting.logged',
  'meeting.deleted',
  'meeting.notes_read',
  'check_in.answered',
  'goal.created',
  'goal.revisited',
  'goal.deleted',
  'calendar_feed.created',
  'calendar_feed.revoked',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
