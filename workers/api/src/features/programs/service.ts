import { listPrograms, newId, type Program, programs } from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { audit } from '../../lib/audit'
import type { CreateProgramBody, UpdateProgramBody } from './schema'

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
    consentVersion: p.consentVersion,
    safetyGuidelinesVersion: p.safetyGuidelinesVersion,
    createdAt: p.createdAt.toISOString(),
  }
}

export async function listProgramsOf({ db, tenantId }: Scope) {
  return (await listPrograms(db, tenantId)).map(programOut)
}

export async function createProgram(
  { db, tenantId, actorId: actorUserId, now }: Scope,
  input: v.InferOutput<typeof CreateProgramBody>,
) {
  const row: Program = {
    ...input,
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
    audit(
      db,
      { tenantId, actorUserId, action: 'program.created', targetType: 'program', targetId: row.id },
      now,
    ),
  ])
  return programOut(row)
}

export async function updateProgram(
  { db, tenantId, actorId: actorUserId, now }: Scope,
  current: Program,
  input: v.InferOutput<typeof UpdateProgramBody>,
) {
  const programId = current.id
  await db.batch([
    db
      .update(programs)
      .set({ ...input, updatedAt: now })
      .where(and(eq(programs.tenantId, tenantId), eq(programs.id, programId))),
    audit(
      db,
      {
        tenantId,
        actorUserId,
        action: 'program.updated',
        targetType: 'program',
        targetId: programId,
        meta: { fields: Object.keys(input).join(',') },
      },
      now,
    ),
  ])
  return programOut({ ...current, ...input, updatedAt: now })
}
