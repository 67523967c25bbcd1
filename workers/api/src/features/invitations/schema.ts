import * as v from 'valibot'
import { Id, OrgSlug } from '../../lib/schema'
import { Email, MeOut } from '../auth/schema'
import { Locale, Name, RoleSchema } from '../orgs/schema'

export const InvitationParam = v.object({ org: OrgSlug, invitation: Id })

export const InviteBody = v.object({
  email: Email,
  role: RoleSchema,
  name: v.optional(Name),
  locale: v.optional(Locale),
})

export const InvitationOut = v.object({
  id: v.string(),
  email: v.string(),
  role: v.string(),
  forParticipant: v.boolean(),
  status: v.string(),
  expiresAt: v.string(),
  createdAt: v.string(),
})

export const AcceptBody = v.object({
  token: v.pipe(v.string(), v.regex(/^[a-z2-9]{24}$/, 'This invitation link is not valid.')),
})

/** Accepting signs the person in: who they are now, and the organization they joined. */
export const AcceptedOut = v.object({
  ...MeOut.entries,
  organization: v.object({ slug: v.string(), name: v.string() }),
})
