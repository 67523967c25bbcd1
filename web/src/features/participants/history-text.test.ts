import { PARTICIPANT_EVENT_KINDS } from '@tandem/vocab'
import { describe, expect, it } from 'vitest'
import de from '../../i18n/locales/de'
import en from '../../i18n/locales/en'
import es from '../../i18n/locales/es'
import fa from '../../i18n/locales/fa'
import uk from '../../i18n/locales/uk'
import { arabicT, englishT } from '../../lib/test-translator'
import { describeEvent } from './history-text'

const event = (kind: string, detail: Record<string, string | number | boolean | null> | null) => ({
  id: '1',
  kind,
  detail,
  actorUserId: null,
  createdAt: '2024-01-01T00:00:00Z',
})

describe('describeEvent', () => {
  it('writes each kind of event as a sentence', () => {
    expect(
      describeEvent(englishT, 'en', event('status', { from: 'applied', to: 'exited', reason: 'withdrew' })),
    ).toBe(
      `${englishT('history.status', { from: englishT('status.applied'), to: englishT('status.exited') })} (${englishT('exit.withdrew')})`,
    )
    expect(describeEvent(englishT, 'en', event('enrolled', { source: 'intake' }))).toBe(
      englishT('history.enrolled', { source: englishT('participant.source.intake') }),
    )
    expect(describeEvent(englishT, 'en', event('screening.updated', { fields: 'references,approved' }))).toBe(
      englishT('history.screening', {
        fields: `${englishT('screening.references')}, ${englishT('screening.approval')}`,
      }),
    )
    expect(describeEvent(englishT, 'en', event('consent', { version: 'v2', locale: 'ar' }))).toBe(
      englishT('history.consent', { version: 'v2', language: 'Arabic' }),
    )
  })

  it('has a sentence for every kind of event, in English and Arabic', () => {
    for (const kind of PARTICIPANT_EVENT_KINDS) {
      const english = describeEvent(englishT, 'en', event(kind, {}))
      expect(english, kind).not.toBe(kind)
      expect(english, kind).not.toMatch(/\{\w+\}/)
      expect(describeEvent(arabicT, 'ar', event(kind, {})), kind).not.toBe(english)
    }
    // The sentences added for tandems and profile fields are in every catalog.
    const added = Object.keys(en).filter((key) => /^history\.(match|field\.)/.test(key))
    expect(added.length).toBeGreaterThan(5)
    for (const catalog of [de, es, fa, uk]) for (const key of added) expect(catalog).toHaveProperty([key])
  })

  it('says how a tandem ended, and who asked', () => {
    const ended = (requestedBy: string | null) =>
      describeEvent(englishT, 'en', event('match.ended', { reason: 'completed', requestedBy }))
    const reason = englishT('match.end.completed')
    expect(ended(null)).toBe(englishT('history.matchEnded', { reason }))
    expect(ended('mentee')).toBe(englishT('history.matchEndedOwn', { reason }))
    expect(ended('coordinator')).toBe(englishT('history.matchEndedCoordinator', { reason }))
    expect(describeEvent(englishT, 'en', event('profile.updated', { fields: 'displayName,interests' }))).toBe(
      englishT('history.profile', {
        fields: `${englishT('enroll.name')}, ${englishT('participant.interests')}`,
      }),
    )
  })

  it('shows an unknown kind as is', () => {
    expect(describeEvent(englishT, 'en', event('something.new', null))).toBe('something.new')
  })
})
