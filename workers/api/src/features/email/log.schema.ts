import { EMAIL_STATUSES, SUPPRESSION_REASONS } from '@tandem/vocab'
import * as v from 'valibot'
import { TimeCursor } from '../../lib/paging'
import { Id, Limit, OrgSlug, Page } from '../../lib/schema'

/** Part of an address to search for (case does not matter). */
const Search = v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)))

export const EmailLogQuery = v.object({
  cursor: TimeCursor,
  limit: Limit(50, 200),
  status: v.optional(v.picklist(EMAIL_STATUSES, `Use one of: ${EMAIL_STATUSES.join(', ')}.`)),
  q: Search,
})

export const SuppressionQuery = v.object({ cursor: TimeCursor, limit: Limit(50, 200), q: Search })

export const EmailParam = v.object({ org: OrgSlug, email: Id })
export const SuppressionParam = v.object({ org: OrgSlug, suppression: Id })

export const EmailOut = v.object({
  id: v.string(),
  to: v.string(),
  /** `invitation`, `match.introduction`, … (EMAIL_KINDS; a newer kind may appear). */
  kind: v.string(),
  status: v.picklist(EMAIL_STATUSES),
  /** Why it failed, bounced or was held back (`suppressed`); what the provider said. */
  reason: v.nullable(v.string()),
  attempts: v.number(),
  createdAt: v.string(),
  sentAt: v.nullable(v.string()),
})

export const SuppressionOut = v.object({
  id: v.string(),
  address: v.string(),
  reason: v.picklist(SUPPRESSION_REASONS),
  /** What the provider said (a bounce's type and message). */
  detail: v.nullable(v.string()),
  createdAt: v.string(),
})

export const EmailPage = Page(EmailOut)
export const SuppressionPage = Page(SuppressionOut)

export const EmailSummaryOut = v.object({
  /** Emails that failed, are dead, bounced or drew a complaint, created since `since` (30 days). */
  failures: v.number(),
  /** Addresses on the organization's suppression list. */
  suppressed: v.number(),
  since: v.string(),
})
