/** Text helpers for user data inside translated sentences, codes typed by coordinators, and lists. */

/**
 * Wraps user data (names, emails) that goes into a translated sentence in Unicode isolates
 * (FSI … PDI), the plain-text `<bdi>`: an email inside Arabic text keeps its own direction and the
 * sentence's punctuation stays in place.
 */
export const isolate = (text: string) => `\u2068${text}\u2069`

/** Arabic-Indic (٠١٢) and Persian (۰۱۲) digits, as typed on Arabic and Persian keyboards, to 0-9. */
export const asciiDigits = (text: string) =>
  text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.codePointAt(0) ?? 0) & 0xf))

/** Comma- or space-separated codes ("ar, uk  fa") → a list without blanks or repeats. */
export function parseCodes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;،]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]
}

/** "Arabic, German"; Arabic-script languages use their own comma ("العربية، الألمانية"). */
export function listText(locale: string, items: readonly string[]): string {
  return items.join(/^(ar|fa|ur|ps|ckb)\b/.test(locale) ? '، ' : ', ')
}

const displayNames = new Map<string, Intl.DisplayNames | null>()

/** A language code's name in the UI language ("ar" → "Arabic"); the code itself if unknown. */
export function languageLabel(locale: string, code: string): string {
  let names = displayNames.get(locale)
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale], { type: 'language' })
    } catch {
      names = null
    }
    displayNames.set(locale, names)
  }
  try {
    return names?.of(code) ?? code
  } catch {
    return code // not a well-formed code
  }
}

/** "Arabic, Ukrainian" for the codes in `codes`, in the UI language. */
export const languageList = (locale: string, codes: readonly string[]) =>
  listText(
    locale,
    codes.map((code) => languageLabel(locale, code)),
  )

/**
 * A machine name suggested from a human one: accents dropped, lower case, each run of `disallowed`
 * characters as one hyphen, no hyphen at either end, at most 40 characters.
 */
function machineName(text: string, disallowed: RegExp, eszett = 'ß'): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replaceAll('ß', eszett)
    .replace(disallowed, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
}

/** "Stadt München – Welcome!" → "stadt-munchen-welcome": a-z, 0-9 and single hyphens, at most 40. */
export const suggestSlug = (name: string) => machineName(name, /[^a-z0-9]+/g, 'ss')

/** "Safeguarding basics" → "safeguarding-basics" (a-z, 0-9, - and _; at most 40). */
export const suggestModuleId = (title: string) => machineName(title, /[^a-z0-9_]+/g)
