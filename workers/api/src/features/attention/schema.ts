import { CONCERN_SEVERITIES, CONCERN_STATUSES } from '@tandem/vocab'
import * as v from 'valibot'

export const ATTENTION_KINDS = ['never-contacted', 'fading', 'end-request', 'concern', 'planned-end'] as const

/** One thing a coordinator should look at: a tandem, named by first names only, and since when. */
export const AttentionItemOut = v.object({
  kind: v.picklist(ATTENTION_KINDS),
  matchId: v.string(),
  programId: v.string(),
  programName: v.string(),
  mentee: v.string(),
  mentor: v.string(),
  /**
   * `YYYY-MM-DD` (the organization's local day): the last meeting or the start, the earliest request to end, or
   * (`planned-end`) the day the match is planned to end.
   */
  since: v.string(),
  /** Whole days from `since` to today: negative for a planned end still ahead. */
  days: v.number(),
  /** For a concern (listed only to members who may read concerns): which, how severe, how it stands. */
  concern: v.optional(
    v.object({
      id: v.string(),
      severity: v.picklist(CONCERN_SEVERITIES),
      status: v.picklist(CONCERN_STATUSES),
      nameToOtherSide: v.boolean(),
    }),
  ),
})
export type AttentionItem = v.InferOutput<typeof AttentionItemOut>

export const AttentionOut = v.object({ items: v.array(AttentionItemOut), total: v.number() })
