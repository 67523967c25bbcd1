/**
 * The languages Tandem speaks: the one list the web client, the emails and the consent texts take theirs
 * from. A part that does not cover every language names its own subset of this list (typed `Locale[]`).
 * Codes are bare BCP 47 language subtags; `fa` (Persian) is also what Dari readers get.
 */
export const LOCALES = ['en', 'ar', 'uk', 'fa', 'es', 'de'] as const

export type Locale = (typeof LOCALES)[number]

/** The language every text is written in first, and the last fallback. */
export const SOURCE_LOCALE = 'en' satisfies Locale

export const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value)

/**
 * Language subtags another code stands for: browsers may report Dari as `prs` (its texts are Persian),
 * old systems Hebrew as `iw`.
 */
export const LANGUAGE_ALIASES: Readonly<Record<string, string>> = { prs: 'fa', iw: 'he' }

/** The primary language subtag of a tag, lower case, aliases resolved: `ar_SY` → `ar`, `prs-AF` → `fa`. */
export function languageOf(tag: string): string {
  const language = tag.trim().replace('_', '-').toLowerCase().split('-')[0] ?? ''
  return LANGUAGE_ALIASES[language] ?? language
}

/**
 * The supported locale a language tag (`ar-EG`, `en_US`, `prs`) asks for, if any: an exact match first
 * (for subsets with regional codes), else the one with the same language.
 */
export function matchLocale<L extends string>(tag: string, supported: readonly L[]): L | undefined {
  const normalized = tag.trim().replace('_', '-').toLowerCase()
  if (!normalized) return undefined
  const exact = supported.find((locale) => locale.toLowerCase() === normalized)
  if (exact) return exact
  const language = languageOf(normalized)
  return supported.find((locale) => languageOf(locale) === language)
}

/**
 * The first of the candidates (in order of preference: the person's choice, then the organization's default,
 * …) that matches a supported locale; `fallback` when none does.
 */
export function negotiateLocale<L extends string>(
  candidates: readonly (string | null | undefined)[],
  supported: readonly L[],
  fallback: NoInfer<L>,
): L {
  for (const candidate of candidates) {
    const match = candidate ? matchLocale(candidate, supported) : undefined
    if (match) return match
  }
  return fallback
}

/** {@link negotiateLocale} over every locale, falling back to English. */
export const resolveLocale = (...candidates: readonly (string | null | undefined)[]): Locale =>
  negotiateLocale(candidates, LOCALES, SOURCE_LOCALE)
