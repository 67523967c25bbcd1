import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { programs } from './programs'
import { tenants } from './tenants'

/**
 * A secret calendar feed URL (decision 031): of one program (`programId`), or of one portal user's own meetings
 * and events (`userId`). Calendar apps cannot send cookies, so the URL is the key: `<tenant id>.<secret>`, of
 * which only the SHA-256 is stored. One feed per program and per person; a new URL replaces the old one, and
 * deleting the row revokes it.
 */
export const calendarFeeds = sqliteTable(
  'calendar_feeds',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    programId: text('program_id').references(() => programs.id, { onDelete: 'cascade' }),
    /** The portal user whose feed it is (null for a program's feed). */
    userId: text('user_id'),
    tokenHash: text('token_hash').notNull(),
    createdByUserId: text('created_by_user_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_hash').on(t.tokenHash),
    uniqueIndex('calendar_feeds_program').on(t.tenantId, t.programId),
    uniqueIndex('calendar_feeds_user').on(t.tenantId, t.userId),
  ],
)

export type CalendarFeed = typeof calendarFeeds.$inferSelect
