import type { DbResolver } from '@tandem/db'
import type { Config } from '../../env'
import { participantFactory } from '../../factory'
import { noteKeyOf } from '../../lib/notes'
import { jsonResponse, problem } from '../../lib/openapi'
import { ParticipantParam } from '../../lib/params'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { CreateNoteBody, NoteOut, NoteParam, NotesOut } from './notes.schema'
import { addNote, deleteNote, listNotes } from './notes.service'

/** Where notes' authors are named (the control database) and the key that opens the notes. */
const notesContext = (c: { var: { db: DbResolver; config: Config } }) => ({
  control: c.var.db.control(),
  key: noteKeyOf(c.var.config),
})

/**
 * Coordinators' notes about one participant: mounted at …/participants/:participant/notes. Only the roles that
 * manage participants see or write them; each note is sealed at rest and every read is audited.
 */
export const participantNoteRoutes = participantFactory
  .createApp()
  .get(
    '/',
    guard('participants:manage', {
      tags: ['participants'],
      summary: 'Coordinators’ notes about a participant, newest first (reading them is audited)',
      description:
        'Notes are sealed at rest (AES-GCM, per-tenant key); a note that cannot be opened (no key configured, failed integrity check) has `text: null`.',
      responses: { 200: jsonResponse('The notes', NotesOut) },
    }),
    validate('param', ParticipantParam),
    async (c) =>
      c.json(
        await listNotes(c.var.scope, { ...notesContext(c), role: c.var.membership.role }, c.var.participant),
      ),
  )
  .post(
    '/',
    guard('participants:manage', {
      tags: ['participants'],
      summary: 'Add a note about a participant (sealed at rest, audited)',
      responses: {
        201: jsonResponse('The note', NoteOut),
        503: problem('No encryption key configured'),
      },
    }),
    validate('param', ParticipantParam),
    validate('json', CreateNoteBody),
    async (c) =>
      c.json(await addNote(c.var.scope, notesContext(c), c.var.participant, c.req.valid('json')), 201),
  )
  .delete(
    '/:note',
    guard('participants:manage', {
      tags: ['participants'],
      summary: 'Delete a note for good (its author, an owner or an admin; audited)',
      responses: { 204: { description: 'Deleted' } },
    }),
    validate('param', NoteParam),
    async (c) => {
      await deleteNote(c.var.scope, c.var.membership.role, c.var.participant, c.req.valid('param').note)
      return c.body(null, 204)
    },
  )
