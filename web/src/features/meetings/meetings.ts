import type { MeetingMode } from '@tandem/vocab'
import { type Answer, v1 } from '../../lib/client'

/**
 * A tandem's meetings as the API answers them: the coordinator's list of a match
 * (`/api/v1/orgs/{org}/programs/{program}/matches/{match}/meetings`) and a mentor's or newcomer's own
 * (`/api/v1/orgs/{org}/my/matches/{match}/meetings`); and the form's values as the bodies the API takes.
 */
export const meetingsRoute = v1.orgs[':org'].programs[':program'].matches[':match'].meetings
export const meetingRoute = meetingsRoute[':meeting']
export const myMeetingsRoute = v1.orgs[':org'].my.matches[':match'].meetings

export type Meeting = Answer<typeof meetingsRoute.$get>['items'][number]
export type MyMeeting = Answer<typeof myMeetingsRoute.$get>['items'][number]

/** What a meeting form holds: text as typed, '' for a choice not made. */
export interface MeetingValues {
  date: string
  status: 'held' | 'scheduled'
  durationMinutes: string
  mode: MeetingMode | ''
  topics: string[]
  mentorCame: boolean
  menteeCame: boolean
  mentorRating: string
  menteeRating: string
  note: string
}

export const emptyMeeting = (date: string): MeetingValues => ({
  date,
  status: 'held',
  durationMinutes: '',
  mode: '',
  topics: [],
  mentorCame: true,
  menteeCame: true,
  mentorRating: '',
  menteeRating: '',
  note: '',
})

/** A whole number typed into a field, or nothing when it is empty (a bad one goes to the API, which names it). */
export const numberOf = (text: string): number | undefined => {
  const trimmed = text.trim()
  return trimmed === '' ? undefined : Number(trimmed)
}

/** Only the keys whose value is set: the API takes a missing key as "not said". */
const defined = <T extends Record<string, unknown>>(body: T) =>
  Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>
  }

/** How long, how and about what, as a body leaves them out when not given. */
const basics = (values: { durationMinutes: string; mode: MeetingMode | ''; topics: string[] }) => ({
  durationMinutes: numberOf(values.durationMinutes),
  mode: values.mode || undefined,
  topics: values.topics.length > 0 ? values.topics : undefined,
})

/**
 * The coordinator's body of `POST …/meetings`. Who came and how it went belong to a meeting that took place; a
 * scheduled one has neither.
 */
export function meetingBody(values: MeetingValues) {
  const held = values.status === 'held'
  const note = values.note.trim()
  return {
    date: values.date,
    status: values.status,
    ...defined({
      ...basics(values),
      mentorCame: held ? values.mentorCame : undefined,
      menteeCame: held ? values.menteeCame : undefined,
      mentorRating: held ? numberOf(values.mentorRating) : undefined,
      menteeRating: held ? numberOf(values.menteeRating) : undefined,
      note: note || undefined,
    }),
  }
}

/** Who came to a meeting, as the sides that did; `null` when nobody said. */
export function cameSides(meeting: {
  mentorCame: boolean | null
  menteeCame: boolean | null
}): ('mentor' | 'mentee')[] | null {
  if (meeting.mentorCame === null && meeting.menteeCame === null) return null
  return [meeting.mentorCame && ('mentor' as const), meeting.menteeCame && ('mentee' as const)].filter(
    (side): side is 'mentor' | 'mentee' => !!side,
  )
}

/** What a mentor or newcomer logs in the portal: their own side only. */
export interface MyMeetingValues {
  date: string
  durationMinutes: string
  mode: MeetingMode | ''
  topics: string[]
  came: boolean
  rating: string
}

export const emptyMyMeeting = (date: string): MyMeetingValues => ({
  date,
  durationMinutes: '',
  mode: '',
  topics: [],
  came: true,
  rating: '',
})

/** The body of the portal's `POST …/my/matches/{match}/meetings` (a meeting that took place). */
export function myMeetingBody(values: MyMeetingValues) {
  return {
    date: values.date,
    came: values.came,
    ...defined({
      ...basics(values),
      rating: numberOf(values.rating),
    }),
  }
}

/** The ratings 1–5 as the codes of a choice. */
export const RATINGS = ['1', '2', '3', '4', '5'] as const
