import { useRef, useState } from 'preact/hooks'
import { binder } from '../lib/bind'
import { type SubmitOptions, useSubmit } from './form'

/**
 * A form's values with `useSubmit()`: `field(key)` binds one value to a control (`value`, `onValue`
 * and the API's error for that path, `key` unless named otherwise). `paths` may depend on the values
 * (rows of a list).
 */
export function useForm<V extends object>(
  initial: V | (() => V),
  paths: readonly string[] | ((values: V) => readonly string[]),
  options: Omit<SubmitOptions, 'formRef'> = {},
) {
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState<V>(initial)
  const submit = useSubmit(typeof paths === 'function' ? paths(values) : paths, { ...options, formRef })
  const set = <K extends keyof V>(key: K, value: V[K]) =>
    setValues((current) => ({ ...current, [key]: value }))
  const bind = binder(values, (patch) => setValues((current) => ({ ...current, ...patch })))
  const field = <K extends keyof V & string>(key: K, path: string = key) => ({
    ...bind(key),
    error: submit.fields[path],
  })
  return { formRef, values, setValues, set, field, submit }
}
