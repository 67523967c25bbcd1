/** Roles a member has in one organization. */
export const ROLES = ['owner', 'admin', 'coordinator', 'mentor', 'mentee', 'partner'] as const
export type Role = (typeof ROLES)[number]

/**
 * The one permission table. Every tenant route declares the permission it needs (`x-permission` in the
 * OpenAPI document, enforced by the route's guard); the route × role test walks this table and the web client
 * shows or hides actions by it. docs/permissions.md is generated from it (`pnpm docs:permissions`).
 */
export const PERMISSIONS = {
  'org:read': {
    roles: ['owner', 'admin', 'coordinator', 'mentor', 'mentee', 'partner'],
    description: 'See the organization’s name and settings',
  },
  'org:manage': {
    roles: ['owner', 'admin'],
    description: 'Change the organization’s settings (how applicants can contact it)',
  },
  'members:read': { roles: ['owner', 'admin', 'coordinator'], description: 'List members and their roles' },
  'members:manage': { roles: ['owner', 'admin'], description: 'Change a member’s role or remove a member' },
  'invitations:read': { roles: ['owner', 'admin', 'coordinator'], description: 'List invitations' },
  'invitations:manage': {
    roles: ['owner', 'admin', 'coordinator'],
    description: 'Invite people, resend and revoke invitations (coordinators: mentors and mentees only)',
  },
  'audit:read': {
    roles: ['owner', 'admin'],
    description: 'Read, filter and export (CSV) the organization’s audit log',
  },
  'data:manage': {
    roles: ['owner'],
    description:
      'Set how long personal data is kept, export the whole organization as an archive, and delete the organization',
  },
  'emails:read': {
    roles: ['owner', 'admin', 'coordinator'],
    description: 'See the email log (to whom, kind, status, reason) and the suppression list',
  },
  'emails:manage': {
    roles: ['owner', 'admin', 'coordinator'],
    description:
      'Lift an address off the suppression list and send again an email the provider refused or that failed after every retry',
  },
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
      'Enroll and edit participants, move them through statuses, record screening, approve mentors, and keep notes about participants (sealed; each read audited)',
  },
  'participants:rights': {
    roles: ['owner', 'admin'],
    description:
      'Export everything held about a participant (protected fields and notes opened; audited with its purpose) and erase a participant (irreversible)',
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
    description:
      'See match runs, their proposals and explanations, matches and their meetings (with coordinators’ meeting notes: sealed, each read audited), and what needs attention (fading tandems, never-contacted newcomers, requests to end)',
  },
  'matches:manage': {
    roles: ['owner', 'admin', 'coordinator'],
    description:
      'Accept or reject proposals, match by hand (with an audited override), pause, resume and end matches, log and delete meetings',
  },
  'concerns:read': {
    roles: ['owner', 'admin', 'coordinator'],
    description:
      'See the safeguarding concerns raised in a program, with their sealed descriptions and action log (every read of the list or of a concern is audited)',
  },
  'concerns:manage': {
    roles: ['owner', 'admin', 'coordinator'],
    description:
      'Move a concern through open, in progress, resolved or closed, and add sealed notes to its action log (audited)',
  },
  'portal:own': {
    roles: ['mentor', 'mentee'],
    description:
      'See one’s own matches in the participant portal, log and see their meetings (one’s own side only), raise concerns and follow their status, and ask to end one (a coordinator confirms); only records linked to one’s own account',
  },
  'reports:read': {
    roles: ['owner', 'admin', 'coordinator', 'partner'],
    description:
      'See the organization’s indicators and reports as aggregates (small groups suppressed), export them as CSV (audited) and see the neighbourhood statistics; nothing that identifies a person',
  },
  'reports:publish': {
    roles: ['owner', 'admin'],
    description:
      'Set the minimum group size of published figures (never below 3), choose what the public impact page shows (off by default), and import neighbourhood statistics',
  },
  'surveys:read': {
    roles: ['owner', 'admin', 'coordinator'],
    description:
      'See a program’s surveys, how many were invited and answered, who answered a named survey, and the answers summarised once enough people answered',
  },
  'surveys:manage': {
    roles: ['owner', 'admin', 'coordinator'],
    description:
      'Add surveys to a program from the templates or build them, translate, switch them on and off',
  },
  'partners:read': {
    roles: ['owner', 'admin', 'coordinator'],
    description:
      'See the partner organizations that get digests (their contacts’ names and addresses), and send oneself a preview of a partner’s digest',
  },
  'partners:manage': {
    roles: ['owner', 'admin'],
    description: 'Add, change, pause and delete partners and their contacts (audited)',
  },
} as const satisfies Record<string, { roles: readonly Role[]; description: string }>

export type Permission = keyof typeof PERMISSIONS

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role)
}

/** Which roles a member may hand out, by invitation or role change. */
export const GRANTABLE_ROLES: Record<Role, readonly Role[]> = {
  owner: ['owner', 'admin', 'coordinator', 'mentor', 'mentee', 'partner'],
  admin: ['admin', 'coordinator', 'mentor', 'mentee', 'partner'],
  coordinator: ['mentor', 'mentee'],
  mentor: [],
  mentee: [],
  partner: [],
}

export const canGrant = (granter: Role, role: Role): boolean => GRANTABLE_ROLES[granter].includes(role)
