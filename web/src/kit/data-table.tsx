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
}

type RowAttributes = Record<`data-${string}`, string | number | undefined>

export function DataTable<T>(props: {
  rows: readonly T[]
  /** A column that is `false` is left out (e.g. actions for those who may not act). */
  columns: readonly (Column<T> | false)[]
  rowKey: (row: T, index: number) => string | number
  /** `data-testid`, `data-id`, ... of each row. */
  rowData?: (row: T) => RowAttributes
  /** A row of its own (with state spanning cells); its cells use `<td data-label>` like the others. */
  row?: (row: T, index: number) => VNode
  empty?: ComponentChildren
  testid?: string
  class?: string
}) {
  if (props.rows.length === 0) return <>{props.empty ?? null}</>
  const columns = props.columns.filter((column): column is Column<T> => column !== false)
  return (
    <table class={props.class ? `table ${props.class}` : 'table'} data-testid={props.testid}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col">
              {column.hideLabel ? <span class="visually-hidden">{column.label}</span> : column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, index) =>
          props.row ? (
            props.row(row, index)
          ) : (
            <tr key={props.rowKey(row, index)} {...props.rowData?.(row)}>
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
