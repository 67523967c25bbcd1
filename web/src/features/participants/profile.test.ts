import { describe, expect, it } from 'vitest'
import type { ParticipantDetail } from './participant'
import { missingError, missingProfile, profileChanges, profileValues, slotOrder } from './profile'

/** A whole participant as `GET …/participants/{participant}` answers it: a mentor, with `changes` on top. */
const participantWith = (changes: Partial<ParticipantDetail> = {}): ParticipantDetail => ({
  id: 'p',
  programId: 'prog',
  role: 'mentor',
  displayName: 'Jonas Weber',
  email: 'jonas@example.org',
  phone: null,
  contactPreference: null,
  status: 'ready',
  languages: [
    { code: 'de', level: 'native' },
    { code: 'ar', level: 'B1' },
  ],
  neighborhood: 'Altstadt',
  portalLinked: false,
  createdAt: '2025-01-06T09:00:00.000Z',
  preferredLocale: 'de',
  wantsInterpretation: false,
  interests: ['football', 'cooking'],
  sector: null,
  availability: ['mon-am', 'wed-eve'],
  location: null,
  settlementNeeds: [],
  accessNeeds: [],
  capacity: 2,
  demographics: null,
  demographicsConsentAt: null,
  consentVersion: null,
  consentAt: null,
  exitReason: null,
  source: 'coordinator',
  hasProtectedData: false,
  updatedAt: null,
  screening: null,
  history: [],
  tandems: [],
  portalInvitation: null,
  ...changes,
})

const participant = participantWith()

describe('the profile edit form', () => {
  it('starts from the profile and sends nothing when nothing changed', () => {
    const values = profileValues(participant)
    expect(values).toMatchObject({ email: 'jonas@example.org', phone: '', capacity: '2' })
    expect(profileChanges(participant, values)).toEqual({})
    // The same sets in another order are no change.
    expect(
      profileChanges(participant, {
        ...values,
        interests: ['cooking', 'football'],
        availability: ['wed-eve', 'mon-am'],
      }),
    ).toEqual({})
  })

  it('sends only what changed; cleared text is null', () => {
    const values = profileValues(participant)
    const change = profileChanges(participant, {
      ...values,
      displayName: ' Jonas W. ',
      email: '  ',
      languages: [...values.languages, { key: 9, code: 'uk', level: 'A2' }],
      availability: ['sat-pm', 'mon-am'],
      accessNeeds: ['child_care', 'not-a-need'],
      capacity: '3',
    })
    expect(change).toEqual({
      displayName: 'Jonas W.',
      email: null,
      languages: [
        { code: 'de', level: 'native' },
        { code: 'ar', level: 'B1' },
        { code: 'uk', level: 'A2' },
      ],
      availability: ['mon-am', 'sat-pm'],
      accessNeeds: ['child_care'],
      capacity: 3,
    })
  })

  it('never sends a capacity for a mentee', () => {
    const mentee = participantWith({ role: 'mentee', capacity: 1 })
    expect(profileChanges(mentee, { ...profileValues(mentee), capacity: '3' })).toEqual({})
  })

  it('names the required answers left empty', () => {
    const values = profileValues(participant)
    expect(
      missingProfile({ ...values, displayName: ' ', languages: [{ key: 0, code: 'de', level: '' }] }),
    ).toEqual(['displayName', 'languages.0.level'])
    const error = missingError(['displayName'], 'Required.')
    expect(error.status).toBe(400)
    expect(error.fieldError('displayName')).toBe('Required.')
  })

  it('keeps weekly slots in week order', () => {
    expect(slotOrder(['sun-eve', 'mon-pm', 'mon-am'])).toEqual(['mon-am', 'mon-pm', 'sun-eve'])
  })
})
