import { decodeBase64, encodeBase64 } from '@oslojs/encoding'

/**
 * Protected (special-category) fields are encrypted at rest with AES-256-GCM. Each tenant has its own
 * key, derived with HKDF-SHA-256 from the master secret (`PROTECTED_FIELDS_KEY`, a Worker secret) and
 * the tenant id; the additional data binds a ciphertext to its participant, so it cannot be copied to
 * another row or tenant. Stored form: `v1.<iv base64>.<ciphertext base64>`.
 */
const VERSION = 'v1'
const keyCache = new Map<string, Promise<CryptoKey>>()

function masterKeyBytes(master: string): Uint8Array {
  const bytes = decodeBase64(master)
  if (bytes.length !== 32) throw new Error('PROTECTED_FIELDS_KEY must be 32 bytes, base64-encoded')
  return bytes
}

function tenantKey(master: string, tenantId: string): Promise<CryptoKey> {
  const cacheKey = `${master.slice(0, 8)}:${tenantId}`
  let key = keyCache.get(cacheKey)
  if (!key) {
    key = crypto.subtle.importKey('raw', masterKeyBytes(master), 'HKDF', false, ['deriveKey']).then((base) =>
      crypto.subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new TextEncoder().encode(tenantId),
          info: new TextEncoder().encode('tandem protected fields v1'),
        },
        base,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      ),
    )
    keyCache.set(cacheKey, key)
  }
  return key
}

export async function encryptFields(
  master: string,
  tenantId: string,
  participantId: string,
  fields: Record<string, unknown>,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const data = new TextEncoder().encode(JSON.stringify(fields))
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(`${tenantId}:${participantId}`) },
    await tenantKey(master, tenantId),
    data,
  )
  return `${VERSION}.${encodeBase64(iv)}.${encodeBase64(new Uint8Array(cipher))}`
}

export async function decryptFields(
  master: string,
  tenantId: string,
  participantId: string,
  stored: string,
): Promise<Record<string, unknown>> {
  const [version, iv, cipher] = stored.split('.')
  if (version !== VERSION || !iv || !cipher) throw new Error('unknown protected-field format')
  const plain = await crypto.subtle.decrypt(
    {
      name: 'AES-GCM',
      iv: decodeBase64(iv),
      additionalData: new TextEncoder().encode(`${tenantId}:${participantId}`),
    },
    await tenantKey(master, tenantId),
    decodeBase64(cipher),
  )
  return JSON.parse(new TextDecoder().decode(plain)) as Record<string, unknown>
}
