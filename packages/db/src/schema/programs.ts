import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { tenants } from './tenants'

/** A mentoring program of one tenant. Settings grow with the programs feature. */
export const programs = sqliteTable(
  'programs',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: ['draft', 'active', 'closed'] })
      .notNull()
      .default('draft'),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('programs_tenant').on(t.tenantId)],
)

export type LanguageSkill = { code: string; level: 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2' | 'native' }

/** A mentor or mentee enrolled in a program. */
export const participants = sqliteTable(
  'participants',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    programId: text('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['mentor', 'mentee'] }).notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    preferredLocale: text('preferred_locale').notNull(),
    languages: text('languages', { mode: 'json' }).$type<LanguageSkill[]>().notNull(),
    interests: text('interests', { mode: 'json' }).$type<string[]>().notNull(),
    neighborhood: text('neighborhood'),
    status: text('status', { enum: ['applied', 'screening', 'ready', 'matched', 'paused', 'exited'] })
      .notNull()
      .default('applied'),
    capacity: integer('capacity').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index('participants_tenant_program').on(t.tenantId, t.programId, t.id)],
)

export type Program = typeof programs.$inferSelect
export type Participant = typeof participants.$inferSelect
export type NewParticipant = typeof participants.$inferInsert
