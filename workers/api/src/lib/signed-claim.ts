import { hmac } from '@oslojs/crypto/hmac'
import { SHA256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding'
import * as v from 'valibot'

/**
 * Signed links that need no stored row (unsubscribe links, decision 024; digest links, decision 037):
 * `base64url(JSON claim).base64url(HMAC-SHA256(secret, "{purpose}." + claim))`. The purpose is part of what is
 * signed, so a token made for one purpose never reads as another. `schema` checks the claim's shape.
 */
export function signedClaims<S extends v.GenericSchema>(purpose: string, schema: S) {
  const encoder = new TextEncoder()
  const mac = (secret: string, claim: string) =>
    hmac(SHA256, encoder.encode(secret), encoder.encode(`${purpose}.${claim}`))
  return {
    sign(secret: string, claim: v.InferInput<S>): string {
      const encoded = encodeBase64urlNoPadding(encoder.encode(JSON.stringify(claim)))
      return `${encoded}.${encodeBase64urlNoPadding(mac(secret, encoded))}`
    },
    /** The claim of a token signed with this secret for this purpose; null for anything else (damaged, forged). */
    read(secret: string, token: string): v.InferOutput<S> | null {
      const [claim, signature, extra] = token.split('.')
      if (!claim || !signature || extra !== undefined || token.length > 600) return null
      try {
        const given = decodeBase64urlIgnorePadding(signature)
        const expected = mac(secret, claim)
        if (given.length !== expected.length || !constantTimeEqual(given, expected)) return null
        const parsed = v.safeParse(
          schema,
          JSON.parse(new TextDecoder().decode(decodeBase64urlIgnorePadding(claim))),
        )
        return parsed.success ? parsed.output : null
      } catch {
        return null
      }
    },
  }
}
