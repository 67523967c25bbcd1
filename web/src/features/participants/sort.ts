import { PARTICIPANT_SORTS, type ParticipantSort } from '@tandem/vocab'

/**
 * The participants table's order, as it appears in the page's query string and the API's (`sort=-name`): a
 * column (name, status, waiting time) and a direction. No `sort`: the API's own order, no column marked.
 */

export type SortColumn = 'name' | 'status' | 'waiting'

/** The order a `sort` value names; anything else (absent, unknown) is no order. */
export function readSort(value: string | undefined): ParticipantSort | null {
  return PARTICIPANT_SORTS.find((sort) => sort === value) ?? null
}

/** A click on a column's header: ascending first, then the other way round. */
export function nextSort(current: ParticipantSort | null, column: SortColumn): ParticipantSort {
  return current === column ? `-${column}` : column
}

/** What a column's header says to assistive technology (`aria-sort`): only the sorted column says anything. */
export function ariaSort(current: ParticipantSort | null, column: SortColumn) {
  if (current === column) return 'ascending' as const
  if (current === `-${column}`) return 'descending' as const
  return undefined
}

/** The page's query: the filters' query (`filterQuery`) and the order after them. */
export function withSort(filters: string, sort: ParticipantSort | null): string {
  if (!sort) return filters
  return filters ? `${filters}&sort=${sort}` : `sort=${sort}`
}
