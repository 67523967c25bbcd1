import * as v from 'valibot'
import { ParticipantParam } from '../../lib/params'
import { Id } from '../../lib/schema'

/** The path of one note: `…/participants/{participant}/notes/{note}`. */
export const NoteParam = v.object({ ...ParticipantParam.entries, note: Id })

export const CreateNoteBody = v.object({
  text: v.pipe(
    v.string('Write the note as text.'),
    v.trim(),
    v.minLength(1, 'Write something in the note.'),
    v.maxLength(4000, 'A note has at most 4,000 characters.'),
  ),
})

/** A coordinator's note as the people who manage participants see it. */
export const NoteOut = v.object({
  id: v.string(),
  /** The note opened; null when it cannot be opened (no key configured, or it failed its integrity check). */
  text: v.nullable(v.string()),
  author: v.object({ id: v.string(), name: v.nullable(v.string()) }),
  createdAt: v.string(),
  /** Whether the caller may delete it: its author, an owner or an admin. */
  canDelete: v.boolean(),
})

export const NotesOut = v.object({ items: v.array(NoteOut) })
