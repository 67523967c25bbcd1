import { LOCALES } from '@tandem/i18n'
import type { MessageKey, Translate } from './i18n/types'
import type { Role } from './session'

/** API shapes and role rules for the organization pages (mirrors workers/api permissions). */

export interface Organization {
  id: string
  slug: string
  name: string
  kind: 'city' | 'ngo' | 'other'
  country: string
  timezone: string
  defaultLocale: string
}

/** `GET /api/v1/orgs/{org}` */
export interface OrganizationWithRole {
  organization: Organization
  role: Role
}

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

export const ROLES: readonly Role[] = ['owner', 'admin', 'coordinator', 'mentor', 'mentee', 'partner']

/** Languages an organization (and an invitation email) can default to: every language Tandem speaks. */
export const ORG_LANGUAGES = LOCALES

/** The roles a member may give others, by invitation or by changing a role. */
export const grantableRoles: Record<Role, readonly Role[]> = {
  owner: ROLES,
  admin: ['admin', 'coordinator', 'mentor', 'mentee', 'partner'],
  coordinator: ['mentor', 'mentee'],
  mentor: [],
  mentee: [],
  partner: [],
}

/** members:read and invitations:read */
export const canSeeMembers = (role: Role) => role === 'owner' || role === 'admin' || role === 'coordinator'
/** members:manage: change roles, remove members */
export const canManageMembers = (role: Role) => role === 'owner' || role === 'admin'

const ROLE_KEYS = {
  owner: 'role.owner',
  admin: 'role.admin',
  coordinator: 'role.coordinator',
  mentor: 'role.mentor',
  mentee: 'role.mentee',
  partner: 'role.partner',
} as const satisfies Record<Role, MessageKey>

/** The role's name in the current language (an unknown role from a newer API shows as is). */
export const roleLabel = (t: Translate, role: string) =>
  role in ROLE_KEYS ? t(ROLE_KEYS[role as Role]) : role

/** `/api/v1/orgs/{org}` plus an optional sub-path. */
export const orgApi = (slug: string, rest = '') => `/api/v1/orgs/${encodeURIComponent(slug)}${rest}`

/**
 * Wraps user data (names, emails) that goes into a translated sentence in Unicode isolates
 * (FSI … PDI), the plain-text `<bdi>`: an email inside Arabic text keeps its own direction and the
 * sentence's punctuation stays in place.
 */
export const isolate = (text: string) => `\u2068${text}\u2069`
