import type { ComponentChildren, Ref, RefObject, VNode } from 'preact'
import { useCallback, useRef, useState } from 'preact/hooks'
import { useI18n } from '../i18n/context'
import { ApiError, type FieldError } from '../lib/api'
import { describeError, fieldErrorMessage, fieldPathOf, isAbort } from '../lib/errors'

/**
 * Form building blocks shared by the pages (not in the initial bundle): a labelled field that shows
 * its problem+json field error, a form-level alert, and `useSubmit()`, which runs a request, keeps
 * the submit button disabled meanwhile, and sorts the problem's `errors[].path` onto the fields.
 */

export interface SubmitState {
  busy: boolean
  /** Messages by field path (e.g. `organization.slug`), for the paths this form has inputs for. */
  fields: Record<string, string>
  /** Everything else: the problem's detail, and field errors for paths the form does not show. */
  message: string | null
}

/**
 * `run(request)` submits once at a time. On an ApiError, field errors whose path is in `paths` (or
 * inside one of them: `languages.0` belongs to `languages`) go next to their input (and the first
 * invalid input gets focus); the rest, or the detail, go to `message`. `onError` may put a message
 * on a field the problem did not name (e.g. 409 → the slug).
 */
export interface SubmitOptions {
  formRef?: RefObject<HTMLElement | null>
  onError?: (error: ApiError) => Record<string, string> | undefined
  /** The sentence to show for a field error; default: its `code` in the reader's language (`fieldErrorMessage`). */
  fieldMessage?: (error: FieldError) => string
}

export function useSubmit(paths: readonly string[], options: SubmitOptions = {}) {
  const { t } = useI18n()
  const [state, setState] = useState<SubmitState>({ busy: false, fields: {}, message: null })
  const busy = useRef(false)
  // The paths may change between renders (e.g. a list of rows); `run` reads the latest.
  const pathsRef = useRef(paths)
  pathsRef.current = paths
  const { formRef, onError, fieldMessage } = options

  const run = useCallback(
    async (request: () => Promise<void>): Promise<boolean> => {
      if (busy.current) return false
      busy.current = true
      setState({ busy: true, fields: {}, message: null })
      try {
        await request()
        setState({ busy: false, fields: {}, message: null })
        return true
      } catch (error) {
        if (isAbort(error)) return false
        const fields: Record<string, string> = {}
        const other: string[] = []
        if (error instanceof ApiError) {
          for (const item of error.errors) {
            const path = fieldPathOf(item.path, pathsRef.current)
            const text = fieldMessage?.(item) ?? fieldErrorMessage(t, item)
            if (path) fields[path] ??= text
            else other.push(text)
          }
          for (const [path, message] of Object.entries(onError?.(error) ?? {})) fields[path] ??= message
        }
        const hasFields = Object.keys(fields).length > 0
        const message = other.length > 0 ? other.join(' ') : hasFields ? null : describeError(error, t)
        setState({ busy: false, fields, message })
        if (hasFields && formRef?.current) {
          const form = formRef.current
          requestAnimationFrame(() =>
            form.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[data-invalid] input')?.focus(),
          )
        }
        return false
      } finally {
        busy.current = false
      }
    },
    [t, formRef, onError, fieldMessage],
  )

  const clear = useCallback(() => setState({ busy: false, fields: {}, message: null }), [])
  return { ...state, run, clear }
}

export interface ControlProps {
  id: string
  'aria-describedby'?: string
  'aria-invalid'?: 'true'
}

/**
 * A label, the control (rendered by `children` with the id and ARIA wiring), an optional hint and
 * the field's error. The error has `data-testid="<id>-error"`.
 */
export function Field(props: {
  id: string
  label: ComponentChildren
  hint?: ComponentChildren
  error?: string | undefined
  /** The error's test id; default `<id>-error`. */
  errorTestid?: string
  children: (control: ControlProps) => VNode
}) {
  const describedBy = describedByOf(props)
  return (
    <div class="field" data-invalid={props.error ? 'true' : undefined}>
      <label for={props.id}>{props.label}</label>
      <FieldNotes {...props} />
      {props.children({
        id: props.id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(props.error ? { 'aria-invalid': 'true' as const } : {}),
      })}
    </div>
  )
}

interface Notes {
  id: string
  hint?: ComponentChildren
  error?: string | undefined
  errorTestid?: string
}

/** The ids of a field's error and hint, for `aria-describedby`. */
export const describedByOf = (notes: Notes) =>
  [notes.error ? `${notes.id}-error` : '', notes.hint ? `${notes.id}-hint` : ''].filter(Boolean).join(' ') ||
  undefined

/** A field's hint (`<id>-hint`) and error (`<id>-error`), between its label and its control. */
export function FieldNotes(props: Notes) {
  return (
    <>
      {props.hint && (
        <p class="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p
          class="field__error"
          id={`${props.id}-error`}
          data-testid={props.errorTestid ?? `${props.id}-error`}
        >
          {props.error}
        </p>
      )}
    </>
  )
}

/** A form that stays on the page: submitting it runs `onSubmit` (the browser's own submit is prevented). */
export function Form(props: {
  formRef?: Ref<HTMLFormElement>
  class: string
  testid: string
  onSubmit: () => void
  children: ComponentChildren
}) {
  return (
    <form
      ref={props.formRef}
      class={props.class}
      data-testid={props.testid}
      onSubmit={(event) => {
        event.preventDefault()
        props.onSubmit()
      }}
    >
      {props.children}
    </form>
  )
}

/** The form-level error (role="alert": announced when it appears). */
export function FormAlert(props: { message: string | null; testid?: string }) {
  if (!props.message) return null
  return (
    <p class="alert alert--error" role="alert" data-testid={props.testid ?? 'form-error'}>
      {props.message}
    </p>
  )
}

/** A submit button that is disabled, and says so, while its form is being sent. */
export function SubmitButton(props: {
  busy: boolean
  /** The label, and what it says while the form is being sent. */
  labels: readonly [label: string, busyLabel: string]
  testid?: string
}) {
  return (
    <button
      type="submit"
      class="button"
      disabled={props.busy}
      aria-busy={props.busy ? 'true' : undefined}
      data-testid={props.testid}
    >
      {props.busy ? props.labels[1] : props.labels[0]}
    </button>
  )
}

/**
 * The end of a form: its alert (the submit's message unless `message` says otherwise), then the submit
 * button, with other buttons beside it in a row.
 */
export function FormFooter(props: {
  submit: { busy: boolean; message: string | null }
  /** The button's label, and what it says while the form is being sent. */
  labels: readonly [label: string, busyLabel: string]
  testid?: string
  message?: string | null
  children?: ComponentChildren
}) {
  const button = <SubmitButton busy={props.submit.busy} labels={props.labels} testid={props.testid} />
  return (
    <>
      <FormAlert message={props.message === undefined ? props.submit.message : props.message} />
      {props.children ? (
        <div class="actions">
          {button}
          {props.children}
        </div>
      ) : (
        button
      )}
    </>
  )
}

/** What a SubmitForm needs of `useForm()`: the form's ref and its submit state. */
export interface FormState {
  formRef?: Ref<HTMLFormElement>
  submit: { busy: boolean; message: string | null }
}

/**
 * A form that stays on the page (`Form`) and ends in its `FormFooter`: the children are its fields, `actions` the
 * buttons beside the submit button. `form` is what `useForm()` returns (or a ref and a `useSubmit()`). `name` gives
 * the test ids: `<name>-form` on the form and `<name>-submit` on its button, unless `testid` / `submitTestid` say
 * otherwise.
 */
export function SubmitForm(props: {
  form: FormState
  name: string
  testid?: string
  /** `form` unless told otherwise (e.g. `form card`). */
  class?: string
  onSubmit: () => void
  /** The submit button's label, and what it says while the form is being sent. */
  labels: readonly [label: string, busyLabel: string]
  submitTestid?: string
  /** The alert instead of the submit's own message. */
  message?: string | null
  actions?: ComponentChildren
  children: ComponentChildren
}) {
  return (
    <Form
      formRef={props.form.formRef}
      class={props.class ?? 'form'}
      testid={props.testid ?? `${props.name}-form`}
      onSubmit={props.onSubmit}
    >
      {props.children}
      <FormFooter
        submit={props.form.submit}
        labels={props.labels}
        testid={props.submitTestid ?? `${props.name}-submit`}
        message={props.message}
      >
        {props.actions}
      </FormFooter>
    </Form>
  )
}
