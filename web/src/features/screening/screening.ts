import type { Translate } from '../../i18n/types'
import { keyed } from '../../lib/labels'
import type { CheckStatus, ParticipantStatus, ReferenceStatus } from '../../lib/vocabulary'
import type { TrainingModule } from '../programs/program'

/** API shapes and rules of mentor screening (mirrors workers/api/src/features/screening). */

export interface Reference {
  name: string
  relation: string
  status: ReferenceStatus
  receivedOn: string | null
}

/** A mentor's screening record with its computed state. */
export interface Screening {
  references: Reference[]
  checkStatus: CheckStatus
  checkProviderRef: string | null
  checkedOn: string | null
  checkExpiresOn: string | null
  trainingCompleted: Record<string, string>
  safetyAckVersion: string | null
  safetyAckAt: string | null
  approvedAt: string | null
  matchable: boolean
  /** `references`, `references_concerns`, `background_check`, `background_check_expired`, `training:<id>`, `safety_guidelines`, `approval` */
  missing: string[]
  expiresOn: string | null
  expired: boolean
  expiringSoon: boolean
}

/** `GET /api/v1/orgs/{org}/screening/expiring` */
export interface ExpiringCheck {
  participantId: string
  programId: string
  programName: string
  displayName: string
  status: ParticipantStatus
  checkExpiresOn: string
  expired: boolean
  flagged: boolean
  daysLeft: number
}

/** Which items of the checklist are done, from what is still missing. */
export function checklist(screening: Pick<Screening, 'missing' | 'approvedAt'>) {
  const missing = new Set(screening.missing)
  return {
    references: !missing.has('references') && !missing.has('references_concerns'),
    check: !missing.has('background_check') && !missing.has('background_check_expired'),
    training: !screening.missing.some((m) => m.startsWith('training:')),
    safety: !missing.has('safety_guidelines'),
    approval: screening.approvedAt !== null,
  }
}

const missingText = keyed({
  references: 'screening.missing.references',
  references_concerns: 'screening.missing.referencesConcerns',
  background_check: 'screening.missing.check',
  background_check_expired: 'screening.missing.checkExpired',
  safety_guidelines: 'screening.missing.safety',
  approval: 'screening.missing.approval',
})

/** A screening requirement that is still missing, in plain words (`training:<id>` names the module). */
export function missingLabel(t: Translate, code: string, modules: readonly TrainingModule[]): string {
  if (code.startsWith('training:')) {
    const id = code.slice('training:'.length)
    return t('screening.missing.training', { module: modules.find((m) => m.id === id)?.title ?? id })
  }
  return missingText(t, code)
}
