import { matchEndReasons, matchStatuses } from '@tandem/db'
import * as v from 'valibot'
import { EndRequestOut } from '../../lib/end-requests'
import { Id, OrgSlug } from '../../lib/schema'
import { InvitationOut } from '../invitations/schema'
import { NamesOut } from '../programs/schema'

export const MyMatchParam = v.object({ org: OrgSlug, match: Id })

export const EndRequestBody = v.object({
  reason: v.picklist(matchEndReasons, `Choose one of: ${matchEndReasons.join(', ')}.`),
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(1000))),
})

export const MyMatchOut = v.object({
  id: v.string(),
  /** The program, with its goal areas (the topics of a meeting, the areas of a goal) and their names. */
  program: v.object({
    id: v.string(),
    name: v.string(),
    goalAreas: v.array(v.string()),
    labels: v.object({ goalAreas: NamesOut }),
  }),
  side: v.picklist(['mentee', 'mentor']),
  status: v.picklist(matchStatuses),
  partner: v.object({ firstName: v.string() }),
  startedAt: v.string(),
  endedAt: v.nullable(v.string()),
  myEndRequest: v.nullable(EndRequestOut),
})

export const PortalAccessOut = v.object({
  status: v.picklist(['invited', 'resent']),
  invitation: InvitationOut,
})
