import { describe, expect, it } from 'vitest'
import { dirOf, isRtl, RTL_LOCALES } from './direction'

describe('direction', () => {
  it('knows which supported locales read right to left', () => {
    expect(RTL_LOCALES).toEqual(['ar', 'fa'])
  })

  it('reads the language of any tag, aliases included', () => {
    expect(isRtl('ar-SY')).toBe(true)
    expect(isRtl('fa_AF')).toBe(true)
    expect(isRtl('prs')).toBe(true)
    expect(isRtl('he')).toBe(true)
    expect(isRtl('uk')).toBe(false)
    expect(isRtl('')).toBe(false)
    expect(dirOf('ur')).toBe('rtl')
    expect(dirOf('de-CH')).toBe('ltr')
  })
})
