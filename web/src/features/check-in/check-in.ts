import { CHECK_IN_ANSWERS, type CheckInAnswer } from '@tandem/vocab'
import { closedLinkBy, readOneTimeLink } from '../../kit/use-token-link'
import { type Answer, ok, v1 } from '../../lib/client'
import { numberOf } from '../meetings/meetings'

/**
 * The check-in behind the links of a check-in email (`/check-in?token=…&answer=met`): what
 * `GET /api/v1/check-ins/{token}` says about it (that read changes nothing), and the answer the person sends.
 */
export const checkInRoute = v1['check-ins'][':token']
export type CheckIn = Answer<typeof checkInRoute.$get>

/** A check-in link's problem as the state that closes it (used, expired, unknown), or null for any other. */
export const closedLinkOf = closedLinkBy({
  used: 'check-in-used',
  conflictIsUsed: true,
  expired: 'check-in-expired',
})

/** Reads the check-in (GET: changes nothing); a used, expired or unknown link is an answer, not an error. */
export const openCheckIn = (token: string) =>
  readOneTimeLink(() => ok(checkInRoute.$get({ param: { token } })), closedLinkOf)

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
