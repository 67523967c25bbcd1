import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { decodeBase64, encodeBase64 } from '@oslojs/encoding'

/** A webhook older or newer than this (by its `svix-timestamp`) is refused, so a captured request cannot be replayed later. */
export const WEBHOOK_TOLERANCE_MS = 5 * 60 * 1000

export interface SvixHeaders {
  id: string | undefined
  timestamp: string | undefined
  signature: string | undefined
}

/**
 * Checks a Svix-signed webhook (Resend's): HMAC-SHA256 keyed with the base64 secret after `whsec_`, over
 * `${svix-id}.${svix-timestamp}.${body}`; `svix-signature` holds space-separated `v1,<base64>` entries (several
 * while a secret is rotated), any of which may match; compared in constant time. The timestamp (seconds) must be
 * within 5 minutes of `now`. Answers the event id when the request is genuine, else null (never which check failed).
 */
export async function verifySvix(
  secret: string,
  headers: SvixHeaders,
  body: string,
  now: Date,
): Promise<string | null> {
  const { id, timestamp, signature } = headers
  if (!id || !timestamp || !signature || id.length > 200 || !/^\d{1,12}$/.test(timestamp)) return null
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > WEBHOOK_TOLERANCE_MS) return null
  const key = secretBytes(secret)
  if (!key) return null
  const expected = await sign(key, `${id}.${timestamp}.${body}`)
  const want = new TextEncoder().encode(expected)
  let match = false
  for (const entry of signature.split(' ')) {
    const [version, value] = entry.split(',', 2)
    if (version !== 'v1' || !value) continue
    const got = new TextEncoder().encode(value)
    // Every entry is compared, so the time taken does not depend on which one matched.
    if (got.length === want.length && constantTimeEqual(got, want)) match = true
  }
  return match ? id : null
}

/** The signature Svix would send for this request (`v1,<base64>`): for tests and local tools. */
export async function signSvix(secret: string, id: string, timestamp: string, body: string): Promise<string> {
  const key = secretBytes(secret)
  if (!key) throw new Error('Not a webhook secret (whsec_<base64>)')
  return `v1,${await sign(key, `${id}.${timestamp}.${body}`)}`
}

function secretBytes(secret: string): Uint8Array | null {
  try {
    const bytes = decodeBase64(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret)
    return bytes.length > 0 ? bytes : null
  } catch {
    return null
  }
}

async function sign(key: Uint8Array, content: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  const mac = await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(content))
  return encodeBase64(new Uint8Array(mac))
}
