import { COMMON_TOPICS } from '@tandem/vocab'
import { describe, expect, it } from 'vitest'
import de from '../i18n/locales/de'
import es from '../i18n/locales/es'
import fa from '../i18n/locales/fa'
import uk from '../i18n/locales/uk'
import { arabicT, englishT } from './test-translator'
import { availabilityText, codeLabel, moduleTitle, slotLabel, topicLabel } from './vocabulary'

const labels = {
  interests: { football: { ar: 'الكرة', de: 'Fußball (Verein)' }, backgammon: { ar: 'طاولة' } },
}

describe('program vocabularies in words', () => {
  it('names every common topic in every language', () => {
    for (const code of COMMON_TOPICS) {
      expect(topicLabel(englishT, code)).not.toBe(code)
      expect(topicLabel(arabicT, code)).not.toBe(topicLabel(englishT, code))
      for (const catalog of [de, es, fa, uk]) expect(catalog).toHaveProperty([`topic.${code}`])
    }
  })

  it('prefers the program’s own name, then the shipped one, then the code in words', () => {
    expect(codeLabel(arabicT, 'ar', labels, 'interests', 'football')).toBe('الكرة')
    expect(codeLabel(englishT, 'en', labels, 'interests', 'football')).toBe(englishT('topic.football'))
    expect(codeLabel(arabicT, 'ar', labels, 'interests', 'cycling')).toBe(arabicT('topic.cycling'))
    expect(codeLabel(arabicT, 'ar', labels, 'interests', 'backgammon')).toBe('طاولة')
    expect(codeLabel(englishT, 'en', labels, 'interests', 'board_games')).toBe('Board games')
    expect(codeLabel(englishT, 'en', undefined, 'goalAreas', 'health_care')).toBe(
      englishT('topic.health_care'),
    )
  })

  it('titles a training module in the reader’s language, else as it was given', () => {
    const module = { id: 'safeguarding', title: 'Safeguarding basics' }
    const names = { trainingModules: { safeguarding: { uk: 'Основи захисту' } } }
    expect(moduleTitle('uk', names, module)).toBe('Основи захисту')
    expect(moduleTitle('ar', names, module)).toBe('Safeguarding basics')
  })

  it('reads availability slots as weekday and part of the day', () => {
    expect(slotLabel(englishT, 'en', 'mon-pm')).toBe('Monday afternoon')
    expect(slotLabel(arabicT, 'ar', 'sat-am')).toBe(
      arabicT('slot.label', {
        day: new Intl.DateTimeFormat('ar', { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 6)),
        part: arabicT('slot.am'),
      }),
    )
    expect(slotLabel(englishT, 'en', 'someday')).toBe('someday')
    expect(availabilityText(englishT, 'en', ['sat-pm', 'mon-eve', 'mon-am'])).toBe(
      'Monday: morning, evening; Saturday: afternoon',
    )
  })
})
