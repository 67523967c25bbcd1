export { type Direction, dirOf, isRtl, RTL_LANGUAGES, RTL_LOCALES } from './direction'
export {
  isLocale,
  LANGUAGE_ALIASES,
  LOCALES,
  type Locale,
  languageOf,
  matchLocale,
  negotiateLocale,
  resolveLocale,
  SOURCE_LOCALE,
} from './locales'
export { roleLabel, roleName, TERMS, type TermRole, type Terms } from './terms'
