import type { EndRequest } from '@tandem/db'
import { MATCH_END_REASONS } from '@tandem/vocab'
import * as v from 'valibot'

/**
 * A mentee's or mentor's request to end their match, as the API shows it: to coordinators on the match (both
 * sides) and to the person themselves in the portal (their own side only).
 */
export const EndRequestOut = v.object({
  at: v.string(),
  reason: v.picklist(MATCH_END_REASONS),
  hasNote: v.boolean(),
  /** The note itself only where it is read on purpose: one match's page (audited) and the person's own view. */
  note: v.nullable(v.string()),
})

/** A stored request with its note left sealed (`note` null; `hasNote` says whether there is one). */
export const endRequestOut = (r: EndRequest | null) =>
  r ? { at: r.at, reason: r.reason, hasNote: r.sealedNote != null, note: null as string | null } : null
