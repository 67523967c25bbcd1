import {
  type Database,
  emailPreferences,
  memberships,
  newId,
  participants,
  partnerContacts,
  tenants,
} from '@tandem/db'
import { EMAIL_KINDS, type EmailKind, MEMBER_EMAIL_KINDS } from '@tandem/vocab'
import { and, eq, inArray } from 'drizzle-orm'
import { inTenant, tenantRow } from '../../lib/sql'
import type { UnsubscribeClaim } from './unsubscribe'

/**
 * Email preferences per recipient and kind (decision 024). Only optional kinds can be off; no row means on.
 * Rules ask `optedOut` before they write an email.
 */

type Recipient = {
  tenantId: string
  recipientType: 'member' | 'participant' | 'contact'
  recipientId: string
}

const recipientIs = (r: Recipient) =>
  inTenant(
    emailPreferences,
    r.tenantId,
    eq(emailPreferences.recipientType, r.recipientType),
    eq(emailPreferences.recipientId, r.recipientId),
  )

/** The statement that records one preference (upsert), for a `db.batch`. */
export function setPreference(db: Database, r: Recipient, kind: EmailKind, enabled: boolean, now: Date) {
  return db
    .insert(emailPreferences)
    .values({ id: newId(), ...r, kind, enabled, updatedAt: now })
    .onConflictDoUpdate({
      target: [
        emailPreferences.tenantId,
        emailPreferences.recipientType,
        emailPreferences.recipientId,
        emailPreferences.kind,
      ],
      set: { enabled, updatedAt: now },
    })
}

/** The recipients of a kind, among `ids`, who turned it off. */
export async function optedOut(
  db: Database,
  tenantId: string,
  recipientType: Recipient['recipientType'],
  kind: EmailKind,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db
    .select({ id: emailPreferences.recipientId })
    .from(emailPreferences)
    .where(
      inTenant(
        emailPreferences,
        tenantId,
        eq(emailPreferences.recipientType, recipientType),
        eq(emailPreferences.kind, kind),
        eq(emailPreferences.enabled, false),
        inArray(emailPreferences.recipientId, [...ids]),
      ),
    )
  return new Set(rows.map((r) => r.id))
}

/** A member's preferences page: every kind a member gets, essential ones always on and locked. */
export async function memberPreferences(db: Database, tenantId: string, userId: string) {
  const rows = await db
    .select({ kind: emailPreferences.kind, enabled: emailPreferences.enabled })
    .from(emailPreferences)
    .where(recipientIs({ tenantId, recipientType: 'member', recipientId: userId }))
  const off = new Set(rows.filter((r) => !r.enabled).map((r) => r.kind))
  return MEMBER_EMAIL_KINDS.map((kind) => {
    const essential = EMAIL_KINDS[kind].class === 'essential'
    return { kind, essential, enabled: essential || !off.has(kind) }
  })
}

/**
 * What an unsubscribe link would stop: the organization's name and the kind, when the recipient still belongs to
 * the tenant the link was signed for; null otherwise (the link then changes nothing). `tdb` is the tenant's database.
 */
export async function describeClaim(
  control: Database,
  tdbFor: (t: { id: string; placement: string }) => Promise<Database>,
  claim: UnsubscribeClaim,
) {
  const tenant = await control
    .select({ id: tenants.id, name: tenants.name, placement: tenants.placement })
    .from(tenants)
    .where(eq(tenants.id, claim.tenantId))
    .get()
  if (!tenant) return null
  const tdb = await tdbFor(tenant)
  const belongs =
    claim.recipientType === 'member'
      ? await control
          .select({ id: memberships.id })
          .from(memberships)
          .where(inTenant(memberships, tenant.id, eq(memberships.userId, claim.recipientId)))
          .get()
      : claim.recipientType === 'contact'
        ? await tdb
            .select({ id: partnerContacts.id })
            .from(partnerContacts)
            .where(tenantRow(partnerContacts, tenant.id, claim.recipientId))
            .get()
        : await tdb
            .select({ id: participants.id })
            .from(participants)
            .where(tenantRow(participants, tenant.id, claim.recipientId))
            .get()
  if (!belongs) return null
  const pref = await tdb
    .select({ enabled: emailPreferences.enabled })
    .from(emailPreferences)
    .where(and(recipientIs(claim), eq(emailPreferences.kind, claim.kind)))
    .get()
  return { tdb, organization: tenant.name, kind: claim.kind, subscribed: pref?.enabled !== false }
}
