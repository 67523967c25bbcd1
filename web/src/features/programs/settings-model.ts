import {
  type CefrLevel,
  CRITERIA,
  type Criterion,
  DEFAULT_MATCHING,
  INTAKE_FIELDS,
  type IntakeField,
  LABELLED_VOCABULARIES,
  type LabelledVocabulary,
  type ProgramStatus,
  type ProtectedField,
} from '@tandem/vocab'
import { LOCALES } from '../../i18n/i18n'
import { rowPaths } from '../../lib/lists'
import { parseCodes } from '../../lib/text'
import type { Program } from './program'

/**
 * The program settings form: its state from a program (`toForm`) and the `PATCH` body from its state
 * (`toBody`). Numbers are kept as typed; an empty or junk number is sent as NaN so the API names the field.
 */

export interface ModuleRow {
  key: number
  id: string
  title: string
  /** The id was typed by hand: stop suggesting one from the title. */
  idEdited: boolean
}

export interface MatchingForm {
  weights: Record<Criterion, string>
  minMentorLevel: CefrLevel
  minMenteeLevel: CefrLevel
  maxDistanceKm: string
  minOverlapSlots: string
}

export interface SettingsForm {
  name: string
  description: string
  status: ProgramStatus
  languages: string
  goalAreas: string
  interests: string
  meetingCadenceDays: string
  minCommitmentMonths: string
  renewalWindowDays: string
  intakeFields: Record<IntakeField, boolean>
  trainingModules: ModuleRow[]
  protectedFields: ProtectedField[]
  customMatching: boolean
  matching: MatchingForm
  /** The program's names for its codes: vocabulary → code → language → name (empty: none). */
  labels: Record<LabelledVocabulary, Record<string, Record<string, string>>>
}

const record = <K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> => {
  const out = {} as Record<K, V>
  for (const key of keys) out[key] = value(key)
  return out
}

export function toForm(program: Program): SettingsForm {
  const matching = program.matchingSettings ?? DEFAULT_MATCHING
  return {
    name: program.name,
    description: program.description,
    status: program.status,
    languages: program.languages.join(', '),
    goalAreas: program.goalAreas.join(', '),
    interests: program.interests.join(', '),
    meetingCadenceDays: String(program.meetingCadenceDays),
    minCommitmentMonths: String(program.minCommitmentMonths),
    renewalWindowDays: String(program.renewalWindowDays),
    intakeFields: record(INTAKE_FIELDS, (field) => program.intakeFields[field] === true),
    trainingModules: program.trainingModules.map((m, index) => ({ key: index, ...m, idEdited: true })),
    protectedFields: [...program.protectedFields],
    customMatching: program.matchingSettings !== null,
    matching: {
      weights: record(CRITERIA, (c) => String(matching.weights[c] ?? DEFAULT_MATCHING.weights[c] ?? 0)),
      minMentorLevel: matching.minMentorLevel,
      minMenteeLevel: matching.minMenteeLevel,
      maxDistanceKm: matching.maxDistanceKm === null ? '' : String(matching.maxDistanceKm),
      minOverlapSlots: String(matching.minOverlapSlots),
    },
    labels: record(LABELLED_VOCABULARIES, (vocabulary) =>
      Object.fromEntries(
        Object.entries(program.labels[vocabulary]).map(([code, names]) => [code, { ...names }]),
      ),
    ),
  }
}

/** The codes of each vocabulary as the form has them now (typed lists, module ids). */
export function codesOf(form: Pick<SettingsForm, 'interests' | 'goalAreas' | 'trainingModules'>) {
  return {
    goalAreas: parseCodes(form.goalAreas.toLowerCase()),
    interests: parseCodes(form.interests.toLowerCase()),
    trainingModules: [...new Set(form.trainingModules.map((row) => row.id.trim()).filter(Boolean))],
  } satisfies Record<LabelledVocabulary, string[]>
}

/** The names to send: only for codes the lists still have (the API refuses others), without empty ones. */
function labelsBody(form: SettingsForm) {
  const codes = codesOf(form)
  return record(LABELLED_VOCABULARIES, (vocabulary) => {
    const names: Record<string, Record<string, string>> = {}
    for (const code of codes[vocabulary]) {
      const named = Object.entries(form.labels[vocabulary][code] ?? {})
        .map(([locale, name]) => [locale, name.trim()] as const)
        .filter(([, name]) => name !== '')
      if (named.length > 0) names[code] = Object.fromEntries(named)
    }
    return names
  })
}

/** A number input's text as a number; NaN for empty or junk (the API then names the field). */
export const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))

export function toBody(form: SettingsForm) {
  const m = form.matching
  const maxDistance = m.maxDistanceKm.trim()
  return {
    name: form.name.trim(),
    description: form.description.trim(),
    status: form.status,
    languages: parseCodes(form.languages.toLowerCase()),
    goalAreas: parseCodes(form.goalAreas.toLowerCase()),
    interests: parseCodes(form.interests.toLowerCase()),
    meetingCadenceDays: num(form.meetingCadenceDays),
    minCommitmentMonths: num(form.minCommitmentMonths),
    renewalWindowDays: num(form.renewalWindowDays),
    intakeFields: form.intakeFields,
    trainingModules: form.trainingModules.map((row) => ({ id: row.id.trim(), title: row.title.trim() })),
    protectedFields: form.protectedFields,
    matchingSettings: form.customMatching
      ? {
          weights: record(CRITERIA, (c) => num(m.weights[c])),
          minMentorLevel: m.minMentorLevel,
          minMenteeLevel: m.minMenteeLevel,
          maxDistanceKm: maxDistance === '' ? null : num(maxDistance),
          minOverlapSlots: num(m.minOverlapSlots),
        }
      : null,
    labels: labelsBody(form),
  }
}

/** Every field path the API may name, so that its errors sit at their inputs. */
export function settingsPaths(form: SettingsForm): string[] {
  return [
    'name',
    'description',
    'status',
    'languages',
    'goalAreas',
    'interests',
    'meetingCadenceDays',
    'minCommitmentMonths',
    'renewalWindowDays',
    'intakeFields',
    'trainingModules',
    ...rowPaths('trainingModules', form.trainingModules, ['id', 'title']),
    'protectedFields',
    'matchingSettings',
    ...CRITERIA.map((c) => `matchingSettings.weights.${c}`),
    'matchingSettings.minMentorLevel',
    'matchingSettings.minMenteeLevel',
    'matchingSettings.maxDistanceKm',
    'matchingSettings.minOverlapSlots',
    'labels',
    ...Object.entries(codesOf(form)).flatMap(([vocabulary, codes]) =>
      codes.flatMap((code) => LOCALES.map((locale) => `labels.${vocabulary}.${code}.${locale}`)),
    ),
  ]
}
