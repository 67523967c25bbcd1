import {
  type Database,
  newId,
  type Participant,
  type ParticipantNote,
  participantNotes,
  users,
} from '@tandem/db'
import type { Role } from '@tandem/vocab'
import { desc, eq } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { type NoteKey, openText as openSealedText, sealText } from '../../lib/notes'
import { notFound, Problem } from '../../lib/problem'
import { inIds, inTenant } from '../../lib/sql'
import type { CreateNoteBody } from './notes.schema'

/**
 * Coordinators' notes about a participant. Each note is sealed at rest like protected fields and end-request
 * notes (AES-GCM, the tenant's key derived from `PROTECTED_FIELDS_KEY`); the additional data binds it to its
 * participant and its own id, so a sealed text moved to another note, person or tenant does not open. Reading the
 * notes is audited (which person, how many notes; never their text); adding and deleting are audited too.
 */

/** Besides its author, who may delete a note. */
const DELETES_ANY_NOTE: readonly Role[] = ['owner', 'admin']

const binding = (participantId: string, noteId: string) => `participant-note:${participantId}:${noteId}`

/** Opens a note's sealed text; null (and a log line without content) if it cannot be opened. */
export const openText = (key: NoteKey, note: ParticipantNote): Promise<string | null> =>
  openSealedText(
    key,
    note.tenantId,
    binding(note.participantId, note.id),
    note.sealedText,
    'participant note',
  )

/** Names of the notes' authors, from the control database (where accounts live). */
async function authorNames(control: Database, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>()
  const rows = await control
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inIds(users.id, [...new Set(ids)]))
  return new Map(rows.map((r) => [r.id, r.name]))
}

const mayDelete = (scope: Scope, role: Role, note: ParticipantNote) =>
  note.authorUserId === scope.actorId || DELETES_ANY_NOTE.includes(role)

function noteOut(note: ParticipantNote, text: string | null, name: string | null, canDelete: boolean) {
  return {
    id: note.id,
    text,
    author: { id: note.authorUserId, name },
    createdAt: note.createdAt.toISOString(),
    canDelete,
  }
}

/** A participant's notes, newest first, opened; the read is audited when any note was opened. */
export async function listNotes(
  scope: Scope,
  ctx: { control: Database; key: NoteKey; role: Role },
  participant: Participant,
) {
  const { db, tenantId } = scope
  const rows = await db
    .select()
    .from(participantNotes)
    .where(inTenant(participantNotes, tenantId, eq(participantNotes.participantId, participant.id)))
    .orderBy(desc(participantNotes.createdAt), desc(participantNotes.id))
  const [texts, names] = await Promise.all([
    Promise.all(rows.map((note) => openText(ctx.key, note))),
    authorNames(
      ctx.control,
      rows.map((r) => r.authorUserId),
    ),
  ])
  const opened = texts.filter((text) => text !== null).length
  if (opened > 0) {
    await auditFor(scope)(
      'participant.notes_read',
      { type: 'participant', id: participant.id },
      { count: opened },
    )
  }
  return {
    items: rows.map((note, i) =>
      noteOut(note, texts[i] ?? null, names.get(note.authorUserId) ?? null, mayDelete(scope, ctx.role, note)),
    ),
  }
}

/** Seals and stores a new note (with its audit entry, in one batch). */
export async function addNote(
  scope: Scope,
  ctx: { control: Database; key: NoteKey },
  participant: Participant,
  body: v.InferOutput<typeof CreateNoteBody>,
) {
  const { db, tenantId, actorId, now } = scope
  const id = newId()
  const row: ParticipantNote = {
    id,
    tenantId,
    participantId: participant.id,
    authorUserId: actorId,
    sealedText: await sealText(
      ctx.key,
      tenantId,
      binding(participant.id, id),
      body.text,
      'No encryption key is configured (PROTECTED_FIELDS_KEY); notes cannot be kept without it.',
    ),
    createdAt: now,
  }
  await db.batch([
    db.insert(participantNotes).values(row),
    auditFor(scope)('participant.note_added', { type: 'participant', id: participant.id }, { noteId: id }),
  ])
  const names = await authorNames(ctx.control, [actorId])
  return noteOut(row, body.text, names.get(actorId) ?? null, true)
}

/** Deletes a note for good: its author, an owner or an admin may; anyone else gets 403. */
export async function deleteNote(scope: Scope, role: Role, participant: Participant, noteId: string) {
  const { db, tenantId, actorId } = scope
  const here = inTenant(
    participantNotes,
    tenantId,
    eq(participantNotes.participantId, participant.id),
    eq(participantNotes.id, noteId),
  )
  const note = await db.select().from(participantNotes).where(here).get()
  if (!note) throw notFound('No such note about this participant.')
  if (!mayDelete(scope, role, note)) {
    throw new Problem('forbidden', { detail: 'Only the note’s author, an owner or an admin may delete it.' })
  }
  await db.batch([
    db.delete(participantNotes).where(here),
    auditFor(scope)(
      'participant.note_deleted',
      { type: 'participant', id: participant.id },
      { noteId, author: note.authorUserId === actorId ? 'self' : 'other' },
    ),
  ])
}
