import {
  type Database,
  type DbResolver,
  memberships,
  newId,
  type Tenant,
  tenants,
  type User,
  users,
} from '@tandem/db'
import { resolveLocale } from '@tandem/i18n'
import { MINIMUM_CELL_SIZE } from '@tandem/vocab'
import { eq } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { audit, changeTenant } from '../../lib/audit'
import { fieldError } from '../../lib/field-errors'
import { Problem } from '../../lib/problem'
import { mayEmail, signInEmailsPerAddress, signUpRecipientKey } from '../../lib/rate-limit'
import { findUserByEmail, issueSignIn, personLocale } from '../auth/service'
import { ownerConfirmation } from '../invitations/service'
import type { SignupBody, UpdateOrgBody } from './schema'

const slugTaken = () =>
  new Problem('slug-taken', {
    detail: 'An organization already uses this address.',
    errors: [fieldError('organization.slug', 'taken', { message: 'This address is taken. Choose another.' })],
  })

const residencyUnavailable = () =>
  new Problem('residency-unavailable', {
    detail: 'This deployment keeps no organization data in that region; choose default.',
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
  { db, actorId: actorUserId, now }: Scope,
  tenant: Tenant,
  input: v.InferOutput<typeof UpdateOrgBody>,
): Promise<Tenant> {
  const changes: Partial<Tenant> = {}
  if (input.contactEmail !== undefined) changes.contactEmail = input.contactEmail
  if (input.contactPhone !== undefined) changes.contactPhone = input.contactPhone
  await changeTenant(
    db,
    tenant,
    changes,
    {
      actorUserId,
      action: 'org.updated',
      targetType: 'organization',
      meta: { fields: Object.keys(changes).join(',') },
    },
    now,
  )
  return { ...tenant, ...changes }
}

/**
 * Creates the organization and its owner, and emails the owner a sign-in link — all in one batch. An address
 * that already has an account does not make that account the owner: it gets an email asking to confirm
 * (decision 019), and the organization has no owner until the account accepts from its own session. The answer
 * is the same either way (no account enumeration). Emails go in the person's language (`input.locale` is the
 * page's, for someone without one), else the organization's.
 */
export async function signUp(
  dbs: DbResolver,
  input: v.InferOutput<typeof SignupBody>,
  origin: string,
  now: Date,
  placements: { eu?: string | undefined } = {},
) {
  const db = dbs.control()
  const { residency, ...organization } = input.organization
  const { admin } = input
  const placement = residency === 'eu' ? placements.eu : 'shared'
  if (!placement) throw residencyUnavailable()
  if (await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, organization.slug)).get())
    throw slugTaken()
  const existing = await findUserByEmail(db, admin.email)
  // Per address, as sign-in email is (its own bucket: a sign-up is no sign-in request); past it the answer stays
  // the same (it would tell whether the address has an account), but no email goes out.
  const send = await mayEmail(db, signUpRecipientKey(admin.email), signInEmailsPerAddress, now)
  const tenant: Tenant = {
    ...organization,
    id: newId(),
    placement,
    contactEmail: null,
    contactPhone: null,
    retentionExitedMonths: null,
    retentionEmailDays: null,
    deletionRequestedAt: null,
    minimumCellSize: MINIMUM_CELL_SIZE.default,
    impactPage: null,
    readOnlySince: null,
    createdAt: now,
  }
  // A database of its own holds a copy of the directory row its program data refers to (foreign keys); the
  // placement must serve before anything is written (an unreachable or unmigrated database is refused).
  const home = placement === 'shared' ? undefined : await dbs.dbFor(tenant).catch(() => undefined)
  if (placement !== 'shared' && !home) throw residencyUnavailable()
  if (home) await mirrorTenant(home, tenant)
  const created = (actorUserId: string | null) =>
    audit(
      db,
      {
        tenantId: tenant.id,
        actorUserId,
        action: 'org.created',
        targetType: 'organization',
        targetId: tenant.id,
      },
      now,
    )
  try {
    if (existing) {
      const locale = await personLocale(dbs, existing, input.locale, organization.defaultLocale)
      await db.batch([
        db.insert(tenants).values(tenant),
        created(null),
        ...ownerConfirmation(db, tenant, admin, locale, origin, now, send),
      ])
    } else {
      const owner: User = {
        id: newId(),
        email: admin.email,
        name: admin.name,
        locale: input.locale ?? null,
        createdAt: now,
      }
      await db.batch([
        db.insert(tenants).values(tenant),
        db.insert(users).values(owner),
        db
          .insert(memberships)
          .values({ id: newId(), tenantId: tenant.id, userId: owner.id, role: 'owner', createdAt: now }),
        created(owner.id),
        ...(send
          ? issueSignIn(db, owner, resolveLocale(input.locale, organization.defaultLocale), origin, now)
          : []),
      ])
    }
  } catch (error) {
    if (home) await home.delete(tenants).where(eq(tenants.id, tenant.id))
    if (isUniqueViolation(error)) throw slugTaken()
    throw error
  }
  return tenant
}

/**
 * The directory row a tenant database keeps for its foreign keys (decision 044). Only the control database's row
 * is read; this copy exists so program data can refer to it, and is replaced when the tenant moves in.
 */
export async function mirrorTenant(home: Database, tenant: Tenant) {
  await home.insert(tenants).values(tenant).onConflictDoNothing()
}
