import { type Database, memberships, newId, type Tenant, tenants, users } from '@tandem/db'
import { eq } from 'drizzle-orm'
import type * as v from 'valibot'
import { audit } from '../../lib/audit'
import { Problem } from '../../lib/problem'
import { findUserByEmail, issueSignIn } from '../auth/service'
import type { SignupBody, UpdateOrgBody } from './schema'

const slugTaken = () =>
  new Problem('slug-taken', {
    detail: 'An organization already uses this address.',
    errors: [
      { location: 'body', path: 'organization.slug', message: 'This address is taken. Choose another.' },
    ],
  })

const isUniqueViolation = (error: unknown) =>
  /UNIQUE constraint failed/i.test(
    String(error instanceof Error ? error.message + String(error.cause ?? '') : error),
  )

export function organizationOut(t: Tenant) {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    kind: t.kind,
    country: t.country,
    timezone: t.timezone,
    defaultLocale: t.defaultLocale,
    contactEmail: t.contactEmail,
    contactPhone: t.contactPhone,
  }
}

/** Changes the organization's settings (its contact for applicants), audited in the same batch. */
export async function updateOrganization(
  db: Database,
  tenant: Tenant,
  input: v.InferOutput<typeof UpdateOrgBody>,
  actorUserId: string,
  now: Date,
): Promise<Tenant> {
  const changes: Partial<Tenant> = {}
  if (input.contactEmail !== undefined) changes.contactEmail = input.contactEmail
  if (input.contactPhone !== undefined) changes.contactPhone = input.contactPhone
  await db.batch([
    db.update(tenants).set(changes).where(eq(tenants.id, tenant.id)),
    audit(
      db,
      {
        tenantId: tenant.id,
        actorUserId,
        action: 'org.updated',
        targetType: 'organization',
        targetId: tenant.id,
        meta: { fields: Object.keys(changes).join(',') },
      },
      now,
    ),
  ])
  return { ...tenant, ...changes }
}

/** Creates the organization and its owner, and emails the owner a sign-in link — all in one batch. */
export async function signUp(
  db: Database,
  input: v.InferOutput<typeof SignupBody>,
  origin: string,
  now: Date,
) {
  const { organization, admin } = input
  if (await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, organization.slug)).get())
    throw slugTaken()
  const existing = await findUserByEmail(db, admin.email)
  const user = existing ?? {
    id: newId(),
    email: admin.email,
    name: admin.name,
    locale: organization.defaultLocale,
    createdAt: now,
  }
  const tenant: Tenant = {
    ...organization,
    id: newId(),
    placement: 'shared',
    contactEmail: null,
    contactPhone: null,
    createdAt: now,
  }
  try {
    await db.batch([
      db.insert(tenants).values(tenant),
      ...(existing ? [] : [db.insert(users).values(user)]),
      db
        .insert(memberships)
        .values({ id: newId(), tenantId: tenant.id, userId: user.id, role: 'owner', createdAt: now }),
      audit(
        db,
        {
          tenantId: tenant.id,
          actorUserId: user.id,
          action: 'org.created',
          targetType: 'organization',
          targetId: tenant.id,
        },
        now,
      ),
      ...issueSignIn(db, user, origin, now),
    ])
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken()
    throw error
  }
  return tenant
}
