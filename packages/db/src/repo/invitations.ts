import { and, desc, eq, gt } from 'drizzle-orm'
import type { Database } from '../client'
import { type Invitation, invitations } from '../schema'

/**
 * The open (pending, unexpired) portal invitation of a participant, newest first, in the control database.
 * Tenant-scoped: a participant id of another tenant finds nothing.
 */
export async function findOpenPortalInvitation(
  control: Database,
  tenantId: string,
  participantId: string,
  now: Date,
): Promise<Pick<Invitation, 'id' | 'email' | 'expiresAt'> | undefined> {
  return control
    .select({ id: invitations.id, email: invitations.email, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        eq(invitations.participantId, participantId),
        eq(invitations.status, 'pending'),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(desc(invitations.createdAt))
    .get()
}
