import { type Database, matches, meetings, participantNotes, participants } from '@tandem/db'
import { and, eq, isNotNull, not, sql } from 'drizzle-orm'
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
  for (const r of rows) {
    if (!r.sealed) continue
    const fields = await decryptFields(keys, r.tenantId, r.id, r.sealed)
    const sealed = await encryptFields(keys, r.tenantId, r.id, fields)
    await db
      .update(participants)
      .set({ protectedData: sealed })
      .where(and(eq(participants.id, r.id), eq(participants.protectedData, r.sealed)))
    done++
  }
  const notes = await db
    .select()
    .from(participantNotes)
    .where(stale(participantNotes.sealedText))
    .limit(limit)
  for (const n of notes) {
    const aad = `participant-note:${n.participantId}:${n.id}`
    const sealed = await encryptFields(
      keys,
      n.tenantId,
      aad,
      await decryptFields(keys, n.tenantId, aad, n.sealedText),
    )
    await db
      .update(participantNotes)
      .set({ sealedText: sealed })
      .where(and(eq(participantNotes.id, n.id), eq(participantNotes.sealedText, n.sealedText)))
    done++
  }
  const meetingRows = await db
    .select()
    .from(meetings)
    .where(and(isNotNull(meetings.sealedNote), stale(meetings.sealedNote)))
    .limit(limit)
  for (const m of meetingRows) {
    if (!m.sealedNote) continue
    const aad = `meeting-note:${m.matchId}:${m.id}`
    const sealed = await encryptFields(
      keys,
      m.tenantId,
      aad,
      await decryptFields(keys, m.tenantId, aad, m.sealedNote),
    )
    await db
      .update(meetings)
      .set({ sealedNote: sealed })
      .where(and(eq(meetings.id, m.id), eq(meetings.sealedNote, m.sealedNote)))
    done++
  }
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
