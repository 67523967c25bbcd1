import type { MeetingMode, MeetingStatus } from '@tandem/vocab'
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
  status: MeetingStatus
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

/** A logged meeting as the form shows it for a correction (a note that cannot be opened shows empty). */
export const meetingValues = (meeting: Meeting): MeetingValues => ({
  date: meeting.date,
  status: meeting.status,
  durationMinutes: meeting.durationMinutes === null ? '' : String(meeting.durationMinutes),
  mode: meeting.mode ?? '',
  topics: [...meeting.topics],
  mentorCame: meeting.mentorCame ?? false,
  menteeCame: meeting.menteeCame ?? false,
  mentorRating: meeting.mentorRating === null ? '' : String(meeting.mentorRating),
  menteeRating: meeting.menteeRating === null ? '' : String(meeting.menteeRating),
  note: meeting.note ?? '',
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

/**
 * The body of `PUT …/meetings/{meeting}`: the whole entry again. An emptied note is removed (`null`) when the
 * editor could read it; a note they could not open is left as it is (the key is left out).
 */
export function editedMeetingBody(values: MeetingValues, before: Pick<Meeting, 'note'>) {
  const body = meetingBody(values)
  if (body.note !== undefined || before.note === null || before.note === undefined) return body
  return { ...body, note: null }
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
