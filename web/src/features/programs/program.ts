import { apiGet } from '../../lib/api'
import { programApi } from '../../lib/paths'
import type { IntakeField, MatchingSettings, ProgramStatus, ProtectedField } from '../../lib/vocabulary'

/** API shapes of a program (mirrors workers/api/src/features/programs); the API has the last word. */

export interface TrainingModule {
  id: string
  title: string
}

/** `GET /api/v1/orgs/{org}/programs/{program}` */
export interface Program {
  id: string
  name: string
  description: string
  status: ProgramStatus
  languages: string[]
  goalAreas: string[]
  interests: string[]
  meetingCadenceDays: number
  minCommitmentMonths: number
  intakeFields: Partial<Record<IntakeField, boolean>>
  trainingModules: TrainingModule[]
  matchingSettings: MatchingSettings | null
  renewalWindowDays: number
  protectedFields: ProtectedField[]
  consentVersion: string
  safetyGuidelinesVersion: string
  createdAt: string
}

export const getProgram = (slug: string, program: string, signal: AbortSignal) =>
  apiGet<Program>(programApi(slug, program), { signal })
