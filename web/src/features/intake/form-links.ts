import { LOCALES, matchLocale, type WebLocale } from '../../i18n/i18n'
import { intakePath } from '../../lib/paths'

/** The application form's links, one per language: for sharing, and for flyers with a QR code. */

export interface FormLanguage {
  /** The form's language. */
  locale: WebLocale
  /** The program's languages it serves (Dari `prs` is served by the Persian form). */
  codes: string[]
}

export interface FormLanguages {
  /** The form's languages for this program, in the program's order. */
  languages: FormLanguage[]
  /** The program's languages the form is not written in (people choose another one on the form). */
  missing: string[]
}

/** The form languages that serve a program's languages; every form language when none of them does. */
export function formLanguages(programLanguages: readonly string[]): FormLanguages {
  const languages: FormLanguage[] = []
  const missing: string[] = []
  for (const code of programLanguages) {
    const locale = matchLocale(code)
    if (!locale) {
      missing.push(code)
      continue
    }
    const served = languages.find((l) => l.locale === locale)
    if (served) served.codes.push(code)
    else languages.push({ locale, codes: [code] })
  }
  return {
    languages: languages.length > 0 ? languages : LOCALES.map((locale) => ({ locale, codes: [locale] })),
    missing,
  }
}

/** The whole address of the form that opens in `locale` (`…/apply/{org}/{program}?lang=ar`). */
export const formUrl = (origin: string, slug: string, program: string, locale: string) =>
  `${origin}${intakePath(slug, program)}?lang=${encodeURIComponent(locale)}`
