import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import {
  availabilityText,
  codeLabel,
  moduleTitle,
  slotLabel,
  type VocabularyLabels,
} from '../../lib/vocabulary'

/** The names the program of the current page gives its codes (provided by `ProgramPage`). */
const ProgramLabels = createContext<VocabularyLabels | undefined>(undefined)
export const ProgramLabelsProvider = ProgramLabels.Provider

/**
 * The program's vocabularies in the reader's language, for any component on a program's page: interests and
 * goal areas, training module titles, availability slots.
 */
export function useVocabulary(labels?: VocabularyLabels) {
  const { t, locale } = useI18n()
  const provided = useContext(ProgramLabels)
  const names = labels ?? provided
  return {
    interest: (code: string) => codeLabel(t, locale, names, 'interests', code),
    goalArea: (code: string) => codeLabel(t, locale, names, 'goalAreas', code),
    module: (module: { id: string; title: string }) => moduleTitle(locale, names, module),
    slot: (slot: string) => slotLabel(t, locale, slot),
    availability: (slots: readonly string[]) => availabilityText(t, locale, slots),
  }
}
