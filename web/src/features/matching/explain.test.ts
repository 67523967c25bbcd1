import { describe, expect, it } from 'vitest'
import { englishT } from '../../lib/test-translator'
import { explainItem } from './explain'

const item = (messageKey: string, params: Record<string, string | number> = {}, criterion = 'language') => ({
  criterion,
  points: 7,
  messageKey,
  params,
})

describe('explainItem', () => {
  it('puts language names, levels and hours into the sentence', () => {
    expect(explainItem(englishT, 'en', item('match.language.shared', { language: 'ar', level: 'B2' }))).toBe(
      'Both speak Arabic (at least B2).',
    )
    expect(
      explainItem(englishT, 'en', item('match.language.shared', { language: 'ar', level: 'native' })),
    ).toBe(englishT('board.explain.sharedNative', { language: 'Arabic' }))
    expect(explainItem(englishT, 'en', item('match.availability.overlap', { minutes: 270 }))).toBe(
      '4.5 h a week when both are free.',
    )
  })

  it('names shared interests in words: the program’s own names, else the shipped ones', () => {
    const shared = item(
      'match.interests.shared',
      { count: 2, interests: 'football, backgammon' },
      'interests',
    )
    expect(explainItem(englishT, 'en', shared)).toBe(
      englishT('match.interests.shared', {
        count: 2,
        interests: `${englishT('topic.football')}, Backgammon`,
      }),
    )
    const own = (code: string) => (code === 'backgammon' ? 'Tavla' : code)
    expect(explainItem(englishT, 'en', shared, own)).toContain('Tavla')
  })

  it('names the needs a mentor can help with', () => {
    const text = explainItem(
      englishT,
      'en',
      item('match.needs.covered', { covered: 2, total: 3, needs: 'housing,education' }),
    )
    expect(text).toContain(englishT('need.housing'))
    expect(text).toContain(englishT('need.education'))
    expect(explainItem(englishT, 'en', item('match.needs.covered', { covered: 0, total: 3 }))).toBe(
      englishT('board.explain.noNeedsCovered', { total: 3 }),
    )
  })

  it('falls back to the criterion and its points for a key it does not know', () => {
    expect(explainItem(englishT, 'en', item('match.something.new', {}, 'sector'))).toBe(
      englishT('board.explain.generic', { criterion: englishT('matching.sector'), points: 7 }),
    )
  })
})
