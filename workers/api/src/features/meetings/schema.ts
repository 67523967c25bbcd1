import { LOCALES } from '@tandem/i18n'
import {
  CHECK_IN_ANSWERS,
  MAX_MEETING_MINUTES,
  MEETING_MODES,
  MEETING_RATING,
  MEETING_SOURCES,
  MEETING_STATUSES,
} from '@tandem/vocab'
import * as v from 'valibot'
import { rule, unique } from '../../lib/field-errors'
import { Day, Id, Text } from '../../lib/schema'
import { MatchParam } from '../matches/schema'
import { MyMatchParam } from '../portal/schema'
import { Code } from '../programs/schema'

/** The path of one meeting: `…/matches/{match}/meetings/{meeting}`. */
export const MeetingParam = v.object({ ...MatchParam.entries, meeting: Id })

const Minutes = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_MEETING_MINUTES))
const Rating = v.pipe(v.number(), v.integer(), v.minValue(MEETING_RATING.min), v.maxValue(MEETING_RATING.max))
/** Codes from the program's goal areas (checked against the program by the service). */
const Topics = v.pipe(v.array(Code), v.maxLength(30), rule(unique, 'duplicate', 'List each topic once.'))

/** What a coordinator and a mentor or mentee alike record of the meeting itself. */
const meetingBodyEntries = {
  date: Day,
  status: v.optional(v.picklist(MEETING_STATUSES), 'held'),
  durationMinutes: v.optional(Minutes),
  mode: v.optional(v.picklist(MEETING_MODES)),
  topics: v.optional(Topics, []),
}

/** What a coordinator records about a meeting (held by default; `scheduled` plans one). */
export const CreateMeetingBody = v.object({
  ...meetingBodyEntries,
  mentorCame: v.optional(v.boolean()),
  menteeCame: v.optional(v.boolean()),
  mentorRating: v.optional(Rating),
  menteeRating: v.optional(Rating),
  /** Seen only by coordinators; sealed at rest. */
  note: v.optional(v.pipe(Text(4000), v.minLength(1, 'Write something in the note, or leave it out.'))),
})

/**
 * A coordinator's correction of a meeting: the whole entry again. `note` left out keeps the sealed note as it is
 * (it may be one the editor cannot open); `null` removes it.
 */
export const EditMeetingBody = v.object({
  ...CreateMeetingBody.entries,
  note: v.optional(
    v.nullable(v.pipe(Text(4000), v.minLength(1, 'Write something in the note, or leave it out.'))),
  ),
})

/** What a mentor or mentee records in the portal: their own side only (`came`, `rating`), no note. */
export const MyMeetingBody = v.object({
  ...meetingBodyEntries,
  came: v.optional(v.boolean()),
  rating: v.optional(Rating),
})

export const MyMeetingsParam = MyMatchParam

const meetingEntries = {
  id: v.string(),
  matchId: v.string(),
  date: v.string(),
  durationMinutes: v.nullable(v.number()),
  mode: v.nullable(v.picklist(MEETING_MODES)),
  topics: v.array(v.string()),
  status: v.picklist(MEETING_STATUSES),
  source: v.picklist(MEETING_SOURCES),
  createdAt: v.string(),
}

/**
 * A meeting as coordinators see it: both sides' came flags and ratings, and the note when their role may read
 * notes (opening it is audited). `note` is null when there is none or it cannot be opened; `hasNote` tells which.
 */
export const MeetingOut = v.object({
  ...meetingEntries,
  mentorCame: v.nullable(v.boolean()),
  menteeCame: v.nullable(v.boolean()),
  mentorRating: v.nullable(v.number()),
  menteeRating: v.nullable(v.number()),
  hasNote: v.boolean(),
  note: v.optional(v.nullable(v.string())),
})
export const MeetingsOut = v.object({ items: v.array(MeetingOut) })

/** A meeting as one of the pair sees it in the portal: their own side only, never the note. */
export const MyMeetingOut = v.object({
  ...meetingEntries,
  side: v.picklist(['mentee', 'mentor']),
  came: v.nullable(v.boolean()),
  rating: v.nullable(v.number()),
})
export const MyMeetingsOut = v.object({ items: v.array(MyMeetingOut) })

// ---------- check-ins (public, by token) ----------

/** A check-in token: `<tenant id>.<secret>`; anything else is simply not found (404, like a forged one). */
export const CheckInParam = v.object({ token: v.string() })

export const CheckInOut = v.object({
  answers: v.array(v.picklist(CHECK_IN_ANSWERS)),
  firstName: v.string(),
  partnerFirstName: v.string(),
  programName: v.string(),
  organizationName: v.string(),
  /** The scheduled meeting the email asks about, or null (a check-in after a quiet spell). */
  meetingDate: v.nullable(v.string()),
  /** The person's own language (one the web client speaks), for the page. */
  locale: v.picklist(LOCALES),
  /** The program's topic codes (its goal areas), to pick from after "met". */
  topics: v.array(v.string()),
  status: v.literal('open'),
})

export const CheckInBody = v.object({
  answer: v.picklist(CHECK_IN_ANSWERS, `Choose one of: ${CHECK_IN_ANSWERS.join(', ')}.`),
  date: v.optional(Day),
  durationMinutes: v.optional(Minutes),
  topics: v.optional(Topics),
  rating: v.optional(Rating),
})

export const CheckInAnsweredOut = v.object({
  answer: v.picklist(CHECK_IN_ANSWERS),
  meetingId: v.nullable(v.string()),
})
