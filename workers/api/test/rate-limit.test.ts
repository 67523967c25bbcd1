import { describe, expect, it } from 'vitest'
import { Problem } from '../src/lib/problem'
import { countInWindow, rateLimit } from '../src/lib/rate-limit'
import { db } from './support/client'

const TEN_MINUTES = 10 * 60_000
const limit = { max: 2, windowMs: TEN_MINUTES }
/** A moment just before a clock-aligned ten-minute boundary. */
const boundary = Math.ceil(Date.UTC(2026, 11, 6, 9, 0) / TEN_MINUTES) * TEN_MINUTES

async function refused(key: string, at: number) {
  try {
    await rateLimit(db, key, limit, new Date(at))
    return null
  } catch (error) {
    if (error instanceof Problem) return error
    throw error
  }
}

describe('rate-limit windows', () => {
  it('start with the first hit: a burst across a clock boundary gets no more than the limit', async () => {
    const key = `test:burst:${crypto.randomUUID()}`
    expect(await refused(key, boundary - 1_000)).toBeNull()
    expect(await refused(key, boundary + 500)).toBeNull()
    // A clock-aligned window would have started afresh at the boundary and let this one through.
    const third = await refused(key, boundary + 1_000)
    expect(third?.status).toBe(429)
    // Retry-After counts to the end of the window that began with the first hit.
    expect(third?.headers?.['Retry-After']).toBe(String((TEN_MINUTES - 2_000) / 1000))
  })

  it('start again after a whole window has passed', async () => {
    const key = `test:again:${crypto.randomUUID()}`
    for (const at of [0, 1_000]) expect(await refused(key, boundary + at)).toBeNull()
    expect(await refused(key, boundary + 2_000)).not.toBeNull()
    expect(await refused(key, boundary + TEN_MINUTES + 1)).toBeNull()
  })

  it('count events the same way', async () => {
    const key = `test:count:${crypto.randomUUID()}`
    const counts = []
    for (const at of [-1_000, 500, 1_000, TEN_MINUTES])
      counts.push(await countInWindow(db, key, TEN_MINUTES, new Date(boundary + at)))
    expect(counts).toEqual([1, 2, 3, 1])
  })
})
