import { describe, expect, it } from 'vitest'
import {
  cameSides,
  editedMeetingBody,
  emptyMeeting,
  emptyMyMeeting,
  meetingBody,
  meetingValues,
  myMeetingBody,
  numberOf,
} from './meetings'

describe('meeting bodies', () => {
  it('sends only what was said, as the API’s types', () => {
    expect(meetingBody(emptyMeeting('2026-12-01'))).toEqual({
      date: '2026-12-01',
      status: 'held',
      mentorCame: true,
      menteeCame: true,
    })
    expect(
      meetingBody({
        ...emptyMeeting('2026-12-01'),
        durationMinutes: ' 90 ',
        mode: 'video',
        topics: ['housing', 'documents'],
        menteeCame: false,
        mentorRating: '4',
        note: '  Talked about the flat.  ',
      }),
    ).toEqual({
      date: '2026-12-01',
      status: 'held',
      durationMinutes: 90,
      mode: 'video',
      topics: ['housing', 'documents'],
      mentorCame: true,
      menteeCame: false,
      mentorRating: 4,
      note: 'Talked about the flat.',
    })
  })

  it('leaves who came and how it went out of a meeting that is only planned', () => {
    expect(
      meetingBody({
        ...emptyMeeting('2026-12-24'),
        status: 'scheduled',
        mentorRating: '5',
        menteeCame: false,
      }),
    ).toEqual({ date: '2026-12-24', status: 'scheduled' })
  })

  it('gives the portal’s body the person’s own side only', () => {
    expect(myMeetingBody(emptyMyMeeting('2026-12-01'))).toEqual({ date: '2026-12-01', came: true })
    expect(
      myMeetingBody({ ...emptyMyMeeting('2026-12-01'), came: false, rating: '3', durationMinutes: '45' }),
    ).toEqual({ date: '2026-12-01', came: false, rating: 3, durationMinutes: 45 })
  })

  it('hands a number the API will refuse on as it was typed (the API names the field)', () => {
    expect(numberOf('')).toBeUndefined()
    expect(numberOf('  ')).toBeUndefined()
    expect(numberOf('2.5')).toBe(2.5)
  })
})

describe('meeting facts', () => {
  it('says who came, and nothing when nobody said', () => {
    expect(cameSides({ mentorCame: null, menteeCame: null })).toBeNull()
    expect(cameSides({ mentorCame: true, menteeCame: false })).toEqual(['mentor'])
    expect(cameSides({ mentorCame: true, menteeCame: true })).toEqual(['mentor', 'mentee'])
    expect(cameSides({ mentorCame: false, menteeCame: null })).toEqual([])
  })
})

describe('correcting a meeting', () => {
  const logged = {
    id: 'm1',
    matchId: 'x',
    date: '2026-11-20',
    status: 'scheduled' as const,
    durationMinutes: 30,
    mode: null,
    topics: ['housing'],
    source: 'coordinator' as const,
    createdAt: '2026-11-01T10:00:00.000Z',
    mentorCame: null,
    menteeCame: null,
    mentorRating: null,
    menteeRating: null,
    hasNote: true,
    note: 'Bring the school form.',
  }

  it('fills the form with the entry and sends the whole entry back', () => {
    const values = meetingValues(logged)
    expect(values).toMatchObject({ date: '2026-11-20', status: 'scheduled', durationMinutes: '30', mode: '' })
    expect(editedMeetingBody({ ...values, status: 'held', menteeRating: '5' }, logged)).toEqual({
      date: '2026-11-20',
      status: 'held',
      durationMinutes: 30,
      topics: ['housing'],
      mentorCame: false,
      menteeCame: false,
      menteeRating: 5,
      note: 'Bring the school form.',
    })
  })

  it('removes an emptied note it could read, and keeps one it could not open', () => {
    const emptied = { ...meetingValues(logged), note: '  ' }
    expect(editedMeetingBody(emptied, logged).note).toBeNull()
    expect(editedMeetingBody(emptied, { note: null })).not.toHaveProperty('note')
  })
})
