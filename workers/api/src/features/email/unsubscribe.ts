import { type EmailKind, isOptionalEmail } from '@tandem/vocab'
import * as v from 'valibot'
import { signedClaims } from '../../lib/signed-claim'

/**
 * Signed unsubscribe links (decision 024): `base64url(claim).base64url(HMAC-SHA256(secret, "unsubscribe." +
 * claim))`. The claim names the tenant, the recipient and the kind, so a link can only ever turn off that one
 * kind of email for that one person in that one organization. No sign-in is needed and nothing expires.
 */
export interface UnsubscribeClaim {
  tenantId: string
  /** `contact`: a partner's contact (decision 037). */
  recipientType: 'member' | 'participant' | 'contact'
  recipientId: string
  kind: EmailKind
}

const Claim = v.object({
  v: v.literal(1),
  t: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  r: v.picklist(['member', 'participant', 'contact']),
  i: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  k: v.pipe(v.string(), v.check(isOptionalEmail)),
})

const links = signedClaims('unsubscribe', Claim)

export const signUnsubscribe = (secret: string, c: UnsubscribeClaim): string =>
  links.sign(secret, { v: 1, t: c.tenantId, r: c.recipientType, i: c.recipientId, k: c.kind })

/** The claim of a token this service signed; null for anything else (damaged, forged, another key). */
export function readUnsubscribe(secret: string, token: string): UnsubscribeClaim | null {
  const o = links.read(secret, token)
  return o && { tenantId: o.t, recipientType: o.r, recipientId: o.i, kind: o.k as EmailKind }
}

/**
 * What an optional email carries: the page link shown in the email, and the RFC 8058 headers whose URL takes the
 * one-click POST (the same API route the page posts to).
 */
export function unsubscribeFor(
  config: { APP_ORIGIN: string; EMAIL_LINK_SECRET: string },
  claim: UnsubscribeClaim,
) {
  const token = signUnsubscribe(config.EMAIL_LINK_SECRET, claim)
  return {
    page: `${config.APP_ORIGIN}/unsubscribe?token=${token}`,
    headers: {
      'List-Unsubscribe': `<${config.APP_ORIGIN}/api/v1/unsubscribe?token=${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  }
}
