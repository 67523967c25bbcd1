import {
  concernActions,
  concerns,
  type Database,
  matches,
  meetings,
  participantNotes,
  participants,
} from '@tandem/db'
import { and, eq, isNotNull, ne, not, type SQL, sql } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
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
  for (const c of sealedColumns) {
    const rows = await db
      .select({
        id: sql<string>`${c.table.id}`,
        parent: sql<string>`${c.parent ?? c.table.id}`,
        tenantId: sql<string>`${c.table.tenantId}`,
        sealed: sql<string>`${c.column}`,
      })
      .from(c.table)
      .where(and(c.present ?? isNotNull(c.column), stale(c.column)))
      .limit(limit)
    for (const r of rows) {
      if (!r.sealed) continue
      const aad = c.aad(r)
      const sealed = await encryptFields(
        keys,
        r.tenantId,
        aad,
        await decryptFields(keys, r.tenantId, aad, r.sealed),
      )
      // Conditional on the value read: a value changed meanwhile is left alone.
      await db.run(
        sql`update ${c.table} set ${sql.identifier(c.column.name)} = ${sealed} where ${eq(c.table.id, r.id)} and ${eq(c.column, r.sealed)}`,
      )
      done++
    }
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

/**
 * The columns that hold one sealed value per row: its table, what binds a value to its row (the AAD, from the
 * row's id and `parent`'s value), and which rows hold one (`present`, by default a value that is not null).
 */
const sealedColumns: {
  table: SQLiteTable & { id: SQLiteColumn; tenantId: SQLiteColumn }
  column: SQLiteColumn
  parent?: SQLiteColumn
  present?: SQL
  aad: (row: { id: string; parent: string }) => string
}[] = [
  { table: participants, column: participants.protectedData, aad: (r) => r.id },
  {
    table: participantNotes,
    column: participantNotes.sealedText,
    parent: participantNotes.participantId,
    aad: (r) => `participant-note:${r.parent}:${r.id}`,
  },
  {
    table: meetings,
    column: meetings.sealedNote,
    parent: meetings.matchId,
    aad: (r) => `meeting-note:${r.parent}:${r.id}`,
  },
  // Concerns (decision 030): the description (emptied by an erasure, then nothing to open) and the steps' notes.
  {
    table: concerns,
    column: concerns.sealedDescription,
    present: ne(concerns.sealedDescription, ''),
    aad: (r) => `concern:${r.id}`,
  },
  {
    table: concernActions,
    column: concernActions.sealedNote,
    parent: concernActions.concernId,
    aad: (r) => `concern-action:${r.parent}:${r.id}`,
  },
]
