import { afterEach, describe, expect, it, vi } from 'vitest'
import { chosenLocale, linkedLocale } from './i18n'

/** A stand-in for the browser's storage holding one saved language (or none). */
const storageWith = (saved: string | null) => ({ getItem: () => saved, setItem: () => {} })

describe('the language a reader chose', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('is the one a link names, then the one they saved with the switcher', () => {
    vi.stubGlobal('localStorage', storageWith('de'))
    expect(chosenLocale('?lang=ar')).toBe('ar')
    expect(chosenLocale('?lang=prs')).toBe('fa')
    expect(chosenLocale('')).toBe('de')
  })

  it('is none on a first visit, so a page behind an email link may follow its addressee', () => {
    vi.stubGlobal('localStorage', storageWith(null))
    expect(chosenLocale('?token=x&answer=met')).toBeUndefined()
    // A saved value we do not have (any more) is no choice either.
    vi.stubGlobal('localStorage', storageWith('xx'))
    expect(chosenLocale('')).toBeUndefined()
    expect(linkedLocale('?lang=xx')).toBeUndefined()
  })
})
