import { isMonth } from '@tandem/evidence'
import * as v from 'valibot'
import { signedClaims } from '../../lib/signed-claim'

/**
 * The signed "view online" link of a partner digest (decision 037), made like unsubscribe links (decision 024):
 * `base64url(claim).base64url(HMAC-SHA256(EMAIL_LINK_SECRET, "partner-digest." + claim))`. The claim names the
 * organization, the partner, the one person it was sent to (a partner's contact, or the member who asked for a
 * preview) and the month the digest shows, so a link opens that one digest and nothing else. Opening it changes
 * nothing; it does not expire (rotating the secret voids every link).
 */
export interface DigestClaim {
  tenantId: string
  partnerId: string
  recipientType: 'contact' | 'member'
  recipientId: string
  /** `YYYY-MM`: the latest month the digest shows. */
  month: string
}

const Part = v.pipe(v.string(), v.minLength(1), v.maxLength(64))
const Claim = v.object({
  v: v.literal(1),
  t: Part,
  p: Part,
  r: v.picklist(['contact', 'member']),
  i: Part,
  m: v.pipe(v.string(), v.check(isMonth)),
})

const links = signedClaims('partner-digest', Claim)

export const signDigestLink = (secret: string, c: DigestClaim): string =>
  links.sign(secret, {
    v: 1,
    t: c.tenantId,
    p: c.partnerId,
    r: c.recipientType,
    i: c.recipientId,
    m: c.month,
  })

/** The claim of a link this service signed; null for anything else (damaged, forged, another key). */
export function readDigestLink(secret: string, token: string): DigestClaim | null {
  const o = links.read(secret, token)
  return o && { tenantId: o.t, partnerId: o.p, recipientType: o.r, recipientId: o.i, month: o.m }
}

/** The page a digest links to (the web client's `/digest`, which reads `GET /api/v1/partner-digests/{token}`). */
export const digestPage = (config: { APP_ORIGIN: string; EMAIL_LINK_SECRET: string }, claim: DigestClaim) =>
  `${config.APP_ORIGIN}/digest?token=${signDigestLink(config.EMAIL_LINK_SECRET, claim)}`
