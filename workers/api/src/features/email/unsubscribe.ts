import { hmac } from '@oslojs/crypto/hmac'
import { SHA256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding'
import { type EmailKind, isOptionalEmail } from '@tandem/vocab'
import * as v from 'valibot'

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

const encoder = new TextEncoder()
const mac = (secret: string, claim: string) =>
  hmac(SHA256, encoder.encode(secret), encoder.encode(`unsubscribe.${claim}`))

export function signUnsubscribe(secret: string, c: UnsubscribeClaim): string {
  const claim = encodeBase64urlNoPadding(
    encoder.encode(JSON.stringify({ v: 1, t: c.tenantId, r: c.recipientType, i: c.recipientId, k: c.kind })),
  )
  return `${claim}.${encodeBase64urlNoPadding(mac(secret, claim))}`
}

/** The claim of a token this service signed; null for anything else (damaged, forged, another key). */
export function readUnsubscribe(secret: string, token: string): UnsubscribeClaim | null {
  const [claim, signature, extra] = token.split('.')
  if (!claim || !signature || extra !== undefined || token.length > 600) return null
  try {
    const given = decodeBase64urlIgnorePadding(signature)
    const expected = mac(secret, claim)
    if (given.length !== expected.length || !constantTimeEqual(given, expected)) return null
    const parsed = v.safeParse(
      Claim,
      JSON.parse(new TextDecoder().decode(decodeBase64urlIgnorePadding(claim))),
    )
    if (!parsed.success) return null
    const o = parsed.output
    return { tenantId: o.t, recipientType: o.r, recipientId: o.i, kind: o.k as EmailKind }
  } catch {
    return null
  }
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
