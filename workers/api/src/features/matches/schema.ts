import { matchEndReasons, matchStatuses } from '@tandem/db'
import { AFTER_END, END_REQUESTERS, PAIR_FAILURES } from '@tandem/vocab'
import * as v from 'valibot'
import { EndRequestOut } from '../../lib/end-requests'
import { Day, Id, Limit, OrgSlug, Text } from '../../lib/schema'

export const MatchParam = v.object({ org: OrgSlug, program: Id, match: Id })

export const CreateMatchBody = v.object({
  menteeId: Id,
  mentorId: Id,
  overrideReason: v.optional(
    v.pipe(Text(500), v.minLength(10, 'Explain the override in at least 10 characters.')),
  ),
  /**
   * The day the tandem began, when it began before it was recorded here (a program moving its running tandems
   * in): from today back at most `MAX_BACKDATE_DAYS`, in the organization's time zone. Default: now.
   */
  startedOn: v.optional(Day),
  /**
   * The day the tandem is planned to end (after its start), or null for none. Left out: the start day plus the
   * program's commitment in months.
   */
  plannedEndOn: v.optional(v.nullable(Day)),
})

/** A coordinator sets or clears the planned end of a match that has not ended. */
export const PlannedEndBody = v.object({ plannedEndOn: v.nullable(Day) })

export const MatchListQuery = v.object({
  status: v.optional(v.picklist(matchStatuses)),
  /** Only matches (not yet ended) in which the mentee or the mentor asked to end. */
  endRequested: v.optional(v.picklist(['true'], 'Use endRequested=true or leave it out.')),
  cursor: v.optional(Id),
  limit: Limit(50, 200),
})

export const UpdateMatchBody = v.variant('status', [
  v.object({ status: v.literal('paused') }),
  v.object({ status: v.literal('active') }),
  v.object({
    status: v.literal('ended'),
    endReason: v.picklist(matchEndReasons, `Use one of: ${matchEndReasons.join(', ')}.`),
    endNote: v.optional(Text(1000)),
    requestedBy: v.optional(v.picklist(END_REQUESTERS)),
    /** Where the mentee goes next; by default what `afterMatchEnd` gives for the reason. */
    menteeNext: v.optional(v.picklist(AFTER_END)),
    /** Where the mentor goes next (a mentor with other tandems stays matched). */
    mentorNext: v.optional(v.picklist(AFTER_END)),
  }),
])

/** A mentee or mentor as a match or proposal names them. */
export const Person = v.object({ id: v.string(), displayName: v.string() })

export const MatchOut = v.object({
  id: v.string(),
  programId: v.string(),
  status: v.picklist(matchStatuses),
  mentee: Person,
  mentor: Person,
  proposalId: v.nullable(v.string()),
  overrideReason: v.nullable(v.string()),
  endReason: v.nullable(v.string()),
  endNote: v.nullable(v.string()),
  endRequestedBy: v.nullable(v.string()),
  endRequests: v.object({ mentee: v.nullable(EndRequestOut), mentor: v.nullable(EndRequestOut) }),
  startedAt: v.string(),
  /** `YYYY-MM-DD`: the day the tandem is planned to end, or null. */
  plannedEndOn: v.nullable(v.string()),
  endedAt: v.nullable(v.string()),
  createdAt: v.string(),
})

/** The dashboard's "asked to end" panel: matches of any program, with the program's name. */
export const EndRequestsOut = v.object({
  items: v.array(v.object({ ...MatchOut.entries, programName: v.string() })),
  total: v.number(),
})

/** A match made by hand, with the hard constraints the coordinator overrode. */
export const ManualMatchOut = v.object({
  ...MatchOut.entries,
  overridden: v.array(v.picklist(PAIR_FAILURES)),
})
