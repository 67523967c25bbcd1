import { describe, expect, it } from 'vitest'
import {
  asciiDigits,
  isolate,
  languageLabel,
  listText,
  parseCodes,
  suggestModuleId,
  suggestSlug,
} from './text'

describe('text helpers', () => {
  it('isolates user data with FSI … PDI', () => {
    expect(isolate('a@b.c')).toBe('\u2068a@b.c\u2069')
  })

  it('turns Arabic-Indic and Persian digits into 0-9', () => {
    expect(asciiDigits('١٢٣ ۴۵۶ 789')).toBe('123 456 789')
  })

  it('parses codes separated by commas, spaces, semicolons or the Arabic comma, without repeats', () => {
    expect(parseCodes(' ar, uk  fa;ar،de ')).toEqual(['ar', 'uk', 'fa', 'de'])
    expect(parseCodes('   ')).toEqual([])
  })

  it('joins lists with the Arabic comma in Arabic-script languages', () => {
    expect(listText('en', ['a', 'b'])).toBe('a, b')
    expect(listText('ar', ['a', 'b'])).toBe('a، b')
    expect(listText('fa-IR', ['a', 'b'])).toBe('a، b')
  })

  it('names languages in the UI language, and keeps unknown or malformed codes', () => {
    expect(languageLabel('en', 'ar')).toBe('Arabic')
    expect(languageLabel('en', 'not a code!')).toBe('not a code!')
  })

  it('suggests slugs and module ids', () => {
    expect(suggestSlug('Stadt München – Welcome!')).toBe('stadt-munchen-welcome')
    expect(suggestSlug('Straße')).toBe('strasse')
    expect(suggestSlug('x'.repeat(50))).toHaveLength(40)
    expect(suggestModuleId('Safeguarding basics_2')).toBe('safeguarding-basics_2')
    expect(suggestModuleId('  --Hello--  ')).toBe('hello')
  })
})
