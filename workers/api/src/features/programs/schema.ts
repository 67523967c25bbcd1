import { cefrLevels, protectedFieldKeys } from '@tandem/db'
import { LOCALES } from '@tandem/i18n'
import { INTAKE_FIELDS, MAX_LABEL_LENGTH } from '@tandem/vocab'
import * as v from 'valibot'
import { pattern, rule, unique } from '../../lib/field-errors'
import { Id, MailName, OrgSlug } from '../../lib/schema'

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max))
export const Code = v.pipe(
  v.string(),
  v.trim(),
  pattern(/^[a-z0-9_-]{1,40}$/, 'not-a-code', 'Use lowercase letters, digits, - or _.'),
)
export const LanguageCode = v.pipe(
  v.string(),
  v.trim(),
  pattern(
    /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
    'not-a-language',
    'Use a language code such as ar, uk or fa-AF.',
  ),
)

/** A code's names per language (`{ ar: 'كرة القدم', de: 'Fußball' }`); an empty name removes it. */
const LocaleLabels = v.record(
  v.picklist(LOCALES),
  v.pipe(v.string(), v.trim(), v.maxLength(MAX_LABEL_LENGTH)),
)
const CodeLabels = v.record(Code, LocaleLabels)

/** The program's own names for its codes, per vocabulary and language; codes it does not list are refused. */
export const LabelsSchema = v.strictObject({
  interests: v.optional(CodeLabels),
  goalAreas: v.optional(CodeLabels),
  trainingModules: v.optional(CodeLabels),
})

/** Names per code and language: `{ code: { locale: name } }`. */
export const NamesOut = v.record(v.string(), v.record(v.string(), v.string()))
export const LabelsOut = v.object({ interests: NamesOut, goalAreas: NamesOut, trainingModules: NamesOut })

export const ProgramId = Id
export const ProgramParam = v.object({ org: OrgSlug, program: ProgramId })

export const MatchingSettingsSchema = v.object({
  weights: v.record(
    v.picklist(['interests', 'sector', 'availability', 'proximity', 'language', 'needs']),
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)),
  ),
  minMentorLevel: v.picklist(cefrLevels),
  minMenteeLevel: v.picklist(cefrLevels),
  maxDistanceKm: v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(500))),
  minOverlapSlots: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(42)),
})

const programFields = {
  name: MailName(120),
  description: Text(2000),
  status: v.picklist(['draft', 'active', 'closed']),
  languages: v.pipe(
    v.array(LanguageCode),
    v.minLength(1, 'Offer at least one language.'),
    v.maxLength(30),
    rule(unique, 'duplicate', 'List each language once.'),
  ),
  goalAreas: v.pipe(v.array(Code), v.maxLength(30), rule(unique, 'duplicate', 'List each goal area once.')),
  interests: v.pipe(v.array(Code), v.maxLength(100), rule(unique, 'duplicate', 'List each interest once.')),
  meetingCadenceDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(90)),
  minCommitmentMonths: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36)),
  intakeFields: v.record(v.picklist(INTAKE_FIELDS), v.boolean()),
  trainingModules: v.pipe(
    v.array(v.object({ id: Code, title: v.pipe(Text(200), v.minLength(1)) })),
    v.maxLength(30),
    rule((m) => unique(m.map((x) => x.id)), 'duplicate', 'Each training module needs its own id.'),
  ),
  matchingSettings: v.nullable(MatchingSettingsSchema),
  renewalWindowDays: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(365)),
  protectedFields: v.pipe(
    v.array(v.picklist(protectedFieldKeys)),
    rule(unique, 'duplicate', 'List each field once.'),
  ),
  labels: LabelsSchema,
}

export const CreateProgramBody = v.object({
  ...programFields,
  description: v.optional(programFields.description, ''),
  status: v.optional(programFields.status, 'draft'),
  goalAreas: v.optional(programFields.goalAreas, []),
  interests: v.optional(programFields.interests, []),
  meetingCadenceDays: v.optional(programFields.meetingCadenceDays, 14),
  minCommitmentMonths: v.optional(programFields.minCommitmentMonths, 6),
  intakeFields: v.optional(programFields.intakeFields, {}),
  trainingModules: v.optional(programFields.trainingModules, []),
  matchingSettings: v.optional(programFields.matchingSettings, null),
  renewalWindowDays: v.optional(programFields.renewalWindowDays, 60),
  protectedFields: v.optional(programFields.protectedFields, []),
  labels: v.optional(programFields.labels, {}),
})

export const UpdateProgramBody = v.pipe(
  v.partial(v.object(programFields)),
  rule((o) => Object.keys(o).length > 0, 'nothing-to-change', 'Send at least one field to change.'),
)

export const ProgramOut = v.object({
  id: v.string(),
  name: v.string(),
  description: v.string(),
  status: v.string(),
  languages: v.array(v.string()),
  goalAreas: v.array(v.string()),
  interests: v.array(v.string()),
  meetingCadenceDays: v.number(),
  minCommitmentMonths: v.number(),
  intakeFields: v.record(v.string(), v.boolean()),
  trainingModules: v.array(v.object({ id: v.string(), title: v.string() })),
  matchingSettings: v.nullable(MatchingSettingsSchema),
  renewalWindowDays: v.number(),
  protectedFields: v.array(v.string()),
  /** The program's own names for its interests, goal areas and training modules: code → language → name. */
  labels: LabelsOut,
  consentVersion: v.string(),
  safetyGuidelinesVersion: v.string(),
  createdAt: v.string(),
})
