import { type ComponentChildren, createContext } from 'preact'
import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks'
import {
  applyToDocument,
  createTranslator,
  dateTimeFormat,
  directionOf,
  loadCatalog,
  numberFormat,
  SOURCE_LOCALE,
  saveLocale,
} from './i18n'
import en from './locales/en'
import type { Catalog, Direction, Translate } from './types'

export interface I18n {
  locale: string
  dir: Direction
  t: Translate
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string
  formatDate: (value: Date | number, options?: Intl.DateTimeFormatOptions) => string
  /**
   * Loads the catalog, then switches the UI, `<html lang dir>` and the saved choice (`remember: false`: not the
   * saved choice, for a page that follows the language of the person an email link is for).
   */
  setLocale: (locale: string, options?: { remember?: boolean }) => Promise<void>
  /** The locale being loaded after a switch, if any (for `aria-busy`). */
  pending: string | null
}

function build(locale: string, catalog: Catalog): Omit<I18n, 'setLocale' | 'pending'> {
  return {
    locale,
    dir: directionOf(locale),
    t: createTranslator(locale, catalog),
    formatNumber: (value, options) => numberFormat(locale, options).format(value),
    formatDate: (value, options) => dateTimeFormat(locale, options).format(value),
  }
}

const I18nContext = createContext<I18n>({
  ...build(SOURCE_LOCALE, en),
  setLocale: async () => {},
  pending: null,
})

export const useI18n = () => useContext(I18nContext)

/** Sets `document.title` to "<page> · Tandem" in the current language. */
export function useTitle(page?: string) {
  useEffect(() => {
    document.title = page ? `${page} · Tandem` : 'Tandem'
  }, [page])
}

export function I18nProvider(props: { locale: string; catalog: Catalog; children: ComponentChildren }) {
  const [active, setActive] = useState({ locale: props.locale, catalog: props.catalog })
  const [pending, setPending] = useState<string | null>(null)
  const latest = useRef(props.locale)

  const value = useMemo<I18n>(
    () => ({
      ...build(active.locale, active.catalog),
      pending,
      setLocale: async (locale, options) => {
        latest.current = locale
        setPending(locale)
        try {
          const catalog = await loadCatalog(locale)
          if (latest.current !== locale) return // a later choice won the race
          if (options?.remember !== false) saveLocale(locale)
          applyToDocument(locale)
          setActive({ locale, catalog })
        } finally {
          if (latest.current === locale) setPending(null)
        }
      },
    }),
    [active, pending],
  )

  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>
}
