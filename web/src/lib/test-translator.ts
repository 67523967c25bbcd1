import { createTranslator } from '../i18n/i18n'
import ar from '../i18n/locales/ar'
import en from '../i18n/locales/en'
import type { Translate } from '../i18n/types'

/** The real `t()` over the English (or Arabic) catalog, for unit tests of helpers that write sentences. */
export const englishT: Translate = createTranslator('en', en)
export const arabicT: Translate = createTranslator('ar', ar)
