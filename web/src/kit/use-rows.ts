import { useRef } from 'preact/hooks'

/**
 * An editable list of rows (languages, references, training modules): change or remove the row at an
 * index, or add one with a new stable key and move focus to its first control.
 */
export function useRows<R extends { key: number }>(rows: readonly R[], onChange: (rows: R[]) => void) {
  const nextKey = useRef(rows.reduce((max, row) => Math.max(max, row.key + 1), 0))
  return {
    update: (index: number, change: Partial<R>) =>
      onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row))),
    remove: (index: number) => onChange(rows.filter((_, i) => i !== index)),
    add: (make: (key: number) => R, focusId: (key: number) => string) => {
      const key = nextKey.current++
      onChange([...rows, make(key)])
      requestAnimationFrame(() => document.getElementById(focusId(key))?.focus())
    },
  }
}
