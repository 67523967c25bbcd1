import type { ComponentChildren, RefObject, VNode } from 'preact'
import { useCallback, useRef, useState } from 'preact/hooks'
import { ApiError, type FieldError } from '../api'
import { useI18n } from '../i18n/context'
import type { Translate } from '../i18n/types'

/**
 * Form building blocks shared by the pages (not in the initial bundle): a labelled field that shows
 * its problem+json field error, a form-level alert, and `useSubmit()`, which runs a request, keeps
 * the submit button disabled meanwhile, and sorts the problem's `errors[].path` onto the fields.
 */

/** A message for an error that is not tied to one field: the problem's detail, or a plain sentence. */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.generic')
  if (error.isNetworkError) return t('error.network')
  if (error.status === 429) {
    const seconds = error.retryAfter
    if (!seconds) return t('error.rateLimited')
    return seconds < 90
      ? t('error.rateLimitedFor', { count: seconds })
      : t('error.rateLimitedMinutes', { count: Math.ceil(seconds / 60) })
  }
  if (error.status >= 500) return t('error.server')
  return error.detail ?? error.title
}

/**
 * The form path an error path belongs to: itself, or the longest listed path it is inside
 * (`languages.2` → `languages`, `trainingModules.0.id` → `trainingModules.0.id` if listed, else
 * `trainingModules`).
 */
export function fieldPathOf(path: string, paths: readonly string[]): string | undefined {
  let best: string | undefined
  for (const candidate of paths) {
    if ((path === candidate || path.startsWith(`${candidate}.`)) && candidate.length > (best?.length ?? -1)) {
      best = candidate
    }
  }
  return best
}

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
export function useSubmit(
  paths: readonly string[],
  options: {
    formRef?: RefObject<HTMLElement | null>
    onError?: (error: ApiError) => Record<string, string> | undefined
    /** The sentence to show for a field error (e.g. from its `code`, in the form's language); default: the API's message. */
    fieldMessage?: (error: FieldError) => string
  } = {},
) {
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
        if (error instanceof DOMException && error.name === 'AbortError') return false
        const fields: Record<string, string> = {}
        const other: string[] = []
        if (error instanceof ApiError) {
          for (const item of error.errors) {
            const path = fieldPathOf(item.path, pathsRef.current)
            const text = fieldMessage?.(item) ?? item.message
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
  children: (control: ControlProps) => VNode
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined
  const errorId = props.error ? `${props.id}-error` : undefined
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined
  return (
    <div class="field" data-invalid={props.error ? 'true' : undefined}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="field__hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={errorId} data-testid={errorId}>
          {props.error}
        </p>
      )}
      {props.children({
        id: props.id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(props.error ? { 'aria-invalid': 'true' as const } : {}),
      })}
    </div>
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
export function SubmitButton(props: { busy: boolean; label: string; busyLabel: string; testid?: string }) {
  return (
    <button
      type="submit"
      class="button"
      disabled={props.busy}
      aria-busy={props.busy ? 'true' : undefined}
      data-testid={props.testid}
    >
      {props.busy ? props.busyLabel : props.label}
    </button>
  )
}
