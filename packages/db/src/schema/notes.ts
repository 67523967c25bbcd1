import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { participants } from './programs'
import { tenants } from './tenants'

/**
 * A coordinator's note about a participant. The text is sealed at rest (AES-GCM with the tenant's key, bound
 * to the participant and the note: `v1.<iv>.<ciphertext>`); the row itself holds no plaintext.
 */
export const participantNotes = sqliteTable(
  'participant_notes',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    /** The member who wrote it (users.id in the control database). */
    authorUserId: text('author_user_id').notNull(),
    sealedText: text('sealed_text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('participant_notes_participant').on(t.tenantId, t.participantId, t.createdAt)],
)

export type ParticipantNote = typeof participantNotes.$inferSelect
