import { eq } from 'drizzle-orm'
import type { Database } from '../client'
import { type NewTenant, type Tenant, tenants } from '../schema'

export async function findTenantBySlug(db: Database, slug: string): Promise<Tenant | undefined> {
  return db.select().from(tenants).where(eq(tenants.slug, slug)).get()
}

export async function insertTenant(db: Database, values: NewTenant): Promise<Tenant> {
  const [row] = await db.insert(tenants).values(values).returning()
  if (!row) throw new Error('insert returned no row')
  return row
}

export async function countTenants(db: Database): Promise<number> {
  const rows = await db.select({ id: tenants.id }).from(tenants).limit(1)
  return rows.length
}
