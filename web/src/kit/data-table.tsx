import type { ComponentChildren, VNode } from 'preact'

/**
 * A table that becomes one card per row on phones (each cell labelled with its column through
 * `data-label`), or the `empty` content when there are no rows.
 */

export interface Column<T> {
  label: string
  /** The header is read to screen readers only, and the cell has no card label (a column of checkboxes). */
  hideLabel?: boolean
  class?: string
  /** Unless the table renders whole rows (`row`). */
  cell?: (row: T) => ComponentChildren
  /** A sortable column: its header is a button; `direction` is set on the column the rows are sorted by. */
  sort?: ColumnSort
}

export interface ColumnSort {
  direction: 'ascending' | 'descending' | undefined
  onSort: () => void
  testid?: string
}

type RowAttributes = Record<`data-${string}`, string | number | undefined>

export function DataTable<T>(props: {
  rows: readonly T[]
  /** A column that is `false` is left out (e.g. actions for those who may not act). */
  columns: readonly (Column<T> | false)[]
  rowKey: (row: T, index: number) => string | number
  /** Each row's `data-testid`; with it, the row's key is its `data-id`. */
  rowTestid?: string
  /** Further `data-*` attributes of each row. */
  rowData?: (row: T) => RowAttributes
  /** A row of its own (with state spanning cells); its cells use `<td data-label>` like the others. */
  row?: (row: T, index: number) => VNode
  empty?: ComponentChildren
  testid?: string
  class?: string
}) {
  if (props.rows.length === 0) return <>{props.empty ?? null}</>
  const columns = props.columns.filter((column): column is Column<T> => column !== false)
  const sortable = columns.some((column) => column.sort)
  const classes = ['table', sortable ? 'table--sortable' : '', props.class ?? ''].filter(Boolean).join(' ')
  return (
    <table class={classes} data-testid={props.testid}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th
              key={column.label}
              scope="col"
              aria-sort={column.sort?.direction}
              data-sortable={column.sort ? 'true' : undefined}
            >
              {column.sort ? (
                <SortButton label={column.label} sort={column.sort} />
              ) : column.hideLabel ? (
                <span class="visually-hidden">{column.label}</span>
              ) : (
                column.label
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, index) =>
          props.row ? (
            props.row(row, index)
          ) : (
            <tr
              key={props.rowKey(row, index)}
              data-testid={props.rowTestid}
              data-id={props.rowTestid ? props.rowKey(row, index) : undefined}
              {...props.rowData?.(row)}
            >
              {columns.map((column) => (
                <td
                  key={column.label}
                  class={column.class}
                  data-label={column.hideLabel ? undefined : column.label}
                >
                  {column.cell?.(row)}
                </td>
              ))}
            </tr>
          ),
        )}
      </tbody>
    </table>
  )
}

/**
 * A sortable column's header: a button named by the column (the header's `aria-sort` says the direction), with
 * an arrow for sighted readers. On phones, where the header row is otherwise hidden, these buttons stay visible
 * above the cards.
 */
function SortButton(props: { label: string; sort: ColumnSort }) {
  const arrow = props.sort.direction === 'ascending' ? '▲' : props.sort.direction === 'descending' ? '▼' : '↕'
  return (
    <button
      type="button"
      class="sort-button"
      data-testid={props.sort.testid}
      data-direction={props.sort.direction}
      onClick={props.sort.onSort}
    >
      {props.label}
      <span class="sort-button__arrow" aria-hidden="true">
        {arrow}
      </span>
    </button>
  )
}
