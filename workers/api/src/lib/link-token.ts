import { type Database, type DbResolver, type Tenant, tenants } from '@tandem/db'
import { eq } from 'drizzle-orm'
import { randomSecret, sha256Hex } from './crypto'

/**
 * Single-use links in email (decisions 025, 029, 035): a token `<tenant id>.<secret>` whose tenant part finds the
 * organization's database; only the SHA-256 of the whole token is stored. Check-ins, event invitations and
 * survey invitations share this; each feature keeps its own table and its own rule for when a link lapses.
 */
export const LINK_TOKEN = /^([a-z2-7]{24})\.([a-z2-9]{24})$/

/** A new link token for `tenantId`, and the hash to store. */
export function newLinkToken(tenantId: string) {
  const token = `${tenantId}.${randomSecret()}`
  return { token, tokenHash: sha256Hex(token) }
}

/** The organization a well-formed token names, its database and the token's hash; null for anything else. */
export async function openLinkToken(
  resolver: DbResolver,
  token: string,
): Promise<{ tenant: Tenant; db: Database; tokenHash: string } | null> {
  const parts = LINK_TOKEN.exec(token)
  if (!parts) return null
  const tenant = await resolver
    .control()
    .select()
    .from(tenants)
    .where(eq(tenants.id, parts[1] as string))
    .get()
  if (!tenant) return null
  return { tenant, db: await resolver.dbFor(tenant), tokenHash: sha256Hex(token) }
}
