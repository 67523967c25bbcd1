import { auditLog, emailPreferences, partnerContacts, partners, tenants } from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Client, db, memberWithRole, orgWithOwner, problemOf } from './support/client'

type Org = { slug: string; owner: Client }
type PartnerBody = Parameters<Client['org']['partners']['$post']>[0]['json']

let org: Org
let other: Org
let programId: string

const library = (over: Partial<PartnerBody> = {}): PartnerBody => ({
  name: 'Stadtbibliothek Mitte',
  kind: 'library',
  locale: 'de',
  cadence: 'weekly',
  contacts: [
    { name: 'Ruth Weber', email: 'ruth@library.example' },
    { name: 'Karim Aziz', email: 'karim@library.example' },
  ],
  ...over,
})

/** An organization's partners, as the given member. */
const partnersOf = (client: Client) => client.org.partners
const partner = (o: Org, id: string) => ({ param: { org: o.slug, partner: id } })

async function create(o: Org, body: PartnerBody) {
  const res = await partnersOf(o.owner).$post({ param: { org: o.slug }, json: body })
  return { res, body: await res.json() }
}

beforeAll(async () => {
  org = await orgWithOwner('partners')
  other = await orgWithOwner('partners-other')
  const res = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: { name: 'Welcome', languages: ['de'] },
  })
  programId = (await res.json()).id
})

describe('partners', () => {
  it('adds, lists, reads, changes and deletes a partner, each change audited', async () => {
    const { res, body: made } = await create(org, library({ programIds: [programId] }))
    expect(res.status).toBe(201)
    expect(made).toMatchObject({
      name: 'Stadtbibliothek Mitte',
      locale: 'de',
      cadence: 'weekly',
      status: 'active',
      programIds: [programId],
    })
    expect(made.contacts.map((c) => c.email)).toEqual(['ruth@library.example', 'karim@library.example'])

    const list = await (await partnersOf(org.owner).$get({ param: { org: org.slug }, query: {} })).json()
    expect(list.items.map((p) => p.id)).toContain(made.id)
    const read = await (await partnersOf(org.owner)[':partner'].$get(partner(org, made.id))).json()
    expect(read.contacts).toHaveLength(2)

    // Pause, and replace the contacts: Ruth stays (same id), Karim goes, Lena comes.
    const ruth = made.contacts[0]?.id as string
    const karim = made.contacts[1]?.id as string
    const tenantId = (await db.select().from(tenants).where(eq(tenants.slug, org.slug)).get())?.id as string
    await db.insert(emailPreferences).values({
      tenantId,
      recipientType: 'contact',
      recipientId: karim,
      kind: 'partner-digest',
      enabled: false,
      updatedAt: new Date(),
    })
    const patched = await partnersOf(org.owner)[':partner'].$patch({
      ...partner(org, made.id),
      json: {
        status: 'paused',
        contacts: [
          { name: 'Ruth Weber-Yilmaz', email: 'RUTH@library.example' },
          { name: 'Lena Koch', email: 'lena@library.example' },
        ],
      },
    })
    expect(patched.status).toBe(200)
    const after = await patched.json()
    expect(after.status).toBe('paused')
    expect(after.contacts[0]).toEqual({ id: ruth, name: 'Ruth Weber-Yilmaz', email: 'ruth@library.example' })
    expect(after.contacts[1]?.id).not.toBe(karim)
    const karimRows = await db.select().from(partnerContacts).where(eq(partnerContacts.id, karim))
    expect(karimRows).toHaveLength(0)
    const karimPrefs = await db.select().from(emailPreferences).where(eq(emailPreferences.recipientId, karim))
    expect(karimPrefs).toHaveLength(0)

    expect((await partnersOf(org.owner)[':partner'].$delete(partner(org, made.id))).status).toBe(204)
    expect((await partnersOf(org.owner)[':partner'].$get(partner(org, made.id))).status).toBe(404)
    expect(
      await db.select().from(partnerContacts).where(eq(partnerContacts.partnerId, made.id)),
    ).toHaveLength(0)

    const entries = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'partner'), eq(auditLog.targetId, made.id)))
    expect(entries.map((e) => e.action).sort()).toEqual([
      'partner.created',
      'partner.deleted',
      'partner.updated',
    ])
  })

  it('refuses names with web addresses or control characters, unknown languages and programs, and no contact', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: 'Win big at prize.top' }, 'name', 'no-links'],
      [{ name: 'Library\nBcc: x@example.org' }, 'name', 'control-characters'],
      [{ locale: 'fr' }, 'locale', 'one-of'],
      [{ cadence: 'daily' }, 'cadence', 'one-of'],
      [{ contacts: [] }, 'contacts', 'required'],
      [
        { contacts: [{ name: 'See https://spam.example', email: 'a@b.example' }] },
        'contacts.0.name',
        'no-links',
      ],
      [{ contacts: [{ name: 'Ruth', email: 'not-an-address' }] }, 'contacts.0.email', 'not-an-email'],
      [
        {
          contacts: [
            { name: 'A', email: 'same@x.example' },
            { name: 'B', email: 'SAME@x.example' },
          ],
        },
        'contacts',
        'duplicate',
      ],
    ]
    const before = await db.select().from(partners)
    for (const [over, path, code] of cases) {
      // Raw: some of these are values the types forbid (a language or cadence Tandem does not offer).
      const res = await org.owner.post(`/api/v1/orgs/${org.slug}/partners`, { ...library(), ...over })
      const body = await problemOf(res)
      expect(res.status, JSON.stringify(over)).toBe(400)
      expect(body.code).toBe('invalid-request')
      expect(body.errors?.find((e) => e.path === path)?.code, JSON.stringify(body.errors)).toBe(code)
    }
    // Another organization's program is unknown here: a field error, nothing written.
    const foreign = await other.owner.org.programs.$post({
      param: { org: other.slug },
      json: { name: 'Elsewhere', languages: ['de'] },
    })
    const foreignId = (await foreign.json()).id
    const res = await partnersOf(org.owner).$post({
      param: { org: org.slug },
      json: library({ programIds: [programId, foreignId] }),
    })
    const body = await problemOf(res)
    expect(res.status).toBe(400)
    expect(body.errors).toEqual([expect.objectContaining({ path: 'programIds.1', code: 'not-found' })])
    expect(await db.select().from(partners)).toHaveLength(before.length)
  })

  it('keeps partners to their organization and their roles', async () => {
    const { body: mine } = await create(org, library())
    // Another organization's owner: 404 on read, change and delete; their list does not show it.
    const theirPartner = partnersOf(other.owner)[':partner']
    expect((await theirPartner.$get(partner(other, mine.id))).status).toBe(404)
    expect(
      (await theirPartner.$patch({ ...partner(other, mine.id), json: { status: 'paused' } })).status,
    ).toBe(404)
    expect((await theirPartner.$delete(partner(other, mine.id))).status).toBe(404)
    const theirs = await (
      await partnersOf(other.owner).$get({ param: { org: other.slug }, query: {} })
    ).json()
    expect(theirs.items.map((p) => p.id)).not.toContain(mine.id)

    // A coordinator reads, but may not change; a mentor may not even read.
    const coordinator = await memberWithRole(org, 'coordinator')
    const ours = partnersOf(coordinator.client)[':partner']
    expect((await ours.$get(partner(org, mine.id))).status).toBe(200)
    expect((await ours.$patch({ ...partner(org, mine.id), json: { status: 'paused' } })).status).toBe(403)
    const mentor = await memberWithRole(org, 'mentor')
    expect((await partnersOf(mentor.client).$get({ param: { org: org.slug }, query: {} })).status).toBe(403)
  })

  it('pages the list', async () => {
    const o = await orgWithOwner('partners-paging')
    for (let i = 0; i < 3; i++) await create(o, library({ name: `Partner ${i}` }))
    const list = partnersOf(o.owner)
    const first = await (await list.$get({ param: { org: o.slug }, query: { limit: '2' } })).json()
    expect(first.items.map((p) => p.name)).toEqual(['Partner 0', 'Partner 1'])
    const second = await (
      await list.$get({ param: { org: o.slug }, query: { limit: '2', cursor: String(first.nextCursor) } })
    ).json()
    expect(second.items.map((p) => p.name)).toEqual(['Partner 2'])
    expect(second.nextCursor).toBeNull()
  })
})
