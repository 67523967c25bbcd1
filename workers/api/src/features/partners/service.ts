import {
  emailPreferences,
  newId,
  type Partner,
  type PartnerContact,
  partnerContacts,
  partners,
  programs,
} from '@tandem/db'
import type { Locale } from '@tandem/i18n'
import { and, asc, eq, gt, inArray, or } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { fieldError } from '../../lib/field-errors'
import { notFound, Problem } from '../../lib/problem'
import { inTenant, pageOf, tenantRow } from '../../lib/sql'
import type { CreatePartnerBody, PartnerListQuery, PatchPartnerBody } from './schema'

/**
 * Partners (decision 037): organizations that get a digest of aggregate figures by email. Owners and admins add,
 * change, pause and delete them (audited); coordinators see them and preview their digest. Contacts are personal
 * data: they leave with their partner, and a contact taken off the list is deleted with their email preferences.
 */

type Db = Pick<Scope, 'db' | 'tenantId'>

export function partnerOut(p: Partner, contacts: readonly PartnerContact[]) {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    locale: p.locale as Locale,
    cadence: p.cadence,
    programIds: p.programIds ?? null,
    status: p.status,
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, email: c.email })),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  }
}

/** The contacts of `partnerIds`, by partner, in the order they were added. */
export async function contactsOf(scope: Db, partnerIds: string[]) {
  const out = new Map<string, PartnerContact[]>()
  if (partnerIds.length === 0) return out
  const rows = await scope.db
    .select()
    .from(partnerContacts)
    .where(inTenant(partnerContacts, scope.tenantId, inArray(partnerContacts.partnerId, partnerIds)))
    .orderBy(asc(partnerContacts.createdAt), asc(partnerContacts.id))
  for (const c of rows) out.set(c.partnerId, [...(out.get(c.partnerId) ?? []), c])
  return out
}

/** The partner `partnerId` of this organization with its contacts, or 404. */
export async function loadPartner(scope: Db, partnerId: string) {
  const partner = await scope.db
    .select()
    .from(partners)
    .where(tenantRow(partners, scope.tenantId, partnerId))
    .get()
  if (!partner) throw notFound('No such partner in this organization.')
  const contacts = (await contactsOf(scope, [partnerId])).get(partnerId) ?? []
  return { partner, contacts }
}

/** Every program named must be this organization's (an unknown id is a field error, never a leak of another's). */
async function checkPrograms(scope: Db, programIds: readonly string[] | null | undefined) {
  if (!programIds) return
  const found = await scope.db
    .select({ id: programs.id })
    .from(programs)
    .where(inTenant(programs, scope.tenantId, inArray(programs.id, [...programIds])))
  const known = new Set(found.map((p) => p.id))
  const errors = programIds.flatMap((id, i) =>
    known.has(id)
      ? []
      : [fieldError(`programIds.${i}`, 'not-found', { message: 'No such program in this organization.' })],
  )
  if (errors.length) throw new Problem('invalid-request', { detail: 'Some answers need fixing.', errors })
}

/** Partners of the organization in the order they were added, keyset-paged on (created, id). */
export async function listPartners(scope: Db, query: v.InferOutput<typeof PartnerListQuery>) {
  const after = query.cursor
    ? (() => {
        const [ms, id] = query.cursor.split('.') as [string, string]
        const at = new Date(Number(ms))
        return or(gt(partners.createdAt, at), and(eq(partners.createdAt, at), gt(partners.id, id)))
      })()
    : undefined
  const rows = await scope.db
    .select()
    .from(partners)
    .where(inTenant(partners, scope.tenantId, after))
    .orderBy(asc(partners.createdAt), asc(partners.id))
    .limit(query.limit + 1)
  const contacts = await contactsOf(
    scope,
    rows.slice(0, query.limit).map((p) => p.id),
  )
  return pageOf(
    rows,
    query.limit,
    (p) => partnerOut(p, contacts.get(p.id) ?? []),
    (p) => `${p.createdAt.getTime()}.${p.id}`,
  )
}

const contactRow = (scope: Scope, partnerId: string, c: { name: string; email: string }): PartnerContact => ({
  id: newId(),
  tenantId: scope.tenantId,
  partnerId,
  name: c.name,
  email: c.email,
  createdAt: scope.now,
})

/** Adds a partner with its contacts (audited; the audit entry names no contact). */
export async function createPartner(scope: Scope, body: v.InferOutput<typeof CreatePartnerBody>) {
  await checkPrograms(scope, body.programIds)
  const { contacts, ...fields } = body
  const row: Partner = {
    id: newId(),
    tenantId: scope.tenantId,
    ...fields,
    createdByUserId: scope.actorId,
    createdAt: scope.now,
    updatedAt: scope.now,
  }
  const contactRows = contacts.map((c) => contactRow(scope, row.id, c))
  await scope.db.batch([
    scope.db.insert(partners).values(row),
    scope.db.insert(partnerContacts).values(contactRows),
    auditFor(scope)(
      'partner.created',
      { type: 'partner', id: row.id },
      { name: row.name, contacts: contactRows.length },
    ),
  ])
  return partnerOut(row, contactRows)
}

/**
 * Changes a partner (audited). A new contact list replaces the old one: a contact whose address is still on it
 * keeps its id (and so its unsubscribe), the others are deleted with their email preferences.
 */
export async function updatePartner(
  scope: Scope,
  partnerId: string,
  body: v.InferOutput<typeof PatchPartnerBody>,
) {
  const { partner, contacts } = await loadPartner(scope, partnerId)
  await checkPrograms(scope, body.programIds)
  const { contacts: nextContacts, ...fields } = body
  const statements = []
  let after = contacts
  if (nextContacts) {
    const byEmail = new Map(contacts.map((c) => [c.email.toLowerCase(), c]))
    after = nextContacts.map((c) => {
      const kept = byEmail.get(c.email.toLowerCase())
      return kept ? { ...kept, name: c.name } : contactRow(scope, partnerId, c)
    })
    const keptIds = after.filter((c) => byEmail.get(c.email.toLowerCase())?.id === c.id).map((c) => c.id)
    const gone = contacts.filter((c) => !keptIds.includes(c.id)).map((c) => c.id)
    if (gone.length) {
      statements.push(
        scope.db
          .delete(partnerContacts)
          .where(inTenant(partnerContacts, scope.tenantId, inArray(partnerContacts.id, gone))),
        contactPreferencesDelete(scope, gone),
      )
    }
    for (const c of after) {
      if (keptIds.includes(c.id)) {
        statements.push(
          scope.db
            .update(partnerContacts)
            .set({ name: c.name })
            .where(tenantRow(partnerContacts, scope.tenantId, c.id)),
        )
      } else {
        statements.push(scope.db.insert(partnerContacts).values(c))
      }
    }
  }
  const next: Partner = { ...partner, ...fields, updatedAt: scope.now }
  await scope.db.batch([
    scope.db
      .update(partners)
      .set({ ...fields, updatedAt: scope.now })
      .where(tenantRow(partners, scope.tenantId, partnerId)),
    ...statements,
    auditFor(scope)(
      'partner.updated',
      { type: 'partner', id: partnerId },
      { name: next.name, fields: Object.keys(body).join(',') },
    ),
  ])
  return partnerOut(next, after)
}

/** Deletes the email preferences (unsubscribes) of the partner contacts `ids`, for a batch. */
const contactPreferencesDelete = (scope: Scope, ids: string[]) =>
  scope.db
    .delete(emailPreferences)
    .where(
      inTenant(
        emailPreferences,
        scope.tenantId,
        eq(emailPreferences.recipientType, 'contact'),
        ids.length ? inArray(emailPreferences.recipientId, ids) : eq(emailPreferences.id, ''),
      ),
    )

/** Deletes a partner with its contacts and their email preferences (audited). Digests already written still leave. */
export async function deletePartner(scope: Scope, partnerId: string) {
  const { partner, contacts } = await loadPartner(scope, partnerId)
  const ids = contacts.map((c) => c.id)
  await scope.db.batch([
    contactPreferencesDelete(scope, ids),
    scope.db
      .delete(partnerContacts)
      .where(inTenant(partnerContacts, scope.tenantId, eq(partnerContacts.partnerId, partnerId))),
    scope.db.delete(partners).where(tenantRow(partners, scope.tenantId, partnerId)),
    auditFor(scope)('partner.deleted', { type: 'partner', id: partnerId }, { name: partner.name }),
  ])
}
