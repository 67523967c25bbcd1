import { listPrograms, newId, type Program, type ProgramLabels, programs } from '@tandem/db'
import { type CodeLabels, LABELLED_VOCABULARIES, type LabelledVocabulary } from '@tandem/vocab'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { type FieldError, fieldError } from '../../lib/field-errors'
import { Problem } from '../../lib/problem'
import { tenantRow } from '../../lib/sql'
import type { CreateProgramBody, LabelsSchema, UpdateProgramBody } from './schema'

type LabelsInput = v.InferOutput<typeof LabelsSchema>
type Codes = Record<LabelledVocabulary, readonly string[]>

const codesOf = (p: Pick<Program, 'interests' | 'goalAreas' | 'trainingModules'>): Codes => ({
  interests: p.interests,
  goalAreas: p.goalAreas,
  trainingModules: p.trainingModules.map((m) => m.id),
})

const nouns: Record<LabelledVocabulary, string> = {
  interests: 'interest',
  goalAreas: 'goal area',
  trainingModules: 'training module',
}

/** Names for codes the program does not list are refused, each at its path (`labels.interests.chess`). */
function checkLabels(labels: LabelsInput, codes: Codes) {
  const errors: FieldError[] = []
  for (const vocabulary of LABELLED_VOCABULARIES) {
    for (const code of Object.keys(labels[vocabulary] ?? {})) {
      if (codes[vocabulary].includes(code)) continue
      errors.push(
        fieldError(`labels.${vocabulary}.${code}`, 'not-found', {
          message: `The program has no ${nouns[vocabulary]} with this code.`,
        }),
      )
    }
  }
  if (errors.length > 0) {
    throw new Problem('invalid-request', { detail: 'Name only the codes the program lists.', errors })
  }
}

/** The names a program keeps: for the codes it lists, without empty ones. */
export function keptLabels(labels: LabelsInput | ProgramLabels, codes: Codes): ProgramLabels {
  const kept: ProgramLabels = {}
  for (const vocabulary of LABELLED_VOCABULARIES) {
    const names: CodeLabels = {}
    for (const [code, byLocale] of Object.entries(labels[vocabulary] ?? {})) {
      if (!codes[vocabulary].includes(code)) continue
      const named = Object.entries(byLocale).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
      )
      if (named.length > 0) names[code] = Object.fromEntries(named)
    }
    if (Object.keys(names).length > 0) kept[vocabulary] = names
  }
  return kept
}

/** Every vocabulary's names, `{}` for one without. */
export const labelsOut = (labels: ProgramLabels) => ({
  interests: labels.interests ?? {},
  goalAreas: labels.goalAreas ?? {},
  trainingModules: labels.trainingModules ?? {},
})

export function programOut(p: Program) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    status: p.status,
    languages: p.languages,
    goalAreas: p.goalAreas,
    interests: p.interests,
    meetingCadenceDays: p.meetingCadenceDays,
    minCommitmentMonths: p.minCommitmentMonths,
    intakeFields: p.intakeFields,
    trainingModules: p.trainingModules,
    matchingSettings: p.matchingSettings ?? null,
    renewalWindowDays: p.renewalWindowDays,
    protectedFields: p.protectedFields,
    labels: labelsOut(p.labels),
    consentVersion: p.consentVersion,
    safetyGuidelinesVersion: p.safetyGuidelinesVersion,
    createdAt: p.createdAt.toISOString(),
  }
}

export async function listProgramsOf({ db, tenantId }: Scope) {
  return (await listPrograms(db, tenantId)).map(programOut)
}

export async function createProgram(scope: Scope, input: v.InferOutput<typeof CreateProgramBody>) {
  const { db, tenantId, now } = scope
  checkLabels(input.labels, codesOf(input))
  const row: Program = {
    ...input,
    labels: keptLabels(input.labels, codesOf(input)),
    id: newId(),
    tenantId,
    surveySchedule: null,
    consentVersion: '2026-11',
    safetyGuidelinesVersion: '2026-11',
    createdAt: now,
    updatedAt: now,
  }
  await db.batch([
    db.insert(programs).values(row),
    auditFor(scope)('program.created', { type: 'program', id: row.id }),
  ])
  return programOut(row)
}

export async function updateProgram(
  scope: Scope,
  current: Program,
  input: v.InferOutput<typeof UpdateProgramBody>,
) {
  const { db, tenantId, now } = scope
  const programId = current.id
  const { labels, ...fields } = input
  const codes = codesOf({ ...current, ...fields })
  if (labels) checkLabels(labels, codes)
  // Names follow their codes: a code taken off a list takes its names with it.
  const changes: Partial<Program> =
    labels || fields.interests || fields.goalAreas || fields.trainingModules
      ? { ...fields, labels: keptLabels(labels ?? current.labels, codes) }
      : fields
  await db.batch([
    db
      .update(programs)
      .set({ ...changes, updatedAt: now })
      .where(tenantRow(programs, tenantId, programId)),
    auditFor(scope)(
      'program.updated',
      { type: 'program', id: programId },
      { fields: Object.keys(input).join(',') },
    ),
  ])
  return programOut({ ...current, ...changes, updatedAt: now })
}
