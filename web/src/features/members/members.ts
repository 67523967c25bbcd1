import type { Role } from '@tandem/vocab'
import type { Answer } from '../../lib/client'
import type { orgRoute } from '../org/org'

/** Members and invitations as the API answers them. */
export type Member = Answer<typeof orgRoute.members.$get>['items'][number]
export type Invitation = Answer<typeof orgRoute.invitations.$get>['items'][number]

export type ShownStatus = Invitation['status'] | 'expired'

/** A pending invitation past its expiry shows as expired. */
export const shownStatus = (
  invitation: Pick<Invitation, 'status' | 'expiresAt'>,
  now = Date.now(),
): ShownStatus =>
  invitation.status === 'pending' && new Date(invitation.expiresAt).getTime() < now
    ? 'expired'
    : invitation.status

/** What the sections of the members page share: the data, a way to reload it, and the status line. */
export interface MembersView {
  slug: string
  organizationName: string
  role: Role
  members: Member[]
  invitations: Invitation[]
  defaultLocale: string
  /** `self`: the caller's own role changed, so the organization (and the caller's role) loads again too. */
  reload: (self?: boolean) => void
  notify: (message: string) => void
}

/**
 * The accessible name of a button whose visible text alone would be ambiguous in a list ("Send again"): the
 * visible text first, then what it acts on, so the name contains what sighted and speech-input users see
 * (WCAG 2.5.3, label in name) in every language and while the button's text says it is busy.
 */
export const nameWithContext = (visible: string, context: string) => `${visible} (${context})`
