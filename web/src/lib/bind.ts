/**
 * `bind(key)` for values kept in one object (a form's values, a list's filters): the control's `value` is
 * `values[key]`, and `onValue` hands `change` the one changed key.
 */
export function binder<V extends object>(values: V, change: (patch: Partial<V>) => void) {
  return <K extends keyof V & string>(key: K) => ({
    value: values[key],
    onValue: (value: V[K]) => {
      const patch: Partial<V> = {}
      patch[key] = value
      change(patch)
    },
  })
}
