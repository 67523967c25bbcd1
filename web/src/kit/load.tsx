import type { ComponentChildren } from 'preact'
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { useI18n } from '../i18n/context'
import { ApiError } from '../lib/api'
import { describeError } from '../lib/errors'
import type { Loaded } from '../lib/loaded'

export type { Loaded } from '../lib/loaded'

/**
 * Loads a page's data when `key` changes (e.g. the organization slug) and on `reload()`. A reload
 * keeps the current data on screen until the new answer arrives; an older request never overwrites a
 * newer one.
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const loader = useRef(load)
  loader.current = load
  const shownKey = useRef(key)

  // `attempt` re-runs the request on reload().
  useEffect(() => {
    const controller = new AbortController()
    if (shownKey.current !== key) {
      shownKey.current = key
      setState({ kind: 'loading' })
    }
    loader
      .current(controller.signal)
      .then((data) => setState({ kind: 'ok', data }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'error', error })
      })
    return () => controller.abort()
  }, [key, attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, reload }
}

export function Loading() {
  const { t } = useI18n()
  return (
    <p role="status" class="muted" data-testid="loading">
      {t('common.loading')}
    </p>
  )
}

/** A page that could not load: plain words for 401 (sign in), 403 (not allowed) and 404 (no such page or not a member). */
export function LoadError(props: { error: unknown; notFound?: string }) {
  const { t } = useI18n()
  const status = props.error instanceof ApiError ? props.error.status : -1
  let message: string
  if (status === 401) message = t('load.signIn')
  else if (status === 403) message = t('load.forbidden')
  else if (status === 404) message = props.notFound ?? t('load.notFound')
  else message = describeError(props.error, t)
  return (
    <div class="alert alert--error" role="alert" data-testid="load-error" data-status={status}>
      <p>{message}</p>
      {status === 401 ? (
        <p>
          <a href="/sign-in">{t('account.signIn')}</a>
        </p>
      ) : (
        <p>
          <a href="/">{t('notFound.home')}</a>
        </p>
      )}
    </div>
  )
}

/** Loading…, the error, or the children with the data. */
export function Load<T>(props: {
  state: Loaded<T>
  notFound?: string
  children: (data: T) => ComponentChildren
}) {
  const { state } = props
  if (state.kind === 'loading') return <Loading />
  if (state.kind === 'error') return <LoadError error={state.error} notFound={props.notFound} />
  return <>{props.children(state.data)}</>
}

/**
 * Like `Load`, for a list: the `empty` text (test id `emptyTestid`; grey where `muted`) when it has no items, else
 * the children with them.
 */
export function LoadList<T>(props: {
  state: Loaded<readonly T[]>
  empty: string
  emptyTestid: string
  muted?: boolean
  children: (items: readonly T[]) => ComponentChildren
}) {
  return (
    <Load state={props.state}>
      {(items) =>
        items.length === 0 ? (
          <p class={props.muted ? 'muted' : undefined} data-testid={props.emptyTestid}>
            {props.empty}
          </p>
        ) : (
          props.children(items)
        )
      }
    </Load>
  )
}

/**
 * A section of loaded items (the organization home's attention list and expiring checks): its heading and intro,
 * then loading, the error with a button to try again, the empty text when there are no items, or `children` with
 * the data. Ids and test ids: `{name}-heading`, `{name}-empty`; the section's test id is `testid`.
 */
export function ItemsSection<T extends { items: readonly unknown[] }>(props: {
  name: string
  testid: string
  heading: string
  intro: string
  retry: string
  empty: string
  state: Loaded<T>
  reload: () => void
  children: (data: T) => ComponentChildren
}) {
  const { state } = props
  return (
    <section class="section" aria-labelledby={`${props.name}-heading`} data-testid={props.testid}>
      <h2 id={`${props.name}-heading`}>{props.heading}</h2>
      <p class="muted">{props.intro}</p>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && (
        <>
          <LoadError error={state.error} />
          <p>
            <button type="button" class="button button--secondary" onClick={props.reload}>
              {props.retry}
            </button>
          </p>
        </>
      )}
      {state.kind === 'ok' &&
        (state.data.items.length === 0 ? (
          <p data-testid={`${props.name}-empty`}>{props.empty}</p>
        ) : (
          props.children(state.data)
        ))}
    </section>
  )
}
