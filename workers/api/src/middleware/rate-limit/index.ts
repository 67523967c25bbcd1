import type { Context, Input, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../factory'
import { clientIp, clientNetwork, type Limit, rateLimit } from '../../lib/rate-limit'

/** The bucket a request counts against; null or undefined: the limit does not apply to this request. */
export type LimitKey<E extends AppEnv, I extends Input> = (
  c: Context<E, string, I>,
) => string | null | undefined

/**
 * Counts the request against `limit` in the bucket `key(c)` names (kept in the control database) and answers
 * 429 with Retry-After when the window is full. Placed after a route's validators, the key may read validated
 * input: annotate its parameter with `Validated<…>` (lib/validate) so `c.req.valid(…)` is typed.
 */
export function rateLimited<E extends AppEnv = AppEnv, I extends Input = Input>(
  limit: Limit,
  key: LimitKey<E, I>,
): MiddlewareHandler<E, string, I> {
  return async function rateLimited(c, next) {
    const bucket = key(c)
    if (bucket) await rateLimit(c.var.db.control(), bucket, limit, new Date())
    await next()
  }
}

/** A per-client key: `${prefix}:${the client's address}` (as Cloudflare reports it; IPv6 by its /64). */
export const byClient =
  (prefix: string) =>
  (c: Context): string =>
    `${prefix}:${clientIp(c.req.header('cf-connecting-ip'))}`

/** A per-network key (an IPv6 /48): `${prefix}:${network}`; none for IPv4, whose address is its own bucket. */
export const byNetwork =
  (prefix: string) =>
  (c: Context): string | null => {
    const network = clientNetwork(c.req.header('cf-connecting-ip'))
    return network && `${prefix}:${network}`
  }
