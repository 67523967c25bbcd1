import type { Translate } from '../../i18n/types'

/** The program vocabularies a participant's profile uses: interests and weekly availability slots (`mon-pm`). */
export type VocabKind = 'interest' | 'slot'

/**
 * A program vocabulary's code as people read it. The one place where interests and availability slots are
 * named on the participant pages: for now the code itself, until the vocabularies have labels per language.
 */
export function vocabLabel(_t: Translate, _kind: VocabKind, code: string): string {
  return code
}
