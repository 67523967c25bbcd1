import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clearDraft, DRAFT_MAX_AGE_MS, draftKey, hasAnswers, KEPT, loadDraft, saveDraft } from './draft'
import { type Answers, NO_ANSWERS } from './intake'

/** A plain in-memory localStorage (the unit tests run without a DOM). */
class MemoryStorage {
  items = new Map<string, string>()
  getItem = (key: string) => this.items.get(key) ?? null
  setItem = (key: string, value: string) => void this.items.set(key, String(value))
  removeItem = (key: string) => void this.items.delete(key)
}

let storage: MemoryStorage
beforeEach(() => {
  storage = new MemoryStorage()
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true })
})
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage')
})

const key = draftKey('city', 'p1')
/** The everyday answers a reload brings back. */
const everyday = {
  role: 'mentee',
  displayName: 'أمل',
  phone: '+49 170 1234567',
  contactPreference: 'whatsapp',
  languages: [{ key: 0, code: 'ar', level: 'native' }],
  interests: ['cooking'],
} satisfies Partial<Answers>
const filled: Answers = {
  ...NO_ANSWERS,
  ...everyday,
  settlementNeeds: ['health_care', 'documentation'],
  accessNeeds: ['low_literacy'],
  location: { lat: 52.5, lon: 13.4 },
  demographicsConsent: true,
  ageBand: '26-35',
  gender: 'f',
  arrivalYear: '2023',
  regionOfOrigin: 'Aleppo',
  consent: true,
  website: 'bot',
}

describe('answers kept on the device', () => {
  it('keeps the everyday answers and the step through a reload', () => {
    saveDraft(key, filled, 2, 1_000)
    const draft = loadDraft(key, 2_000)
    expect(draft?.step).toBe(2)
    expect(draft?.answers).toMatchObject(everyday)
  })

  it('never writes needs, location, the questions about the person, the agreement or the honeypot', () => {
    saveDraft(key, filled, 3, 1_000)
    const stored = storage.getItem(key) ?? ''
    for (const secret of [
      'health_care',
      'documentation',
      'low_literacy',
      '52.5',
      '26-35',
      'Aleppo',
      '2023',
      'bot',
    ]) {
      expect(stored).not.toContain(secret)
    }
    const answers = JSON.parse(stored).answers as Record<string, unknown>
    expect(Object.keys(answers).sort()).toEqual([...KEPT].sort())
    const draft = loadDraft(key, 2_000)
    expect(draft?.answers).toMatchObject({
      settlementNeeds: [],
      accessNeeds: [],
      location: null,
      demographicsConsent: false,
      ageBand: '',
      regionOfOrigin: '',
      consent: false,
      website: '',
    })
  })

  it('drops old drafts, clears on request and trusts nothing it reads', () => {
    saveDraft(key, filled, 1, 1_000)
    expect(loadDraft(key, 1_000 + DRAFT_MAX_AGE_MS + 1)).toBeNull()
    expect(storage.getItem(key)).toBeNull()

    saveDraft(key, filled, 1, 1_000)
    clearDraft(key)
    expect(loadDraft(key, 2_000)).toBeNull()

    storage.setItem(
      key,
      JSON.stringify({
        savedAt: 1_000,
        step: 99,
        answers: { role: 'admin', languages: [{ code: 'ar', level: 'Z9' }, 'x'], contactPreference: 'fax' },
      }),
    )
    const draft = loadDraft(key, 2_000)
    expect(draft?.step).toBe(3)
    expect(draft?.answers).toMatchObject({
      role: '',
      contactPreference: '',
      languages: [{ key: 0, code: 'ar', level: '' }],
    })
    storage.setItem(key, '{not json')
    expect(loadDraft(key, 2_000)).toBeNull()
  })

  it('tells an untouched form from one with answers', () => {
    expect(hasAnswers(NO_ANSWERS)).toBe(false)
    expect(hasAnswers({ ...NO_ANSWERS, consent: true })).toBe(false)
    expect(hasAnswers({ ...NO_ANSWERS, displayName: 'A' })).toBe(true)
  })
})
