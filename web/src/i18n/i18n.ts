import {
  dirOf,
  isLocale,
  type Locale,
  matchLocale as matchSupported,
  roleLabel,
  SOURCE_LOCALE,
  TERMS,
} from '@tandem/i18n'
import en from './locales/en'
import type { Catalog, Message, MessageKey, PluralMessage, Translate } from './types'

/**
 * The i18n core: which languages exist, picking one, loading its catalog, and `t()`.
 * No library: formatting is Intl.NumberFormat / DateTimeFormat / PluralRules / DisplayNames.
 * The language list, text direction and words shared with the emails come from `@tandem/i18n`.
 */

export { SOURCE_LOCALE }

const STORAGE_KEY = 'tandem.locale'

/**
 * The languages the web client is translated into, English first: the whole shared list. Adding one is a file
 * in ./locales and a line here.
 */
export const LOCALES = ['en', 'ar', 'de', 'es', 'fa', 'uk'] as const satisfies readonly Locale[]
export type WebLocale = (typeof LOCALES)[number]

export const isWebLocale = (locale: string): locale is WebLocale =>
  (LOCALES as readonly string[]).includes(locale)

// Every catalog except English is a lazily loaded chunk; the type makes each listed language have one.
const loaders: Record<Exclude<WebLocale, typeof SOURCE_LOCALE>, () => Promise<{ default: Catalog }>> = {
  ar: () => import('./locales/ar'),
  de: () => import('./locales/de'),
  es: () => import('./locales/es'),
  fa: () => import('./locales/fa'),
  uk: () => import('./locales/uk'),
}

/** `ltr` or `rtl` for a language tag. */
export { dirOf as directionOf } from '@tandem/i18n'

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
export const matchLocale = (tag: string): WebLocale | undefined => matchSupported(tag, LOCALES)

/**
 * A link that names its language (`?lang=ar`: the application form's links and QR codes, one per language) wins;
 * then a saved choice; on a first visit, the first of the browser's languages we support; else English.
 */
export function detectLocale(): WebLocale {
  const linked = linkedLocale()
  if (linked) return linked
  const saved = readSavedLocale()
  if (saved && isWebLocale(saved)) return saved
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language]
  for (const tag of preferred) {
    const match = tag ? matchLocale(tag) : undefined
    if (match) return match
  }
  return SOURCE_LOCALE
}

/** The language a link names with `?lang=` (`ar`, also `ar-SY` or Dari `prs`), if we have it. */
export function linkedLocale(search: string = globalThis.location?.search ?? ''): WebLocale | undefined {
  const tag = new URLSearchParams(search).get('lang')
  return tag ? matchLocale(tag) : undefined
}

/**
 * The language the person chose: one their link names (`?lang=`) or one they saved with the switcher. A page
 * behind an email link follows the addressee's language (`useTokenLink`'s `localeOf`) only when there is none.
 */
export function chosenLocale(search?: string): WebLocale | undefined {
  const linked = linkedLocale(search)
  if (linked) return linked
  const saved = readSavedLocale()
  return saved && isWebLocale(saved) ? saved : undefined
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
  root.dir = dirOf(locale)
}

const catalogs = new Map<string, Catalog>([[SOURCE_LOCALE, en]])

/** Loads (once) the catalog of a supported locale. Rejects if the chunk cannot be fetched. */
export async function loadCatalog(locale: string): Promise<Catalog> {
  const cached = catalogs.get(locale)
  if (cached) return cached
  if (!isWebLocale(locale) || locale === SOURCE_LOCALE) throw new Error(`Unsupported locale: ${locale}`)
  const load = loaders[locale]
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
 * Words the emails use too (`@tandem/i18n`): role names and "Sign in". A catalog's own wording wins; a
 * language whose catalog lacks them gets these before English.
 */
function sharedMessages(locale: string): Catalog {
  if (!isLocale(locale)) return {}
  return {
    'role.owner': roleLabel(locale, 'owner'),
    'role.admin': roleLabel(locale, 'admin'),
    'role.coordinator': roleLabel(locale, 'coordinator'),
    'role.mentor': roleLabel(locale, 'mentor'),
    'role.mentee': roleLabel(locale, 'mentee'),
    'role.partner': roleLabel(locale, 'partner'),
    'account.signIn': TERMS[locale].signIn,
  }
}

/**
 * Builds `t(key, params)` for one locale. A key missing from the catalog (and from the shared words) falls
 * back to English (then with English plural rules and number formatting, so the sentence stays consistent).
 */
export function createTranslator(locale: string, catalog: Catalog): Translate {
  const shared = sharedMessages(locale)
  return (key: MessageKey, ...args: [params?: Record<string, string | number>]) => {
    const params = args[0]
    const message: Message | undefined = catalog[key] ?? shared[key]
    const messageLocale = message === undefined ? SOURCE_LOCALE : locale
    const chosen: Message = message ?? en[key]
    const template =
      typeof chosen === 'string' ? chosen : pick(chosen, messageLocale, Number(params?.count ?? 0))
    return interpolate(template, messageLocale, params)
  }
}
