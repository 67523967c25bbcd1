import { PARTICIPANT_STATUSES } from '@tandem/vocab'

/** The participants list's filters, as they appear in the page's query string (and in the API's). */

export const FILTER_KEYS = ['role', 'status', 'language', 'neighborhood', 'need', 'q'] as const
export type Filters = Record<(typeof FILTER_KEYS)[number], string>

export const NO_FILTERS: Filters = { role: '', status: '', language: '', neighborhood: '', need: '', q: '' }

export function readFilters(query: Record<string, string | undefined>): Filters {
  const filters = { ...NO_FILTERS }
  for (const key of FILTER_KEYS) filters[key] = (query[key] ?? '').trim()
  return filters
}

/** `role=mentor&status=applied,ready`: only the filters that are set, in a stable order. */
export function filterQuery(filters: Filters): string {
  const params = new URLSearchParams()
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key])
  return params.toString()
}

/** The status filter with one status switched on or off, in the statuses' own order. */
export function toggleStatus(statuses: string, status: string, on: boolean): string {
  const current = statuses ? statuses.split(',') : []
  const next = on ? [...current, status] : current.filter((s) => s !== status)
  return PARTICIPANT_STATUSES.filter((s) => next.includes(s)).join(',')
}
