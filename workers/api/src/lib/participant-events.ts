import { type Database, newId, participantEvents } from '@tandem/db'
import type { ParticipantEventKind } from '@tandem/vocab'

/** One entry of a participant's history (status changes, matches, portal access), for a batch. */
export function participantEvent(
  db: Database,
  tenantId: string,
  participantId: string,
  kind: ParticipantEventKind,
  detail: Record<string, string | number | boolean | null>,
  actorUserId: string,
  now: Date,
) {
  return db
    .insert(participantEvents)
    .values({ id: newId(), tenantId, participantId, kind, detail, actorUserId, createdAt: now })
}

/** How a person is greeted and shown to their partner: the first word of their display name. */
export const firstName = (displayName: string) => displayName.trim().split(/\s+/)[0] ?? displayName
