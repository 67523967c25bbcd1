import { apiSend } from '../../lib/api'
import { NEXT_STATUSES, type ParticipantStatus } from '../../lib/vocabulary'

/**
 * The statuses a participant can move to next. A mentor becomes ready (or matched) only once screening
 * is complete (`blocked` until then); the API refuses otherwise.
 */
export function nextStatuses(participant: {
  role: string
  status: ParticipantStatus
  screening: { matchable: boolean } | null
}): { options: readonly ParticipantStatus[]; blocked: boolean } {
  const blocked = participant.role === 'mentor' && !participant.screening?.matchable
  const options = NEXT_STATUSES[participant.status].filter(
    (s) => !(blocked && (s === 'ready' || s === 'matched')),
  )
  return { options, blocked }
}

/** `PATCH` the participant's status; leaving (`exited`) carries its reason. */
export const apiSendStatus = (url: string, status: ParticipantStatus, exitReason: string) =>
  apiSend('PATCH', url, { status, ...(status === 'exited' ? { exitReason } : {}) })
