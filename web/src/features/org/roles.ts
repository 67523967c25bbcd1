import { GRANTABLE_ROLES, type Role } from '../../lib/vocabulary'

/**
 * Who may do what, as far as the UI needs to know (what to show, which roles to offer). It mirrors
 * workers/api/src/features/auth/permissions.ts; the API has the last word and its 403 is shown
 * where the action was.
 */

export type { Role } from '../../lib/vocabulary'

const STAFF: readonly string[] = ['owner', 'admin', 'coordinator']

/** members:read and invitations:read */
export const canSeeMembers = (role: string) => STAFF.includes(role)
/** members:manage: change roles, remove members */
export const canManageMembers = (role: string) => role === 'owner' || role === 'admin'
/** programs:read / programs:manage / participants:read: owners, admins and coordinators. */
export const canManagePrograms = (role: string) => STAFF.includes(role)
/** Mentors and newcomers use the participant portal instead of the coordinator pages. */
export const isParticipant = (role: string) => role === 'mentor' || role === 'mentee'
/** The roles a member with `role` may give others, by invitation or by changing a role. */
export const grantableRoles = (role: Role): readonly Role[] => GRANTABLE_ROLES[role]
