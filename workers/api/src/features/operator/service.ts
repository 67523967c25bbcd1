import {
  concernActions,
  concerns,
  type Database,
  matches,
  meetings,
  participantNotes,
  participants,
} from '@tandem/db'
import { and, eq, isNotNull, ne, not, sql } from 'drizzle-orm'
import { decryptFields, encryptFields, keyIdOf, type MasterKeys } from '../../lib/protected-fields'

/**
 * Re-encryption after a key rotation (decision 033): every sealed value of every organization on one database
 * that is not under the current master key is opened (with the key its id names) and sealed again under the
 * current one, a batch at a time. Each write is conditional on the value read, so a value someone changed
 * meanwhile is left for the next call (it was written under the current key anyway).
 */
export async function reencryptBatch(db: Database, keys: MasterKeys, limit: number) {
  const current = `v2.${keyIdOf(keys.current)}.%`
  const stale = (column: Parameters<typeof sql>[1]) => sql`${column} not like ${current}`
  let done = 0
  const rows = await db
    .select({ id: participants.id, tenantId: participants.tenantId, sealed: participants.protectedData })
    .from(participants)
    .where(and(isNotNull(participants.protectedData), stale(participants.protectedData)))
    .limit(limit)
  done += await reseal(
    keys,
    rows,
    (r) => r.id,
    (r, sealed) =>
      db
        .update(participants)
        .set({ protectedData: sealed })
        .where(and(eq(participants.id, r.id), eq(participants.protectedData, r.sealed))),
  )
  const notes = await db
    .select({
      id: participantNotes.id,
      participantId: participantNotes.participantId,
      tenantId: participantNotes.tenantId,
      sealed: participantNotes.sealedText,
    })
    .from(participantNotes)
    .where(stale(participantNotes.sealedText))
    .limit(limit)
  done += await reseal(
    keys,
    notes,
    (n) => `participant-note:${n.participantId}:${n.id}`,
    (n, sealed) =>
      db
        .update(participantNotes)
        .set({ sealedText: sealed })
        .where(and(eq(participantNotes.id, n.id), eq(participantNotes.sealedText, n.sealed))),
  )
  const meetingRows = await db
    .select({
      id: meetings.id,
      matchId: meetings.matchId,
      tenantId: meetings.tenantId,
      sealed: meetings.sealedNote,
    })
    .from(meetings)
    .where(and(isNotNull(meetings.sealedNote), stale(meetings.sealedNote)))
    .limit(limit)
  done += await reseal(
    keys,
    meetingRows,
    (m) => `meeting-note:${m.matchId}:${m.id}`,
    (m, sealed) =>
      db
        .update(meetings)
        .set({ sealedNote: sealed })
        .where(and(eq(meetings.id, m.id), eq(meetings.sealedNote, m.sealed))),
  )
  // Concerns (decision 030): the description (emptied by an erasure, then nothing to open) and the steps' notes.
  const concernRows = await db
    .select({ id: concerns.id, tenantId: concerns.tenantId, sealed: concerns.sealedDescription })
    .from(concerns)
    .where(and(ne(concerns.sealedDescription, ''), stale(concerns.sealedDescription)))
    .limit(limit)
  done += await reseal(
    keys,
    concernRows,
    (c) => `concern:${c.id}`,
    (c, sealed) =>
      db
        .update(concerns)
        .set({ sealedDescription: sealed })
        .where(and(eq(concerns.id, c.id), eq(concerns.sealedDescription, c.sealed))),
  )
  const actionRows = await db
    .select({
      id: concernActions.id,
      concernId: concernActions.concernId,
      tenantId: concernActions.tenantId,
      sealed: concernActions.sealedNote,
    })
    .from(concernActions)
    .where(and(isNotNull(concernActions.sealedNote), stale(concernActions.sealedNote)))
    .limit(limit)
  done += await reseal(
    keys,
    actionRows,
    (a) => `concern-action:${a.concernId}:${a.id}`,
    (a, sealed) =>
      db
        .update(concernActions)
        .set({ sealedNote: sealed })
        .where(and(eq(concernActions.id, a.id), eq(concernActions.sealedNote, a.sealed))),
  )
  // End requests keep their note inside a JSON column, one per side.
  for (const side of ['mentee', 'mentor'] as const) {
    const column = side === 'mentee' ? matches.menteeEndRequest : matches.mentorEndRequest
    const note = sql`json_extract(${column}, '$.sealedNote')`
    const rows = await db
      .select({ id: matches.id, tenantId: matches.tenantId, request: column })
      .from(matches)
      .where(and(isNotNull(note), not(sql`${note} like ${current}`)))
      .limit(limit)
    for (const r of rows) {
      const request = r.request
      if (!request?.sealedNote) continue
      const aad = `${r.id}:${side}:${request.by}`
      const fields = await decryptFields(keys, r.tenantId, aad, request.sealedNote)
      const next = { ...request, sealedNote: await encryptFields(keys, r.tenantId, aad, fields) }
      await db
        .update(matches)
        .set(side === 'mentee' ? { menteeEndRequest: next } : { mentorEndRequest: next })
        .where(and(eq(matches.id, r.id), eq(note, request.sealedNote)))
      done++
    }
  }
  return done
}

/** Opens each row's sealed value with the key its id names and writes it sealed under the current key. */
async function reseal<R extends { tenantId: string; sealed: string | null }>(
  keys: MasterKeys,
  rows: readonly R[],
  aadOf: (row: R) => string,
  write: (row: R & { sealed: string }, sealed: string) => Promise<unknown>,
) {
  let done = 0
  for (const row of rows) {
    const { sealed } = row
    if (!sealed) continue
    const aad = aadOf(row)
    await write(
      { ...row, sealed },
      await encryptFields(keys, row.tenantId, aad, await decryptFields(keys, row.tenantId, aad, sealed)),
    )
    done++
  }
  return done
}
