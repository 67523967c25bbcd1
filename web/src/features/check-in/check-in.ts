import { CHECK_IN_ANSWERS, type CheckInAnswer } from '@tandem/vocab'
import { ApiError } from '../../lib/api'
import { type Answer, ok, v1 } from '../../lib/client'
import { numberOf } from '../meetings/meetings'

/**
 * The check-in behind the links of a check-in email (`/check-in?token=…&answer=met`): what
 * `GET /api/v1/check-ins/{token}` says about it (that read changes nothing), and the answer the person sends.
 */
export const checkInRoute = v1['check-ins'][':token']
export type CheckIn = Answer<typeof checkInRoute.$get>

/** A check-in link that cannot be answered (any more): answered before, too old, or not a link we sent. */
export type ClosedLink = 'used' | 'expired' | 'unknown'

/** What opening the link found: a check-in to answer, or why there is none. */
export type CheckInLink = { kind: 'open'; checkIn: CheckIn } | { kind: ClosedLink }

/**
 * The problem of a check-in link as one of the closed states, or null for any other failure. `reading`: a token
 * the API refuses to read at all (400: not even shaped like one) is a link we did not send; when answering, a 400
 * is about the answer and goes to its fields.
 */
export function closedLinkOf(error: unknown, reading = false): ClosedLink | null {
  if (!(error instanceof ApiError)) return null
  if (error.status === 409 || error.code === 'check-in-used') return 'used'
  if (error.status === 410 || error.code === 'check-in-expired') return 'expired'
  if (error.status === 404 || (reading && error.status === 400)) return 'unknown'
  return null
}

/** Reads the check-in (GET: changes nothing); a used, expired or unknown link is an answer, not an error. */
export async function openCheckIn(token: string): Promise<CheckInLink> {
  try {
    return { kind: 'open', checkIn: await ok(checkInRoute.$get({ param: { token } })) }
  } catch (error) {
    const closed = closedLinkOf(error, true)
    if (closed) return { kind: closed }
    throw error
  }
}

/** The answer the link from the email named (`?answer=met`), if it is one. */
export const answerOf = (value: string | undefined): CheckInAnswer | '' =>
  CHECK_IN_ANSWERS.find((answer) => answer === value) ?? ''

/** The check-in form: the answer, and for "met" what the person wants to say about the meeting. */
export interface CheckInValues {
  answer: CheckInAnswer | ''
  date: string
  durationMinutes: string
  topics: string[]
  rating: string
}

/** The body of `POST /api/v1/check-ins/{token}`: the details only with "we met". */
export function checkInBody(values: CheckInValues & { answer: CheckInAnswer }) {
  if (values.answer !== 'met') return { answer: values.answer }
  const durationMinutes = numberOf(values.durationMinutes)
  const rating = numberOf(values.rating)
  return {
    answer: values.answer,
    ...(values.date ? { date: values.date } : {}),
    ...(durationMinutes === undefined ? {} : { durationMinutes }),
    ...(values.topics.length > 0 ? { topics: values.topics } : {}),
    ...(rating === undefined ? {} : { rating }),
  }
}
