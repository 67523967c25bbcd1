import type { Role } from '../../lib/vocabulary'

/** API shapes of members and invitations (mirrors workers/api/src/features/orgs). */

export interface Member {
  /** The membership id (used in `/members/{member}`). */
  id: string
  userId: string
  name: string
  email: string
  role: Role
  createdAt: string
}

export interface Invitation {
  id: string
  email: string
  role: Role
  /** A portal invitation for a participant record. */
  forParticipant: boolean
  status: 'pending' | 'accepted' | 'revoked'
  expiresAt: string
  createdAt: string
}

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
