import { describe, expect, it } from 'vitest'
import { englishT } from '../../lib/test-translator'
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

  it('shows an unknown kind as is', () => {
    expect(describeEvent(englishT, 'en', event('something.new', null))).toBe('something.new')
  })
})
