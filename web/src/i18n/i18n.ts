import en from './locales/en'
import type { Catalog, Direction, Message, MessageKey, PluralMessage, Translate } from './types'

/**
 * The i18n core: which languages exist, picking one, loading its catalog, and `t()`.
 * No library: formatting is Intl.NumberFormat / DateTimeFormat / PluralRules / DisplayNames.
 */

export const SOURCE_LOCALE = 'en'
const STORAGE_KEY = 'tandem.locale'

// Every file in ./locales except English becomes a lazily loaded chunk; the file name is the
// locale code. Adding a language is adding one file (e.g. locales/uk.ts, locales/fa.ts).
const loaders = import.meta.glob<{ default: Catalog }>(['./locales/*.ts', '!./locales/en.ts'])
const pathOf = (locale: string) => `./locales/${locale}.ts`

/** Supported locale codes: English first, then the others in code order. */
export const LOCALES: readonly string[] = [
  SOURCE_LOCALE,
  ...Object.keys(loaders)
    .map((path) => path.slice('./locales/'.length, -'.ts'.length))
    .sort(),
]

/** Some browsers report Dari as `prs`; its catalog is Persian (`fa`). */
const ALIASES: Record<string, string> = { prs: 'fa', iw: 'he' }

const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ckb', 'sd', 'ug', 'yi', 'dv'])

const languageOf = (locale: string) => locale.toLowerCase().split('-')[0] ?? ''

export const directionOf = (locale: string): Direction =>
  RTL_LANGUAGES.has(languageOf(locale)) ? 'rtl' : 'ltr'

/** The language's own name ("العربية", "Español"), for the language switcher. */
export function languageName(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale)
    if (name) return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1)
  } catch {
    // Intl.DisplayNames is missing in very old browsers: show the code.
  }
  return locale
}

/** Maps a browser language tag (`ar-EG`, `en_US`, `prs`) to a supported locale, if any. */
export function matchLocale(tag: string): string | undefined {
  const normalized = tag.replace('_', '-').toLowerCase()
  const exact = LOCALES.find((locale) => locale.toLowerCase() === normalized)
  if (exact) return exact
  const language = languageOf(normalized)
  const target = ALIASES[language] ?? language
  return LOCALES.find((locale) => languageOf(locale) === target)
}

/** A saved choice wins; on a first visit, the first of the browser's languages we support; else English. */
export function detectLocale(): string {
  const saved = readSavedLocale()
  if (saved && LOCALES.includes(saved)) return saved
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language]
  for (const tag of preferred) {
    const match = tag ? matchLocale(tag) : undefined
    if (match) return match
  }
  return SOURCE_LOCALE
}

function readSavedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null // storage disabled (privacy mode, embedded webviews)
  }
}

export function saveLocale(locale: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Not persisting is acceptable; the choice still applies for this visit.
  }
}

/** Sets `<html lang dir>` so the browser, screen readers and the CSS (logical properties) follow. */
export function applyToDocument(locale: string): void {
  const root = document.documentElement
  root.lang = locale
  root.dir = directionOf(locale)
}

const catalogs = new Map<string, Catalog>([[SOURCE_LOCALE, en]])

/** Loads (once) the catalog of a supported locale. Rejects if the chunk cannot be fetched. */
export async function loadCatalog(locale: string): Promise<Catalog> {
  const cached = catalogs.get(locale)
  if (cached) return cached
  const load = loaders[pathOf(locale)]
  if (!load) throw new Error(`Unsupported locale: ${locale}`)
  const catalog = (await load()).default
  catalogs.set(locale, catalog)
  return catalog
}

// Intl objects are comparatively expensive to build; keep one per locale and options.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>()
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(
  kind: string,
  locale: string,
  options: object | undefined,
  create: () => F,
): F {
  const key = `${kind}|${locale}|${options ? JSON.stringify(options) : ''}`
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = create()
    formatters.set(key, formatter)
  }
  return formatter as F
}

export const numberFormat = (locale: string, options?: Intl.NumberFormatOptions) =>
  cached('n', locale, options, () => new Intl.NumberFormat(locale, options))
export const dateTimeFormat = (locale: string, options?: Intl.DateTimeFormatOptions) =>
  cached('d', locale, options, () => new Intl.DateTimeFormat(locale, options))
const pluralRules = (locale: string) => cached('p', locale, undefined, () => new Intl.PluralRules(locale))

function pick(message: PluralMessage, locale: string, count: number): string {
  return message[pluralRules(locale).select(count)] ?? message.other
}

function interpolate(template: string, locale: string, params: Record<string, unknown> | undefined): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name]
    if (value === undefined) return placeholder
    return typeof value === 'number' ? numberFormat(locale).format(value) : String(value)
  })
}

/**
 * Builds `t(key, params)` for one locale. A key missing from the catalog falls back to English
 * (then with English plural rules and number formatting, so the sentence stays consistent).
 */
export function createTranslator(locale: string, catalog: Catalog): Translate {
  return (key: MessageKey, ...args: [params?: Record<string, string | number>]) => {
    const params = args[0]
    const own: Message | undefined = catalog[key]
    const messageLocale = own === undefined ? SOURCE_LOCALE : locale
    const message: Message = own ?? en[key]
    const template =
      typeof message === 'string' ? message : pick(message, messageLocale, Number(params?.count ?? 0))
    return interpolate(template, messageLocale, params)
  }
}
