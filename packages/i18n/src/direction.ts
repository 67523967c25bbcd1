import { LOCALES, type Locale, languageOf } from './locales'

export type Direction = 'ltr' | 'rtl'

/**
 * Languages written right to left (primary subtags), beyond the ones Tandem is translated into: a person's
 * or a program's language list may name any of them.
 */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set([
  'ar',
  'fa',
  'he',
  'ur',
  'ps',
  'ckb',
  'sd',
  'ug',
  'yi',
  'dv',
])

/** Whether a language tag (`ar`, `fa-AF`, `prs`) is written right to left. */
export const isRtl = (tag: string): boolean => RTL_LANGUAGES.has(languageOf(tag))

/** The `dir` of text in a language: for `<html dir>`, `<bdi dir>` and email. */
export const dirOf = (tag: string): Direction => (isRtl(tag) ? 'rtl' : 'ltr')

/** The supported locales written right to left (Arabic and Persian). */
export const RTL_LOCALES: readonly Locale[] = LOCALES.filter(isRtl)
