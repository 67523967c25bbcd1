import type { Translate } from '../../i18n/types'
import type { Answer } from '../../lib/client'
import { keyed } from '../../lib/labels'
import type { orgRoute } from '../org/org'
import type { ParticipantDetail } from '../participants/participant'
import type { TrainingModule } from '../programs/program'

/** Mentor screening: its answers and the checklist the page shows. */

/** A mentor's screening record with its computed state, as the participant's answer carries it. */
export type Screening = NonNullable<ParticipantDetail['screening']>
export type Reference = Screening['references'][number]
export type ExpiringCheck = Answer<typeof orgRoute.screening.expiring.$get>['items'][number]

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

/**
 * A screening requirement that is still missing, in plain words (`training:<id>` names the module, by `title`:
 * the program's name for it in the reader's language).
 */
export function missingLabel(
  t: Translate,
  code: string,
  modules: readonly TrainingModule[],
  title: (module: TrainingModule) => string = (module) => module.title,
): string {
  if (code.startsWith('training:')) {
    const id = code.slice('training:'.length)
    const module = modules.find((m) => m.id === id)
    return t('screening.missing.training', { module: module ? title(module) : id })
  }
  return missingText(t, code)
}
