import {
  listPendingPortalInvitations,
  type Membership,
  memberships,
  type Participant,
  participants,
  users,
} from '@tandem/db'
import { eq } from 'drizzle-orm'
import type { Scope } from '../../factory'
import { audit } from '../../lib/audit'
import { fieldError } from '../../lib/field-errors'
import { participantEvent } from '../../lib/participant-events'
import { Problem } from '../../lib/problem'
import { inTenant, tenantRow } from '../../lib/sql'
import { type Inviter, invite, resendInvitation, revokeInvitation } from '../invitations/service'

/**
 * Portal access, the coordinator's side: inviting a participant to the portal and taking the access away.
 * Invitations live in the control database (`control`, a scope on it), participant records in the tenant's.
 */

/**
 * Gives a participant access to the portal: an invitation to the email on their record, with their role and
 * language. Accepting it links the record; nobody is linked without clicking the link sent to the address on
 * the record, also when the address already belongs to a member with that role. An open portal invitation to
 * the same address is sent again (new link); one to an address since corrected is revoked and replaced.
 */
export async function invitePortal(control: Scope, inviter: Inviter, p: Participant, origin: string) {
  const { db, tenantId, now } = control
  if (p.userId !== null) {
    throw new Problem('portal-already-linked', { detail: 'This person already has access to the portal.' })
  }
  if (!p.email) {
    throw new Problem('email-missing', {
      detail: 'This person has no email address on record. Add one first: the invitation is sent there.',
      errors: [fieldError('email', 'required', { message: 'No email address on record.' })],
    })
  }
  const email = p.email.toLowerCase()
  const member = await db
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inTenant(memberships, tenantId, eq(users.email, email)))
    .get()
  if (member && member.role !== p.role) {
    throw new Problem('member-role-mismatch', {
      detail: `This email address belongs to a member whose role is ${member.role}, not ${p.role}. Portal access is for mentors and mentees with that role.`,
    })
  }
  const open = await listPendingPortalInvitations(db, tenantId, p.id)
  const same = open.find((i) => i.email === email && i.expiresAt > now)
  if (same) {
    return {
      status: 'resent' as const,
      invitation: await resendInvitation(control, inviter, same.id, origin),
    }
  }
  for (const stale of open) await revokeInvitation(control, inviter.membership, stale.id)
  const invitation = await invite(
    control,
    inviter,
    { email, role: p.role, locale: p.preferredLocale },
    origin,
    { participantId: p.id, memberMayExist: member !== undefined },
  )
  return { status: 'invited' as const, invitation }
}

/**
 * Removes one participant's portal access (a coordinator's decision, e.g. a wrong link), audited. The account
 * keeps its membership (it may be right for other records); removing the member is the members page's job.
 */
export async function removePortalAccess(scope: Scope, control: Scope, actor: Membership, p: Participant) {
  const { db, tenantId, actorId: actorUserId, now } = scope
  // A pending portal invitation would link the record again on acceptance: it is revoked too (audited).
  for (const invitation of await listPendingPortalInvitations(control.db, tenantId, p.id)) {
    await revokeInvitation(control, actor, invitation.id)
  }
  if (p.userId !== null) {
    await db.batch([
      db
        .update(participants)
        .set({ userId: null, updatedAt: now })
        .where(tenantRow(participants, tenantId, p.id)),
      participantEvent(db, tenantId, p.id, 'portal.unlinked', {}, actorUserId, now),
      audit(
        db,
        {
          tenantId,
          actorUserId,
          action: 'participant.portal_unlinked',
          targetType: 'participant',
          targetId: p.id,
        },
        now,
      ),
    ])
  }
  return { portalLinked: false as const }
}
