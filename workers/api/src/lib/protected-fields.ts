import { sha256 } from '@oslojs/crypto/sha2'
import { decodeBase64, encodeBase64, encodeHexLowerCase } from '@oslojs/encoding'
import { Problem } from './problem'

/**
 * Protected (special-category) fields are encrypted at rest with AES-256-GCM. Each tenant has its own
 * key, derived with HKDF-SHA-256 from a master secret (`PROTECTED_FIELDS_KEY`, a Worker secret) and
 * the tenant id; the additional data binds a ciphertext to its participant, so it cannot be copied to
 * another row or tenant. Stored form: `v2.<key id>.<iv base64>.<ciphertext base64>`, the key id being the
 * first 8 hex digits of the SHA-256 of the master key (decision 033). Values written before key ids
 * (`v1.<iv>.<ciphertext>`) are opened with the current key, then the previous one.
 *
 * During a rotation two master keys are configured: the new one (`PROTECTED_FIELDS_KEY`, used for every write)
 * and the one before it (`PROTECTED_FIELDS_KEY_PREVIOUS`, only read), until `re-encrypt` has moved everything.
 */
export interface MasterKeys {
  current: string
  previous?: string | undefined
}

/** The master keys of a configuration; undefined when none is configured. */
export const masterKeysOf = (config: {
  PROTECTED_FIELDS_KEY?: string | undefined
  PROTECTED_FIELDS_KEY_PREVIOUS?: string | undefined
}): MasterKeys | undefined =>
  config.PROTECTED_FIELDS_KEY
    ? { current: config.PROTECTED_FIELDS_KEY, previous: config.PROTECTED_FIELDS_KEY_PREVIOUS }
    : undefined

const keyCache = new Map<string, Promise<CryptoKey>>()

function masterKeyBytes(master: string): Uint8Array {
  const bytes = decodeBase64(master)
  if (bytes.length !== 32) throw new Error('PROTECTED_FIELDS_KEY must be 32 bytes, base64-encoded')
  return bytes
}

/** The id a ciphertext names its master key by: not secret, and says nothing about the key. */
export const keyIdOf = (master: string) => encodeHexLowerCase(sha256(masterKeyBytes(master))).slice(0, 8)

function tenantKey(master: string, tenantId: string): Promise<CryptoKey> {
  const cacheKey = `${keyIdOf(master)}:${tenantId}`
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
  keys: MasterKeys,
  tenantId: string,
  participantId: string,
  fields: Record<string, unknown>,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const data = new TextEncoder().encode(JSON.stringify(fields))
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(`${tenantId}:${participantId}`) },
    await tenantKey(keys.current, tenantId),
    data,
  )
  return `v2.${keyIdOf(keys.current)}.${encodeBase64(iv)}.${encodeBase64(new Uint8Array(cipher))}`
}

const keyUnknown = (keyId: string) =>
  new Problem('encryption-key-unknown', {
    detail: `Protected data was sealed under master key ${keyId}, which is not configured; configure it as PROTECTED_FIELDS_KEY_PREVIOUS until re-encryption is done.`,
  })

async function open(master: string, tenantId: string, participantId: string, iv: string, cipher: string) {
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

/**
 * Opens a sealed value with the key it names. A key that is not configured is a 503 problem
 * (`encryption-key-unknown`), never a 500; a ciphertext that fails with its own key (moved or altered) throws.
 */
export async function decryptFields(
  keys: MasterKeys,
  tenantId: string,
  participantId: string,
  stored: string,
): Promise<Record<string, unknown>> {
  const parts = stored.split('.')
  if (parts[0] === 'v2' && parts.length === 4) {
    const [, keyId = '', iv = '', cipher = ''] = parts
    const master = [keys.current, keys.previous].find((k) => k && keyIdOf(k) === keyId)
    if (!master) throw keyUnknown(keyId)
    return open(master, tenantId, participantId, iv, cipher)
  }
  const [version, iv, cipher] = parts
  if (version !== 'v1' || !iv || !cipher || parts.length !== 3)
    throw new Error('unknown protected-field format')
  try {
    return await open(keys.current, tenantId, participantId, iv, cipher)
  } catch (error) {
    if (!keys.previous) throw error
    return open(keys.previous, tenantId, participantId, iv, cipher)
  }
}

/** True when a sealed value is not under the current key (written before key ids, or under the previous key). */
export const needsReencryption = (keys: MasterKeys, stored: string) =>
  !stored.startsWith(`v2.${keyIdOf(keys.current)}.`)
