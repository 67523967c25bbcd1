import { and, desc, eq, gt } from 'drizzle-orm'
import type { Database } from '../client'
import { type Invitation, invitations } from '../schema'

/** Portal invitations of one participant still waiting for an answer (tenant-scoped, control database). */
const pendingFor = (tenantId: string, participantId: string) =>
  and(
    eq(invitations.tenantId, tenantId),
    eq(invitations.participantId, participantId),
    eq(invitations.status, 'pending'),
  )

/** A participant's pending portal invitations, expired ones included (they are revoked along with the rest). */
export async function listPendingPortalInvitations(
  control: Database,
  tenantId: string,
  participantId: string,
): Promise<Invitation[]> {
  return control.select().from(invitations).where(pendingFor(tenantId, participantId))
}

/** The open (pending, unexpired) portal invitation of a participant, the newest if there are several. */
export async function findOpenPortalInvitation(
  control: Database,
  tenantId: string,
  participantId: string,
  now: Date,
): Promise<Pick<Invitation, 'id' | 'email' | 'expiresAt'> | undefined> {
  return control
    .select({ id: invitations.id, email: invitations.email, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(pendingFor(tenantId, participantId), gt(invitations.expiresAt, now)))
    .orderBy(desc(invitations.createdAt))
    .get()
}
