import { newId, participants, programs, type Tenant, tenants } from '@tandem/db'
import type { PeriodCell } from '@tandem/evidence'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { indicatorCells } from '../src/features/indicators/service'
import { type Client, db, orgWithOwner, unique } from './support/client'

/**
 * Answers for different programs must not be subtractable: the answer for every program minus the answer for
 * one program (or for a partner's programs, or the sum of single programs) must never give back a cell the
 * minimum hides. Three programs apply in January 2026, by gender; the small one has two women.
 */
const NOW = new Date('2026-04-10T12:00:00Z')
const TABLE: Record<string, Record<string, number>> = {
  big: { female: 12, male: 9 },
  small: { female: 2, male: 7 },
  mid: { female: 6, male: 8 },
}
const NAMES = Object.keys(TABLE)
const K = 5

let tenant: Tenant
let org: { slug: string; owner: Client }
const ids: Record<string, string> = {}

beforeAll(async () => {
  org = await orgWithOwner('scopes')
  await db.update(tenants).set({ timezone: 'UTC' }).where(eq(tenants.slug, org.slug))
  tenant = (await db.select().from(tenants).where(eq(tenants.slug, org.slug)).get()) as Tenant
  for (const name of NAMES) {
    const programId = newId()
    ids[name] = programId
    await db.insert(programs).values({ id: programId, tenantId: tenant.id, name, languages: ['en'] })
    for (const [gender, count] of Object.entries(TABLE[name] as Record<string, number>))
      for (let i = 0; i < count; i++)
        await db.insert(participants).values({
          id: newId(),
          tenantId: tenant.id,
          programId,
          role: 'mentee',
          displayName: unique('Person'),
          preferredLocale: 'en',
          languages: [{ code: 'en', level: 'native' }],
          interests: [],
          status: 'ready',
          demographics: { gender },
          demographicsConsentAt: new Date('2026-01-10T12:00:00Z'),
          createdAt: new Date('2026-01-10T12:00:00Z'),
        })
  }
})

/** Scopes as sorted lists of program names; the answer for every program is all three. */
type Known = Map<string, number>
const scopeKey = (scope: readonly string[], group: string) => `${[...scope].sort().join('+')}|${group}`

/** What an answer publishes of January's applications, by group (cohortOf names them woman and man), for a scope. */
function publish(known: Known, scope: readonly string[], cells: PeriodCell[]) {
  for (const c of cells)
    if (c.period === '2026-01' && c.measure === 'applications' && !c.suppressed)
      known.set(scopeKey(scope, c.group.value), c.n as number)
}

/**
 * An attacker who holds every answer and knows how they add up: a scope's groups add up to its `all`; a scope
 * contained in another leaves the difference; two scopes without common programs add up. Fills in until nothing
 * new comes out, and returns every figure learned that was not published.
 */
function attack(known: Known): Record<string, number> {
  const learned: Record<string, number> = {}
  const groups = ['all', 'woman', 'man']
  const subsets = [1, 2, 3, 4, 5, 6, 7].map((mask) => NAMES.filter((_, i) => mask & (1 << i)))
  const get = (s: readonly string[], g: string) => known.get(scopeKey(s, g))
  const learn = (s: readonly string[], g: string, n: number) => {
    if (s.length === 0 || get(s, g) !== undefined) return false
    known.set(scopeKey(s, g), n)
    learned[scopeKey(s, g)] = n
    return true
  }
  let progress = true
  while (progress) {
    progress = false
    for (const s of subsets) {
      // Groups of a scope add up to its `all` (everyone here told their gender).
      const parts = ['woman', 'man'].map((g) => get(s, g))
      const all = get(s, 'all')
      if (all === undefined && parts.every((p) => p !== undefined))
        progress = learn(s, 'all', (parts[0] as number) + (parts[1] as number)) || progress
      if (all !== undefined && parts.filter((p) => p === undefined).length === 1) {
        const missing = parts[0] === undefined ? 'woman' : 'man'
        progress = learn(s, missing, all - ((parts[0] ?? 0) + (parts[1] ?? 0))) || progress
      }
      for (const t of subsets)
        for (const g of groups) {
          const a = get(s, g)
          const b = get(t, g)
          if (a === undefined || b === undefined) continue
          const inside = s.every((p) => t.includes(p))
          const apart = s.every((p) => !t.includes(p))
          if (inside && s.length < t.length)
            progress =
              learn(
                t.filter((p) => !s.includes(p)),
                g,
                b - a,
              ) || progress
          if (apart) progress = learn([...s, ...t], g, a + b) || progress
        }
    }
  }
  return learned
}

const small = (learned: Record<string, number>) => Object.entries(learned).filter(([, n]) => n > 0 && n < K)

describe('answers for different programs cannot be subtracted from each other', () => {
  it('the API: every program, then each program on its own, by gender', async () => {
    const known: Known = new Map()
    const ask = async (program?: string) => {
      const res = await org.owner.org.indicators.$get({
        param: { org: org.slug },
        query: {
          from: '2026-01',
          to: '2026-01',
          by: 'gender',
          ...(program ? { program: ids[program] } : {}),
        },
      })
      expect(res.status).toBe(200)
      return (await res.json()).cells
    }
    const everyProgram = await ask()
    publish(known, NAMES, everyProgram)
    // The answer for every program is still shown in full…
    expect(known.get(scopeKey(NAMES, 'woman'))).toBe(20)
    expect(known.get(scopeKey(NAMES, 'all'))).toBe(44)
    for (const name of NAMES) publish(known, [name], await ask(name))
    // …the small program's two women are not, and nothing the answers add up to gives them back.
    expect(known.has(scopeKey(['small'], 'woman'))).toBe(false)
    expect(small(attack(known))).toEqual([])
  })

  it('partners’ scopes (several programs) with the single programs and every program', async () => {
    const known: Known = new Map()
    const ask = async (scope: readonly string[]) =>
      publish(
        known,
        scope.length ? scope : NAMES,
        await indicatorCells(
          db,
          tenant,
          {
            programIds: scope.map((name) => ids[name] as string),
            from: '2026-01',
            to: '2026-01',
            by: 'gender',
          },
          NOW,
        ),
      )
    await ask([])
    for (const name of NAMES) await ask([name])
    await ask(['big', 'mid'])
    await ask(['big', 'small'])
    await ask(['mid', 'small'])
    // Two programs whose cells are both shown: their sum is shown, exactly (21 + 14 applications)…
    expect(known.get(scopeKey(['big', 'mid'], 'all'))).toBe(35)
    // …but not their women: the middle program's six are hidden to protect the small program's two.
    expect(known.has(scopeKey(['mid'], 'woman'))).toBe(false)
    expect(known.has(scopeKey(['big', 'mid'], 'woman'))).toBe(false)
    expect(small(attack(known))).toEqual([])
  })
})
