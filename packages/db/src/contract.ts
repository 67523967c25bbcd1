import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Database } from './client'
import { newId } from './ids'
import { findOpenPortalInvitation, listPendingPortalInvitations } from './repo/invitations'
import {
  findParticipant,
  findProgram,
  insertProgramWithParticipants,
  listParticipants,
  listPrograms,
} from './repo/programs'
import { findTenantBySlug, insertTenant } from './repo/tenants'
import { invitations, outbox, screenings, tenants } from './schema'
import { DEMO_SLUG, seedDemo } from './seed'

/**
 * The repository contract: the same data-access tests, run against every driver we deploy on
 * (D1 inside workerd, libSQL under Node). `getDb` returns a migrated, empty database.
 */
export function repositoryContract(driver: string, getDb: () => Database) {
  const tenant = (slug: string) => ({
    slug,
    name: `Org ${slug}`,
    kind: 'ngo' as const,
    country: 'DE',
    timezone: 'Europe/Berlin',
    defaultLocale: 'de',
  })

  describe(`repository contract on ${driver}`, () => {
    // First, while the database is empty: the demo seed runs once and only on an empty database.
    it('seeds the demo organization once, only into an empty database', async () => {
      const db = getDb()
      expect(await seedDemo(db)).toBe(true)
      const demo = await findTenantBySlug(db, DEMO_SLUG)
      expect(demo?.kind).toBe('city')
      const [program] = await listPrograms(db, demo?.id ?? '')
      const people = await listParticipants(db, demo?.id ?? '', program?.id ?? '', { limit: 100 })
      expect(people.filter((p) => p.role === 'mentor').length).toBeGreaterThanOrEqual(5)
      expect(people.filter((p) => p.role === 'mentee').length).toBeGreaterThanOrEqual(10)
      expect(new Set(people.map((p) => p.preferredLocale))).toEqual(
        new Set(['de', 'en', 'ar', 'uk', 'fa', 'es']),
      )
      const screened = await db
        .select()
        .from(screenings)
        .where(eq(screenings.tenantId, demo?.id ?? ''))
      expect(screened).toHaveLength(people.filter((p) => p.role === 'mentor').length)
      expect(await seedDemo(db)).toBe(false)
    })

    it('stores and finds a tenant with random ids and timestamps', async () => {
      const db = getDb()
      const created = await insertTenant(db, tenant(`t-${newId().slice(0, 8)}`))
      expect(created.id).toMatch(/^[a-z2-7]{24}$/)
      expect(created.placement).toBe('shared')
      expect(created.createdAt).toBeInstanceOf(Date)
      const found = await findTenantBySlug(db, created.slug)
      expect(found).toEqual(created)
    })

    it('refuses a duplicate slug', async () => {
      const db = getDb()
      const slug = `dup-${newId().slice(0, 8)}`
      await insertTenant(db, tenant(slug))
      await expect(insertTenant(db, tenant(slug))).rejects.toThrow()
    })

    it('scopes programs and participants to their tenant', async () => {
      const db = getDb()
      const a = await insertTenant(db, tenant(`a-${newId().slice(0, 8)}`))
      const b = await insertTenant(db, tenant(`b-${newId().slice(0, 8)}`))
      const program = await insertProgramWithParticipants(
        db,
        a.id,
        { name: 'Welcome mentoring', languages: ['de', 'ar'] },
        [
          {
            role: 'mentor',
            displayName: 'Jonas',
            preferredLocale: 'de',
            languages: [{ code: 'de', level: 'native' }],
            interests: [],
          },
          {
            role: 'mentee',
            displayName: 'Amal',
            preferredLocale: 'ar',
            languages: [{ code: 'ar', level: 'native' }],
            interests: ['cooking'],
          },
        ],
      )
      expect(await findProgram(db, a.id, program.id)).toMatchObject({
        name: 'Welcome mentoring',
        languages: ['de', 'ar'],
      })
      expect(await findProgram(db, b.id, program.id)).toBeUndefined()
      expect(await listPrograms(db, b.id)).toEqual([])
      const page = await listParticipants(db, a.id, program.id, { limit: 10 })
      expect(page.map((p) => p.displayName).sort()).toEqual(['Amal', 'Jonas'])
      expect(page.find((p) => p.displayName === 'Amal')?.languages).toEqual([{ code: 'ar', level: 'native' }])
      expect(await listParticipants(db, b.id, program.id, { limit: 10 })).toEqual([])
      const amal = page.find((p) => p.displayName === 'Amal')
      expect(await findParticipant(db, a.id, program.id, amal?.id ?? '')).toEqual(amal)
      expect(await findParticipant(db, b.id, program.id, amal?.id ?? '')).toBeUndefined()
    })

    it('finds a participant’s pending and open portal invitations only within its tenant', async () => {
      const db = getDb()
      const a = await insertTenant(db, tenant(`ia-${newId().slice(0, 8)}`))
      const b = await insertTenant(db, tenant(`ib-${newId().slice(0, 8)}`))
      const participantId = newId()
      const now = new Date('2026-11-27T10:00:00.000Z')
      const invitation = (status: 'pending' | 'revoked', expiresAt: Date, createdAt: Date) => ({
        id: newId(),
        tenantId: a.id,
        email: 'amal@example.org',
        role: 'mentee' as const,
        participantId,
        tokenHash: newId(),
        status,
        expiresAt,
        createdAt,
      })
      const later = new Date(now.getTime() + 86_400_000)
      const open = invitation('pending', later, new Date(now.getTime() - 1000))
      await db.batch([
        db.insert(invitations).values(open),
        db.insert(invitations).values(invitation('revoked', later, now)),
        db.insert(invitations).values(invitation('pending', now, new Date(now.getTime() - 2000))),
      ])
      expect(await findOpenPortalInvitation(db, a.id, participantId, now)).toEqual({
        id: open.id,
        email: open.email,
        expiresAt: open.expiresAt,
      })
      expect(await findOpenPortalInvitation(db, b.id, participantId, now)).toBeUndefined()
      expect(await findOpenPortalInvitation(db, a.id, participantId, later)).toBeUndefined()
      const pending = await listPendingPortalInvitations(db, a.id, participantId)
      expect(pending.map((i) => i.status)).toEqual(['pending', 'pending'])
      expect(await listPendingPortalInvitations(db, b.id, participantId)).toEqual([])
    })

    it('pages participants with a cursor', async () => {
      const db = getDb()
      const t = await insertTenant(db, tenant(`p-${newId().slice(0, 8)}`))
      const people = Array.from({ length: 7 }, (_, i) => ({
        role: 'mentee' as const,
        displayName: `Person ${i}`,
        preferredLocale: 'en',
        languages: [],
        interests: [],
      }))
      const program = await insertProgramWithParticipants(
        db,
        t.id,
        { name: 'Paged', languages: ['en'] },
        people,
      )
      const seen: string[] = []
      let cursor: string | undefined
      for (;;) {
        const page = await listParticipants(db, t.id, program.id, { limit: 3, ...(cursor ? { cursor } : {}) })
        seen.push(...page.map((p) => p.id))
        if (page.length < 3) break
        cursor = page.at(-1)?.id
      }
      expect(seen).toHaveLength(7)
      expect(new Set(seen).size).toBe(7)
      expect([...seen].sort()).toEqual(seen)
    })

    it('applies a batch atomically: a failing statement leaves nothing behind', async () => {
      const db = getDb()
      const slug = `batch-${newId().slice(0, 8)}`
      const good = db.insert(tenants).values({ ...tenant(slug), id: newId() })
      const duplicate = db.insert(tenants).values({ ...tenant(slug), id: newId() })
      await expect(db.batch([good, duplicate])).rejects.toThrow()
      expect(await findTenantBySlug(db, slug)).toBeUndefined()
    })

    it('round-trips timestamps and nullable columns in the outbox', async () => {
      const db = getDb()
      const id = newId()
      const dueAt = new Date('2026-11-27T10:00:00.123Z')
      await db.insert(outbox).values({
        id,
        kind: 'test',
        toAddress: 'a@example.org',
        subject: 's',
        text: 't',
        html: '<p>t</p>',
        dueAt,
      })
      const row = await db.select().from(outbox).where(eq(outbox.id, id)).get()
      expect(row).toMatchObject({
        id,
        status: 'pending',
        attempts: 0,
        tenantId: null,
        providerId: null,
        dueAt,
      })
    })
  })
}
