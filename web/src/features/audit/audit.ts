import type { AuditArea } from '@tandem/vocab'
import { type Answer, fresh, logPageQuery, ok, params, present } from '../../lib/client'
import { orgRoute } from '../org/org'

/** The organization's audit log as the API answers it. */
export const auditRoute = orgRoute['audit-log']
export type AuditPage = Answer<typeof auditRoute.$get>
export type AuditEntry = AuditPage['items'][number]

/** The log's filters the page offers: an area, and a range of days (`YYYY-MM-DD`, UTC, both included). */
export type AuditFilters = {
  area: AuditArea | ''
  from: string
  to: string
}

/** One page of the log, newest first: filtered, after `cursor` (or from the newest). */
export const getAuditPage = (
  slug: string,
  options: AuditFilters & { cursor: string | null },
  signal?: AbortSignal,
) => ok(auditRoute.$get({ param: params({ org: slug }), query: logPageQuery(options) }, fresh(signal)))

/** The filtered log as CSV, with the purpose of the download (audited): the response, for saving as a file. */
export const exportAuditLog = (slug: string, filters: AuditFilters, purpose: string) =>
  auditRoute.export.$get({ param: params({ org: slug }), query: { ...present(filters), purpose } }, fresh())
