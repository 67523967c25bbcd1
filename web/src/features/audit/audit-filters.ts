import { AUDIT_ACTIONS, AUDIT_AREA_CODES, type AuditAction, type AuditArea } from '@tandem/vocab'

/** The log's filters the page offers, all kept in its address so a filtered view can be reloaded and shared. */
export type AuditFilters = {
  area: AuditArea | ''
  /** One action (`match.created`, …). */
  action: AuditAction | ''
  /** The user id of who acted. */
  actor: string
  /** A range of days (`YYYY-MM-DD`, UTC, both included). */
  from: string
  to: string
}

export const NO_FILTERS: AuditFilters = { area: '', action: '', actor: '', from: '', to: '' }

const ORDER = ['area', 'action', 'actor', 'from', 'to'] as const
const isId = (value: string) => /^[a-z2-7]{24}$/.test(value)
const isDay = (value: string) => /^\d{4}-\d\d-\d\d$/.test(value)

/**
 * The filters an address asks for. A value the API would refuse (an unknown area or action, a malformed id or
 * day) is dropped, so an edited or stale link shows the log with the filters that make sense.
 */
export function filtersOf(query: Record<string, string | undefined>): AuditFilters {
  const text = (key: string) => query[key] ?? ''
  return {
    area: AUDIT_AREA_CODES.find((code) => code === text('area')) ?? '',
    action: AUDIT_ACTIONS.find((code) => code === text('action')) ?? '',
    actor: isId(text('actor')) ? text('actor') : '',
    from: isDay(text('from')) ? text('from') : '',
    to: isDay(text('to')) ? text('to') : '',
  }
}

/** The query string of the filters that are set (`?area=…&actor=…`), or '' when none is. */
export function searchOf(filters: AuditFilters): string {
  const set = ORDER.filter((key) => filters[key]).map((key) => [key, filters[key]])
  return set.length > 0 ? `?${new URLSearchParams(set).toString()}` : ''
}

/** The filters that are set, as the API's query (the same for the page and the CSV export). */
export function queryOf(filters: AuditFilters) {
  return Object.fromEntries(ORDER.filter((key) => filters[key]).map((key) => [key, filters[key]])) as {
    [K in keyof AuditFilters]?: Exclude<AuditFilters[K], ''>
  }
}
