import { log } from './log'
import { Problem } from './problem'
import { decryptFields, encryptFields, type MasterKeys, masterKeysOf } from './protected-fields'

/**
 * Notes people write when they ask to end their match: sealed at rest with the protected-fields key (AES-GCM,
 * per-tenant key), bound to their match and side, opened only for the writer and on the match's own page.
 */

export type Side = 'mentee' | 'mentor'

/** The key notes are sealed under (the protected-fields master key) and what binds a note to its place. */
export interface NoteKey {
  master: MasterKeys | undefined
}
/** The note key of a request: the protected-fields master key from the Worker's configuration. */
export const noteKeyOf = (config: Parameters<typeof masterKeysOf>[0]): NoteKey => ({
  master: masterKeysOf(config),
})
const noteAad = (matchId: string, side: Side, by: string) => `${matchId}:${side}:${by}`

/** Seals a person's note to a match and side; null for no note. Without a configured key no note can be kept. */
export async function sealNote(
  key: NoteKey,
  tenantId: string,
  matchId: string,
  side: Side,
  by: string,
  note: string | undefined,
) {
  if (!note) return null
  if (!key.master) {
    throw new Problem('encryption-key-missing', {
      detail: 'No encryption key is configured (PROTECTED_FIELDS_KEY); send the request without a note.',
    })
  }
  return encryptFields(key.master, tenantId, noteAad(matchId, side, by), { note })
}

/** Opens a sealed note; null (and a log line without content) if it cannot be opened. */
export async function openNote(
  key: NoteKey,
  tenantId: string,
  matchId: string,
  side: Side,
  by: string,
  sealed: string | null,
): Promise<string | null> {
  if (!sealed || !key.master) return null
  try {
    const { note } = await decryptFields(key.master, tenantId, noteAad(matchId, side, by), sealed)
    return typeof note === 'string' ? note : null
  } catch (error) {
    log.error('end-request note failed its integrity check', { matchId, side }, error)
    return null
  }
}

/**
 * Seals a text at rest bound to its place (`binding`, e.g. `concern:<id>`): a sealed text copied to another row
 * does not open. Without a configured key nothing can be kept: 503 with `missing` as the detail.
 */
export async function sealText(
  key: NoteKey,
  tenantId: string,
  binding: string,
  text: string,
  missing: string,
) {
  if (!key.master) throw new Problem('encryption-key-missing', { detail: missing })
  return encryptFields(key.master, tenantId, binding, { text })
}

/** Opens a text sealed by `sealText`; null (and a log line naming only `what`) if it cannot be opened. */
export async function openText(
  key: NoteKey,
  tenantId: string,
  binding: string,
  sealed: string | null,
  what: string,
): Promise<string | null> {
  if (!sealed || !key.master) return null
  try {
    const { text } = await decryptFields(key.master, tenantId, binding, sealed)
    return typeof text === 'string' ? text : null
  } catch (error) {
    log.error(`${what} failed its integrity check`, { binding }, error)
    return null
  }
}
