import { sha256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { encodeHexLowerCase } from '@oslojs/encoding'

const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789' // 32 characters: 5 bits each, no look-alikes

/** 24 characters from a 32-letter alphabet: 120 bits of entropy (as in Lucia's session guide). */
export function randomSecret(): string {
  const bytes = new Uint8Array(24)
  crypto.getRandomValues(bytes)
  let out = ''
  for (const b of bytes) out += alphabet[b >> 3]
  return out
}

/** A uniformly random 6-digit code (rejection sampling, no modulo bias). */
export function randomCode(): string {
  const buf = new Uint32Array(1)
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000
  for (;;) {
    crypto.getRandomValues(buf)
    const n = buf[0] ?? limit
    if (n < limit) return String(n % 1_000_000).padStart(6, '0')
  }
}

export function sha256Hex(value: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(value)))
}

/** Constant-time comparison of two equal-length hex digests. */
export function digestsEqual(a: string, b: string): boolean {
  const enc = new TextEncoder()
  const x = enc.encode(a)
  const y = enc.encode(b)
  return x.length === y.length && constantTimeEqual(x, y)
}
