import * as v from 'valibot'
import { Id, OrgSlug } from '../../lib/schema'

/** A feed URL, shown once when it is made (only its hash is kept). */
export const CalendarFeedOut = v.object({
  /** `https://…/api/v1/calendars/<token>.ics`: subscribe to it in a calendar app. */
  url: v.string(),
  /** The same URL as `webcal://…`, which phones open in their calendar app. */
  webcalUrl: v.string(),
  createdAt: v.string(),
})

export const RevokedOut = v.object({ revoked: v.boolean() })

/** `<tenant id>.<secret>.ics`; anything else answers 404 (checked in the service, like a forged token). */
export const FeedParam = v.object({ token: v.pipe(v.string(), v.maxLength(200)) })

export const EventFileParam = v.object({ org: OrgSlug, event: Id })
