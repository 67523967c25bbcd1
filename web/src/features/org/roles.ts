import { can, GRANTABLE_ROLES, type Role } from '@tandem/vocab'

/**
 * What the UI shows to whom, from the permission table in `@tandem/vocab` (the one the API enforces). The API
 * has the last word; its 403 is shown where the action was.
 */

export type { Role } from '@tandem/vocab'

/** org:manage: change the organization's settings (its contact for applicants). */
export const canManageOrg = (role: Role) => can(role, 'org:manage')
/** members:read (and invitations:read) */
export const canSeeMembers = (role: Role) => can(role, 'members:read')
/** members:manage: change roles, remove members */
export const canManageMembers = (role: Role) => can(role, 'members:manage')
/** audit:read: the organization's audit log. */
export const canReadAudit = (role: Role) => can(role, 'audit:read')
/** emails:read: the email log and the suppression list. */
export const canReadEmails = (role: Role) => can(role, 'emails:read')
/** emails:manage: retry a failed email, lift a suppression. */
export const canManageEmails = (role: Role) => can(role, 'emails:manage')
/** programs:read / programs:manage: owners, admins and coordinators. */
export const canManagePrograms = (role: Role) => can(role, 'programs:manage')
/** portal:own: mentors and newcomers use the participant portal instead of the coordinator pages. */
export const isParticipant = (role: Role) => can(role, 'portal:own')
/** The roles a member with `role` may give others, by invitation or by changing a role. */
export const grantableRoles = (role: Role): readonly Role[] => GRANTABLE_ROLES[role]
/** matches:manage: decide proposals, pause, resume and end matches, log their meetings. */
export const canManageMatches = (role: Role) => can(role, 'matches:manage')
/** concerns:read: the safeguarding concerns raised in a program. */
export const canSeeConcerns = (role: Role) => can(role, 'concerns:read')
/** concerns:manage: move a concern along and add notes to its log. */
export const canManageConcerns = (role: Role) => can(role, 'concerns:manage')
/** reports:read: indicators and reports as aggregates (partners too). */
export const canReadReports = (role: Role) => can(role, 'reports:read')
/** reports:publish: the minimum group size and the public impact page. */
export const canPublishReports = (role: Role) => can(role, 'reports:publish')
/** partners:read: the partners that get digests (and a preview of a digest for oneself). */
export const canSeePartners = (role: Role) => can(role, 'partners:read')
/** partners:manage: add, change, pause and delete partners. */
export const canManagePartners = (role: Role) => can(role, 'partners:manage')
