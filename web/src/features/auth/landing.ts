import { orgPath, portalPath } from '../../lib/paths'
import { isParticipant, type Role } from '../org/roles'

/** An organization's landing page for a role: the portal for a mentor or newcomer, its home for everyone else. */
export const orgLandingPath = (slug: string, role: Role | undefined) =>
  role && isParticipant(role) ? portalPath(slug) : orgPath(slug)

/** Where to go after signing in: the first organization's landing page, or the home page without one. */
export function landingPath(me: {
  memberships: readonly { organization: { slug: string }; role: Role }[]
}): string {
  const first = me.memberships[0]
  return first ? orgLandingPath(first.organization.slug, first.role) : '/'
}
