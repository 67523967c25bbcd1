import { outbox, rateLimits, sessions, signInTokens } from '@tandem/db'
import { eq } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { housekeeping } from '../src/features/housekeeping/service'
import { Client, db, lastEmail, orgWithOwner } from './support/client'

describe('housekeeping', () => {
  it('removes stale rate-limit windows, expired sign-in tokens and idle sessions, and nothing current', async () => {
    const { email } = await orgWithOwner('house')
    await new Client().api.v1.auth.email.$post({ json: { email } })
    await lastEmail(email)
    const before = {
      limits: (await db.select().from(rateLimits)).length,
      tokens: (await db.select().from(signInTokens)).length,
      sessions: (await db.select().from(sessions)).length,
    }
    expect(Math.min(before.limits, before.tokens, before.sessions)).toBeGreaterThan(0)
    // Rate-limit keys never hold an address in clear.
    const keys = (await db.select().from(rateLimits)).map((r) => r.key)
    expect(keys.some((k) => k.startsWith('auth-email:to:'))).toBe(true)
    expect(keys.join(' ')).not.toContain('@')
    // Nothing is stale yet.
    expect(await housekeeping(db, new Date())).toMatchObject({
      rateLimits: 0,
      signInTokens: 0,
      sessions: 0,
      outboxBodies: 0,
    })
    // Eleven days later everything here is stale.
    const later = new Date(Date.now() + 11 * 86_400_000)
    // The sign-in emails were delivered by the real queue meanwhile; their bodies go too.
    await vi.waitUntil(
      async () =>
        (await db.select().from(outbox).where(eq(outbox.toAddress, email))).every((r) => r.status === 'sent'),
      { timeout: 5000 },
    )
    const sent = (await db.select().from(outbox).where(eq(outbox.toAddress, email))).length
    expect(sent).toBeGreaterThan(0)
    expect(await housekeeping(db, later)).toEqual({
      rateLimits: before.limits,
      signInTokens: before.tokens,
      sessions: before.sessions,
      outboxBodies: sent,
    })
    for (const m of await db.select().from(outbox).where(eq(outbox.toAddress, email))) {
      expect(m).toMatchObject({ text: '', html: '', status: 'sent' })
    }
    expect(await db.select().from(sessions)).toEqual([])
  })
})
