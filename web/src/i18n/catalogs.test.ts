import { describe, expect, it } from 'vitest'
import { LOCALES, loadCatalog } from './i18n'
import en from './locales/en'
import type { Message } from './types'

/**
 * Every catalog is complete: each language has every key of the English source catalog, no key English
 * lacks, the same `{placeholders}`, and every plural form its language needs. A missing key would fall back
 * to English at runtime; this test makes that a CI failure instead.
 */

/** Keys a catalog may leave out on purpose: the brand is not translated, so it falls back to English. */
const UNTRANSLATED: ReadonlySet<string> = new Set(['app.name'])

const placeholdersOf = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')

/** The placeholders of a message, sorted and without duplicates (all plural forms together). */
function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message)
  return [...new Set(texts.flatMap(placeholdersOf))].sort()
}

const source: Readonly<Record<string, Message>> = en

/** What is wrong with one catalog, one line per problem (empty when it is complete). */
async function problemsOf(locale: string): Promise<string[]> {
  const catalog: Readonly<Record<string, Message | undefined>> = await loadCatalog(locale)
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories
  const problems: string[] = []
  for (const [key, english] of Object.entries(source)) {
    const message = catalog[key]
    if (message === undefined) {
      if (!UNTRANSLATED.has(key)) problems.push(`${key}: missing`)
      continue
    }
    if (typeof message !== typeof english) {
      problems.push(
        `${key}: ${typeof english === 'string' ? 'a plain message' : 'a plural message'} in English`,
      )
      continue
    }
    // Plural forms count together: one may leave out a word (Arabic "one" needs no number), none adds one.
    const expected = placeholders(english)
    const actual = placeholders(message)
    if (actual.join() !== expected.join()) {
      problems.push(`${key}: placeholders {${actual.join('} {')}} instead of {${expected.join('} {')}}`)
    }
    if (typeof message === 'string' || typeof english === 'string') continue
    for (const category of new Set<Intl.LDMLPluralRule>([...categories, 'other'])) {
      if (message[category] === undefined) problems.push(`${key}: no plural form "${category}"`)
    }
    // `other` is the form for most numbers, so it says everything the English one says.
    if (placeholders(message.other).join() !== placeholders(english.other).join()) {
      problems.push(`${key}.other: placeholders differ from English "other"`)
    }
  }
  for (const key of Object.keys(catalog)) {
    if (!Object.hasOwn(source, key)) problems.push(`${key}: not a key of the English catalog`)
  }
  return problems
}

describe('catalogs', () => {
  it.each(LOCALES)(
    '%s has every English key, the same placeholders and every plural form',
    async (locale) => {
      expect(await problemsOf(locale)).toEqual([])
    },
  )
})
