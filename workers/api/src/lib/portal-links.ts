import { type Database, invitations, memberships, participants, tenants } from '@tandem/db'
import { and, eq, sql } from 'drizzle-orm'
import { audit } from './audit'
import { refusedBy } from './guard'
import { log } from './log'
import { participantEvent } from './participant-events'
import { inTenant, tenantRow } from './sql'

/**
 * Links between participant records (tenant database) and accounts (control database), the portal's footing:
 * an accepted portal invitation links its record, a stale one is void, and a member removed or given another
 * role loses their links. Shared by invitations, members and the portal, which therefore need not know each other.
 */

/**
 * Links a participant record to an account. Guarded: if the record is linked already when the batch runs, the
 * NOT NULL guard on `created_at` refuses and nothing of the batch (history, audit) is written.
 */
function linkStatements(
  db: Database,
  tenantId: string,
  participantId: string,
  userId: string,
  actorUserId: string,
  now: Date,
) {
  return [
    db
      .update(participants)
      .set({
        userId,
        updatedAt: now,
        createdAt: sql`case when ${participants.userId} is null then ${participants.createdAt} else null end`,
      })
      .where(tenantRow(participants, tenantId, participantId)),
    participantEvent(db, tenantId, participantId, 'portal.linked', {}, actorUserId, now),
    audit(
      db,
      {
        tenantId,
        actorUserId,
        action: 'participant.portal_linked',
        targetType: 'participant',
        targetId: participantId,
      },
      now,
    ),
  ] as const
}

const isLinkRefusal = (error: unknown) => refusedBy(error, 'participants.created_at')

/**
 * After a portal invitation was accepted (control database), links the participant in the tenant's database —
 * only while the record still carries the address the invitation went to, has the invitation's role, is not
 * linked yet, and the account's membership has that role. Anything else (the email was corrected meanwhile,
 * the account already had another role here) links nothing and is logged without personal data.
 * Two databases, so two writes: if this one fails the person is a member without a link, and the
 * coordinator's next portal invitation links them on acceptance.
 */
export async function linkAfterAcceptance(
  control: Database,
  tdb: Database,
  tenantId: string,
  invitation: { participantId: string; email: string; role: string },
  userId: string,
  now: Date,
) {
  const p = await tdb
    .select({ userId: participants.userId, email: participants.email, role: participants.role })
    .from(participants)
    .where(tenantRow(participants, tenantId, invitation.participantId))
    .get()
  const membership = await control
    .select({ role: memberships.role })
    .from(memberships)
    .where(inTenant(memberships, tenantId, eq(memberships.userId, userId)))
    .get()
  const why = !p
    ? 'participant gone'
    : p.userId !== null
      ? 'already linked'
      : (p.email ?? '').toLowerCase() !== invitation.email.toLowerCase()
        ? 'email changed'
        : p.role !== invitation.role || membership?.role !== p.role
          ? 'role differs'
          : null
  if (why) {
    log.warn('portal invitation not linked', { why })
    return false
  }
  try {
    await tdb.batch([...linkStatements(tdb, tenantId, invitation.participantId, userId, userId, now)])
    return true
  } catch (error) {
    if (isLinkRefusal(error)) return false
    throw error
  }
}

/**
 * Before a portal invitation is accepted: if the record it was sent for no longer carries that address (the
 * coordinator corrected it), the invitation is void — revoked here, so its holder does not even become a member.
 * Returns false then. Other invitations pass.
 */
export async function portalInvitationStillValid(
  control: Database,
  tdbFor: (tenant: { id: string; placement: string }) => Promise<Database>,
  tokenHash: string,
  now: Date,
) {
  const row = await control
    .select({ invitation: invitations, placement: tenants.placement })
    .from(invitations)
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .where(and(eq(invitations.tokenHash, tokenHash), eq(invitations.status, 'pending')))
    .get()
  const participantId = row?.invitation.participantId
  if (!row || !participantId) return true
  const p = await (await tdbFor({ id: row.invitation.tenantId, placement: row.placement }))
    .select({ email: participants.email, role: participants.role })
    .from(participants)
    .where(tenantRow(participants, row.invitation.tenantId, participantId))
    .get()
  const same = p && (p.email ?? '').toLowerCase() === row.invitation.email.toLowerCase()
  if (same && p.role === row.invitation.role) return true
  await control.batch([
    control
      .update(invitations)
      .set({ status: 'revoked' })
      .where(and(eq(invitations.id, row.invitation.id), eq(invitations.status, 'pending'))),
    audit(
      control,
      {
        tenantId: row.invitation.tenantId,
        actorUserId: null,
        action: 'invitation.voided',
        targetType: 'invitation',
        targetId: row.invitation.id,
        meta: { reason: p ? 'the record changed' : 'the record is gone' },
      },
      now,
    ),
  ])
  return false
}

/**
 * When a member is removed or their role changes (control database): their participant records lose the link
 * to the account. Nothing to do when they had none.
 */
export async function unlinkAccount(
  tdb: Database,
  tenantId: string,
  userId: string,
  actorUserId: string,
  now: Date,
) {
  const linked = await tdb
    .select({ id: participants.id })
    .from(participants)
    .where(inTenant(participants, tenantId, eq(participants.userId, userId)))
  if (linked.length === 0) return
  await tdb.batch([
    tdb
      .update(participants)
      .set({ userId: null, updatedAt: now })
      .where(inTenant(participants, tenantId, eq(participants.userId, userId))),
    ...linked.map((p) => participantEvent(tdb, tenantId, p.id, 'portal.unlinked', {}, actorUserId, now)),
    audit(
      tdb,
      {
        tenantId,
        actorUserId,
        action: 'participant.portal_unlinked',
        targetType: 'user',
        targetId: userId,
        meta: { participants: linked.length },
      },
      now,
    ),
  ])
}
