import type { AuditArea } from '@tandem/vocab'
import { type Answer, fresh, logPageQuery, ok, params } from '../../lib/client'
import { orgRoute } from '../org/org'

/** The organization's audit log as the API answers it. */
export const auditRoute = orgRoute['audit-log']
export type AuditPage = Answer<typeof auditRoute.$get>
export type AuditEntry = AuditPage['items'][number]

/** One page of the log, newest first: of one area (or all), after `cursor` (or from the newest). */
export const getAuditPage = (
  slug: string,
  options: { area: AuditArea | ''; cursor: string | null },
  signal?: AbortSignal,
) => ok(auditRoute.$get({ param: params({ org: slug }), query: logPageQuery(options) }, fresh(signal)))
