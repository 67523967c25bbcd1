import { describe, expect, it } from 'vitest'
import {
  isLocale,
  LOCALES,
  languageOf,
  matchLocale,
  negotiateLocale,
  resolveLocale,
  SOURCE_LOCALE,
} from './locales'

describe('LOCALES', () => {
  it('starts with the source language and has no duplicates', () => {
    expect(LOCALES[0]).toBe(SOURCE_LOCALE)
    expect(new Set(LOCALES).size).toBe(LOCALES.length)
    expect(isLocale('fa')).toBe(true)
    expect(isLocale('fr')).toBe(false)
    expect(isLocale('EN')).toBe(false)
  })
})

describe('languageOf', () => {
  it('takes the primary subtag in lower case and resolves aliases', () => {
    expect(languageOf('ar-SY')).toBe('ar')
    expect(languageOf('en_US')).toBe('en')
    expect(languageOf(' DE ')).toBe('de')
    expect(languageOf('prs')).toBe('fa')
    expect(languageOf('prs-AF')).toBe('fa')
    expect(languageOf('iw')).toBe('he')
    expect(languageOf('')).toBe('')
  })
})

describe('matchLocale', () => {
  it('matches a tag to a supported locale by language', () => {
    expect(matchLocale('ar-EG', LOCALES)).toBe('ar')
    expect(matchLocale('en_US', LOCALES)).toBe('en')
    expect(matchLocale('UK', LOCALES)).toBe('uk')
    expect(matchLocale('prs', LOCALES)).toBe('fa')
    expect(matchLocale('fr-FR', LOCALES)).toBeUndefined()
    expect(matchLocale('  ', LOCALES)).toBeUndefined()
  })

  it('keeps to the subset it is given, and prefers an exact regional match', () => {
    const web = ['en', 'ar', 'es'] as const
    expect(matchLocale('de-AT', web)).toBeUndefined()
    expect(matchLocale('es-MX', web)).toBe('es')
    expect(matchLocale('pt-br', ['pt-PT', 'pt-BR'])).toBe('pt-BR')
    expect(matchLocale('pt-AO', ['pt-PT', 'pt-BR'])).toBe('pt-PT')
  })
})

describe('negotiateLocale', () => {
  it('takes the first candidate that matches, else the fallback', () => {
    expect(negotiateLocale(['xx', 'uk-UA'], LOCALES, 'en')).toBe('uk')
    expect(negotiateLocale([null, undefined, ''], LOCALES, 'en')).toBe('en')
    expect(negotiateLocale(['de'], ['en', 'ar'] as const, 'ar')).toBe('ar')
  })

  it('resolveLocale negotiates over every locale with English last', () => {
    expect(resolveLocale('ar-SY')).toBe('ar')
    expect(resolveLocale('prs', 'de')).toBe('fa')
    expect(resolveLocale(' es ')).toBe('es')
    expect(resolveLocale('zz', 'DE')).toBe('de')
    expect(resolveLocale(undefined, null)).toBe('en')
    expect(resolveLocale()).toBe('en')
  })
})
