import { type Answer, fresh, LOG_PAGE_SIZE, ok, params } from '../../lib/client'
import { orgRoute } from '../org/org'
import { type AuditFilters, queryOf } from './audit-filters'

export type { AuditFilters } from './audit-filters'

/** The organization's audit log as the API answers it. */
export const auditRoute = orgRoute['audit-log']
export type AuditPage = Answer<typeof auditRoute.$get>
export type AuditEntry = AuditPage['items'][number]

/** One page of the log, newest first: filtered, after `cursor` (or from the newest). */
export const getAuditPage = (
  slug: string,
  filters: AuditFilters,
  cursor: string | null,
  signal?: AbortSignal,
) =>
  ok(
    auditRoute.$get(
      {
        param: params({ org: slug }),
        query: { ...queryOf(filters), ...(cursor ? { cursor } : {}), limit: String(LOG_PAGE_SIZE) },
      },
      fresh(signal),
    ),
  )

/** The filtered log as CSV, with the purpose of the download (audited): the response, for saving as a file. */
export const exportAuditLog = (slug: string, filters: AuditFilters, purpose: string) =>
  auditRoute.export.$get({ param: params({ org: slug }), query: { ...queryOf(filters), purpose } }, fresh())
