import { SURVEY_AUDIENCES, SURVEY_KINDS, type SurveyQuestion, type Translations } from '@tandem/vocab'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { participants, programs } from './programs'
import { tenants } from './tenants'

/**
 * A program's survey (decision 035): its questions (stable codes, texts in six languages) as JSON, the kind
 * (baseline, midpoint, exit, pulse), who it asks, and whether it is anonymous (unlinkable answers) or named.
 */
/** One question's summary (see the surveys service's `summarise`). */
export interface StoredSummary {
  code: string
  type: SurveyQuestion['type']
  n: number
  mean: number | null
  counts: Record<string, number> | null
  texts: string[] | null
}

export const surveys = sqliteTable(
  'surveys',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    programId: text('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    /** The shipped template it was made from, or null for one built from scratch. */
    template: text('template'),
    kind: text('kind', { enum: SURVEY_KINDS }).notNull(),
    audience: text('audience', { enum: SURVEY_AUDIENCES }).notNull(),
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(true),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    title: text('title', { mode: 'json' }).$type<Translations>().notNull(),
    questions: text('questions', { mode: 'json' }).$type<SurveyQuestion[]>().notNull(),
    /**
     * An anonymous survey's summary as coordinators last saw it, and how many answers it covers: renewed only when
     * at least the organization's minimum of new answers came in (two summaries never differ by one person).
     */
    summary: text('summary', { mode: 'json' }).$type<StoredSummary[] | null>(),
    summaryCount: integer('summary_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('surveys_program').on(t.tenantId, t.programId)],
)

/**
 * One person's invitation to a survey, for one tandem (`period`: the match, or the month of a pulse survey). Only
 * the SHA-256 of its single-use token is stored (and of the reminder's, which opens the same form). Answering
 * marks it `spent` and nothing else: no time, no link to the answers (an anonymous response cannot be joined back).
 */
export const surveyInvitations = sqliteTable(
  'survey_invitations',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    tokenHash: text('token_hash').notNull(),
    reminderTokenHash: text('reminder_token_hash'),
    spent: integer('spent', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('survey_invitations_token_hash').on(t.tokenHash),
    uniqueIndex('survey_invitations_reminder_token_hash').on(t.reminderTokenHash),
    uniqueIndex('survey_invitations_person').on(t.tenantId, t.surveyId, t.participantId, t.period),
  ],
)

/**
 * One set of answers. Anonymous: no person, invitation, match or time finer than the day; only coarse cohort
 * groups (each `other` when fewer than the organization's minimum of the survey's invitees share it). The table
 * is WITHOUT ROWID in the migration, so not even SQLite's row order tells when a row came. Named: the participant.
 */
export const surveyResponses = sqliteTable(
  'survey_responses',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    /** Named surveys only; null in an anonymous one. */
    participantId: text('participant_id').references(() => participants.id, { onDelete: 'cascade' }),
    /** The organization's local day of the answer, `YYYY-MM-DD`. */
    day: text('day').notNull(),
    role: text('role').notNull(),
    program: text('program').notNull(),
    languageGroup: text('language_group').notNull(),
    ageBand: text('age_band').notNull(),
    gender: text('gender').notNull(),
    arrivalBand: text('arrival_band').notNull(),
    neighborhoodGroup: text('neighborhood_group').notNull(),
    /** By question code: a number (likert, number), an option code, a list of option codes, or a short text. */
    answers: text('answers', { mode: 'json' }).$type<Record<string, SurveyAnswer>>().notNull(),
  },
  (t) => [index('survey_responses_survey').on(t.tenantId, t.surveyId)],
)

export type SurveyAnswer = number | string | string[]
export type Survey = typeof surveys.$inferSelect
export type SurveyInvitation = typeof surveyInvitations.$inferSelect
export type SurveyResponse = typeof surveyResponses.$inferSelect
