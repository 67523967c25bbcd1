import { type Database, rateLimits } from '@tandem/db'
import { sql } from 'drizzle-orm'
import { sha256Hex } from './crypto'
import { Problem, type ProblemCode } from './problem'

export interface Limit {
  /** How many hits a window allows. */
  max: number
  windowMs: number
}

/**
 * Counts one hit against `key`, atomically in one statement (D1 has no transactions), in a window that starts with
 * the first hit and lasts `windowMs`; not aligned to the clock, so how many hits a burst gets never depends on when
 * a clock window happens to turn over. Returns the count so far in the window and when the window ends.
 */
async function hit(db: Database, key: string, windowMs: number, now: Date) {
  const at = now.getTime()
  const fresh = sql`${rateLimits.windowStart} > ${at - windowMs}`
  const row = await db
    .insert(rateLimits)
    .values({ key, windowStart: at, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${fresh} then ${rateLimits.count} + 1 else 1 end`,
        windowStart: sql`case when ${fresh} then ${rateLimits.windowStart} else ${at} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart })
    .get()
  const retryAfter = Math.max(1, Math.ceil(((row?.windowStart ?? at) + windowMs - at) / 1000))
  return { count: row?.count ?? 1, retryAfter }
}

const allows = async (db: Database, key: string, limit: Limit, now: Date) => {
  const { count, retryAfter } = await hit(db, key, limit.windowMs, now)
  return { allowed: count <= limit.max, retryAfter }
}

/**
 * Counts one hit against `key` in its window (see `hit`). Throws a 429 problem (`code`, by default `rate-limited`) with
 * Retry-After when the window is full.
 */
export async function rateLimit(
  db: Database,
  key: string,
  limit: Limit,
  now: Date,
  code: ProblemCode = 'rate-limited',
): Promise<void> {
  const { allowed, retryAfter } = await allows(db, key, limit, now)
  if (!allowed) {
    throw new Problem(code, {
      detail: `Too many attempts. Try again in ${retryAfter} seconds.`,
      headers: { 'Retry-After': String(retryAfter) },
    })
  }
}

/**
 * Counts one email to a recipient against `key` (the same window as `rateLimit`); false when the window is
 * full. For answers that must not change when a limit is reached (they would reveal whether an address is
 * known): the caller answers as always and sends nothing.
 */
export async function mayEmail(db: Database, key: string, limit: Limit, now: Date): Promise<boolean> {
  return (await allows(db, key, limit, now)).allowed
}

/** Sign-in email to one address (sign-in requests and sign-ups together). */
export const signInEmailsPerAddress: Limit = { max: 5, windowMs: 15 * 60_000 }

/** The per-address bucket of sign-in email, shared by every route that emails a sign-in link (hashed address). */
export const signInRecipientKey = (email: string) => `auth-email:to:${sha256Hex(email.toLowerCase())}`
/** The per-address bucket of sign-up email (sign-in link or owner confirmation). */
export const signUpRecipientKey = (email: string) => `signup:to:${sha256Hex(email.toLowerCase())}`

/** Counts one event under `key` in its window (see `hit`); returns how many there were in it. */
export async function countInWindow(db: Database, key: string, windowMs: number, now: Date): Promise<number> {
  return (await hit(db, key, windowMs, now)).count
}

/**
 * The client's address as Cloudflare reports it, as a rate-limit bucket: IPv6 by its /64 network (one
 * subscriber usually holds a whole /64), IPv4 as is; one shared bucket for local development.
 */
export function clientIp(header: string | undefined): string {
  const ip = header?.trim()
  if (!ip) return 'local'
  if (!ip.includes(':')) return ip
  const [head = '', tail = ''] = ip.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

/**
 * The network a client's address belongs to, as a second, wider rate-limit bucket: an IPv6 /48 (what one site is
 * usually given, so a subscriber cannot rotate through its /64s to escape a limit); null for IPv4 and local
 * development, where the address itself is the bucket.
 */
export function clientNetwork(header: string | undefined): string | null {
  const net = clientIp(header)
  if (!net.endsWith('::/64')) return null
  return `${net.split(':').slice(0, 3).join(':')}::/48`
}
