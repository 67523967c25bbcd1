import { type ExitReason, NEXT_STATUSES, type ParticipantStatus } from '@tandem/vocab'
import { ok } from '../../lib/client'
import { participantRoute } from './participant'

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
export const sendStatus = (
  param: { org: string; program: string; participant: string },
  status: ParticipantStatus,
  exitReason: ExitReason | '',
) =>
  ok(
    participantRoute.$patch({
      param,
      json: { status, ...(status === 'exited' && exitReason ? { exitReason } : {}) },
    }),
  )
