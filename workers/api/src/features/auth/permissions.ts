import type { Role } from '@tandem/db'

/**
 * The one permission table. Every tenant route declares the permission it needs (`x-permission` in the
 * OpenAPI document, enforced by `requirePermission`); the route × role test walks this table.
 * docs/permissions.md is generated from it (`pnpm docs:permissions`).
 */
export const permissions = {
  'org:read': {
    roles: ['owner', 'admin', 'coordinator', 'mentor', 'mentee', 'partner'],
    description: 'See the organization’s name and settings',
  },
  'members:read': { roles: ['owner', 'admin', 'coordinator'], description: 'List members and their roles' },
  'members:manage': { roles: ['owner', 'admin'], description: 'Change a member’s role or remove a member' },
  'invitations:read': { roles: ['owner', 'admin', 'coordinator'], description: 'List invitations' },
  'invitations:manage': {
    roles: ['owner', 'admin', 'coordinator'],
    description: 'Invite people, resend and revoke invitations (coordinators: mentors and mentees only)',
  },
  'audit:read': { roles: ['owner', 'admin'], description: 'Read the organization’s audit log' },
  'programs:read': {
    roles: ['owner', 'admin', 'coordinator'],
    description: 'See programs and their settings',
  },
  'programs:manage': {
    roles: ['owner', 'admin', 'coordinator'],
    description: 'Create programs and change their settings',
  },
  'participants:read': {
    roles: ['owner', 'admin', 'coordinator'],
    description: 'List, search, export and open participants, their screening and history',
  },
  'participants:manage': {
    roles: ['owner', 'admin', 'coordinator'],
    description:
      'Enroll and edit participants, move them through statuses, record screening and approve mentors',
  },
  'participants:protected': {
    roles: ['owner', 'admin', 'coordinator'],
    description: 'Read and write protected fields (each read is audited with its purpose)',
  },
  'matching:run': {
    roles: ['owner', 'admin', 'coordinator'],
    description: 'Start match runs of a program',
  },
  'matches:read': {
    roles: ['owner', 'admin', 'coordinator'],
    description: 'See match runs, their proposals and explanations, and matches',
  },
  'matches:manage': {
    roles: ['owner', 'admin', 'coordinator'],
    description:
      'Accept or reject proposals, match by hand (with an audited override), pause, resume and end matches',
  },
  'portal:own': {
    roles: ['mentor', 'mentee'],
    description:
      'See one’s own matches in the participant portal and ask to end one (a coordinator confirms); only records linked to one’s own account',
  },
} as const satisfies Record<string, { roles: readonly Role[]; description: string }>

export type Permission = keyof typeof permissions

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission].roles as readonly Role[]).includes(role)
}

/** Which roles a member may hand out, by invitation or role change. */
export const grantableRoles: Record<Role, readonly Role[]> = {
  owner: ['owner', 'admin', 'coordinator', 'mentor', 'mentee', 'partner'],
  admin: ['admin', 'coordinator', 'mentor', 'mentee', 'partner'],
  coordinator: ['mentor', 'mentee'],
  mentor: [],
  mentee: [],
  partner: [],
}
