import {
  ACCESS_NEEDS,
  CEFR_LEVELS,
  type CefrLevel,
  CHECK_STATUSES,
  CONTACT_CHANNELS,
  EXIT_REASONS,
  type MatchingSettings,
  PARTICIPANT_ROLES,
  PARTICIPANT_SOURCES,
  PARTICIPANT_STATUSES,
  type ParticipantEventKind,
  PROGRAM_STATUSES,
  PROTECTED_FIELDS,
  type ProgramLabels,
  type ProtectedField,
  SETTLEMENT_NEEDS,
} from '@tandem/vocab'
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id } from './columns'
import { tenants } from './tenants'

export const cefrLevels = CEFR_LEVELS
export type { CefrLevel }
export type LanguageSkill = { code: string; level: CefrLevel }

export const settlementNeeds = SETTLEMENT_NEEDS
export const accessNeeds = ACCESS_NEEDS
export const participantStatuses = PARTICIPANT_STATUSES
export const exitReasons = EXIT_REASONS
/** Sensitive fields a program may switch on; stored only encrypted (AES-GCM, per-tenant key). */
export const protectedFieldKeys = PROTECTED_FIELDS
export type ProtectedFieldKey = ProtectedField

export type TrainingModule = { id: string; title: string }
export type { MatchingSettings, ProgramLabels }

/** A mentoring program of one tenant. */
export const programs = sqliteTable(
  'programs',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: PROGRAM_STATUSES }).notNull().default('draft'),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
    goalAreas: text('goal_areas', { mode: 'json' }).$type<string[]>().notNull().default([]),
    interests: text('interests', { mode: 'json' }).$type<string[]>().notNull().default([]),
    meetingCadenceDays: integer('meeting_cadence_days').notNull().default(14),
    minCommitmentMonths: integer('min_commitment_months').notNull().default(6),
    intakeFields: text('intake_fields', { mode: 'json' })
      .$type<Record<string, boolean>>()
      .notNull()
      .default({}),
    trainingModules: text('training_modules', { mode: 'json' })
      .$type<TrainingModule[]>()
      .notNull()
      .default([]),
    matchingSettings: text('matching_settings', { mode: 'json' }).$type<MatchingSettings | null>(),
    surveySchedule: text('survey_schedule', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    renewalWindowDays: integer('renewal_window_days').notNull().default(60),
    protectedFields: text('protected_fields', { mode: 'json' })
      .$type<ProtectedFieldKey[]>()
      .notNull()
      .default([]),
    /** The program's own names for its interests, goal areas and training modules, per language. */
    labels: text('labels', { mode: 'json' }).$type<ProgramLabels>().notNull().default({}),
    consentVersion: text('consent_version').notNull().default('2026-11'),
    safetyGuidelinesVersion: text('safety_guidelines_version').notNull().default('2026-11'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('programs_tenant').on(t.tenantId)],
)

export type Demographics = {
  gender?: string
  ageBand?: string
  arrivalYear?: number
  regionOfOrigin?: string
}

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
    role: text('role', { enum: PARTICIPANT_ROLES }).notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    /** How the person prefers to be reached (email, phone call, SMS, WhatsApp); null: not said. */
    contactPreference: text('contact_preference', { enum: CONTACT_CHANNELS }),
    preferredLocale: text('preferred_locale').notNull(),
    languages: text('languages', { mode: 'json' }).$type<LanguageSkill[]>().notNull(),
    wantsInterpretation: integer('wants_interpretation', { mode: 'boolean' }).notNull().default(false),
    interests: text('interests', { mode: 'json' }).$type<string[]>().notNull(),
    sector: text('sector'),
    availability: text('availability', { mode: 'json' }).$type<string[]>().notNull().default([]),
    neighborhood: text('neighborhood'),
    location: text('location', { mode: 'json' }).$type<{ lat: number; lon: number } | null>(),
    settlementNeeds: text('settlement_needs', { mode: 'json' }).$type<string[]>().notNull().default([]),
    accessNeeds: text('access_needs', { mode: 'json' }).$type<string[]>().notNull().default([]),
    demographics: text('demographics', { mode: 'json' }).$type<Demographics | null>(),
    demographicsConsentAt: integer('demographics_consent_at', { mode: 'timestamp_ms' }),
    consentVersion: text('consent_version'),
    consentAt: integer('consent_at', { mode: 'timestamp_ms' }),
    status: text('status', { enum: participantStatuses }).notNull().default('applied'),
    exitReason: text('exit_reason', { enum: exitReasons }),
    capacity: integer('capacity').notNull().default(1),
    /**
     * The account this person uses in the participant portal (users.id in the control database), linked when
     * they accept a portal invitation. Null: no portal access.
     */
    userId: text('user_id'),
    /** AES-GCM ciphertext of the protected fields (never plaintext). */
    protectedData: text('protected_data'),
    source: text('source', { enum: PARTICIPANT_SOURCES }).notNull().default('coordinator'),
    /** Lowercased name, email and neighborhood, for text search. */
    searchText: text('search_text').notNull().default(''),
    /** When the person's personal data was erased (decision 032): the row stays, anonymous, for the counts. */
    erasedAt: integer('erased_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('participants_tenant_program').on(t.tenantId, t.programId, t.id),
    index('participants_program_role_status').on(t.tenantId, t.programId, t.role, t.status, t.id),
    index('participants_user').on(t.tenantId, t.userId),
  ],
)

/** Mentor screening: references, background check with expiry, training, safety acknowledgement, approval. */
export const screenings = sqliteTable('screenings', {
  participantId: text('participant_id')
    .primaryKey()
    .references(() => participants.id, { onDelete: 'cascade' }),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  references: text('references', { mode: 'json' })
    .$type<
      {
        name: string
        relation: string
        status: 'requested' | 'received' | 'concerns'
        receivedOn: string | null
      }[]
    >()
    .notNull()
    .default([]),
  checkStatus: text('check_status', { enum: CHECK_STATUSES }).notNull().default('not_started'),
  checkProviderRef: text('check_provider_ref'),
  checkedOn: text('checked_on'),
  checkExpiresOn: text('check_expires_on'),
  /** The expiry date a renewal reminder was last sent for (one reminder per expiry date). */
  checkReminderFor: text('check_reminder_for'),
  trainingCompleted: text('training_completed', { mode: 'json' })
    .$type<Record<string, string>>()
    .notNull()
    .default({}),
  safetyAckVersion: text('safety_ack_version'),
  safetyAckAt: integer('safety_ack_at', { mode: 'timestamp_ms' }),
  /** The account that approved (users.id in the control database; no foreign key, so a tenant can move). */
  approvedBy: text('approved_by'),
  approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
})

/** What happened to a participant, in order: status changes, screening steps, notes. */
export const participantEvents = sqliteTable(
  'participant_events',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ParticipantEventKind>().notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, string | number | boolean | null>>(),
    actorUserId: text('actor_user_id'),
    createdAt: createdAt(),
  },
  (t) => [index('participant_events_participant').on(t.tenantId, t.participantId, t.createdAt)],
)

export type Program = typeof programs.$inferSelect
export type NewProgram = typeof programs.$inferInsert
export type Participant = typeof participants.$inferSelect
export type NewParticipant = typeof participants.$inferInsert
export type Screening = typeof screenings.$inferSelect
