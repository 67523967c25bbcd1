import type { EndRequest } from '@tandem/db'
import { matches } from '@tandem/db'
import { MATCH_END_REASONS } from '@tandem/vocab'
import { isNotNull, or } from 'drizzle-orm'
import * as v from 'valibot'
import { notEnded } from './sides'

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

/** The condition for the organization's matches, not ended, with a request to end from either side. */
export const openEndRequest = (tenantId: string) =>
  notEnded(tenantId, or(isNotNull(matches.menteeEndRequest), isNotNull(matches.mentorEndRequest)))
