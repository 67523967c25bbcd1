import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'

/**
 * A random, non-sequential identifier: 15 random bytes (120 bits) in lowercase base32 (24 characters).
 * Ids never reveal how many rows a tenant has or in which order they were made.
 */
export function newId(): string {
  const bytes = new Uint8Array(15)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}
