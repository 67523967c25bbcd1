import { invitationPurposes } from '@tandem/db'
import * as v from 'valibot'
import { Id, OrgSlug, PageLocale } from '../../lib/schema'
import { Email, MeOut, SwitchAccount } from '../auth/schema'
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

const InvitationToken = v.pipe(v.string(), v.regex(/^[a-z2-9]{24}$/, 'This invitation link is not valid.'))

export const LookupBody = v.object({ token: InvitationToken })

/** What the invitation page shows before anything is accepted. */
export const LookupOut = v.object({
  organization: v.object({ slug: v.string(), name: v.string() }),
  role: v.string(),
  /** The address invited: only its own account may accept when it has one. */
  email: v.string(),
  /** `join`: an invitation; `signup`: confirming the ownership of an organization signed up with this address. */
  purpose: v.picklist(invitationPurposes),
  forParticipant: v.boolean(),
  /** `existing`: accepting needs that account's session; `new`: accepting creates the account. */
  account: v.picklist(['new', 'existing']),
  /** The name to offer a new account (given when inviting, or the participant's); null otherwise. */
  suggestedName: v.nullable(v.string()),
  expiresAt: v.string(),
})

export const AcceptBody = v.object({
  token: InvitationToken,
  name: v.optional(
    v.pipe(
      Name,
      v.description('The name of a new account (asked on the page; prefilled with `suggestedName`).'),
    ),
  ),
  locale: PageLocale,
  switchAccount: SwitchAccount,
})

/** Accepting signs the person in: who they are now, and the organization they joined. */
export const AcceptedOut = v.object({
  ...MeOut.entries,
  organization: v.object({ slug: v.string(), name: v.string() }),
})
