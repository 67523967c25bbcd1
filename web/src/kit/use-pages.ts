import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

/** A list the API answers page by page: the items so far and the cursor of the next page. */
export interface PageOf<T> {
  items: T[]
  nextCursor: string | null
}

export interface PagesState<T> extends PageOf<T> {
  /** `loading`: the first page; `more`: the next page. */
  status: 'loading' | 'more' | 'ok' | 'error'
  error: unknown
}

/**
 * The first page of a list (again when `key` changes, and on `reload()`), and `loadMore()` for the next one; an
 * older request never overwrites a newer one. `get(cursor, signal)` asks for the page after `cursor` (the first
 * for null). With `clear`, a new first page starts from an empty list; otherwise the old items stay while it loads.
 * `update(change)` changes the items on screen (a row the server answered anew after an action).
 */
export function usePages<T>(
  key: string,
  get: (cursor: string | null, signal?: AbortSignal) => Promise<PageOf<T>>,
  options: { clear?: boolean } = {},
) {
  const [state, setState] = useState<PagesState<T>>({
    items: [],
    nextCursor: null,
    status: 'loading',
    error: null,
  })
  const [attempt, setAttempt] = useState(0)
  const latest = useRef(0)

  // `attempt` re-runs the request on reload().
  useEffect(() => {
    const request = ++latest.current
    const controller = new AbortController()
    setState((current) =>
      options.clear
        ? { ...current, items: [], nextCursor: null, status: 'loading', error: null }
        : { ...current, status: 'loading', error: null },
    )
    get(null, controller.signal)
      .then((page) => {
        if (request === latest.current)
          setState({ items: page.items, nextCursor: page.nextCursor, status: 'ok', error: null })
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted && request === latest.current)
          setState((current) => ({ ...current, status: 'error', error }))
      })
    return () => controller.abort()
  }, [key, attempt])

  const loadMore = () => {
    const cursor = state.nextCursor
    if (!cursor || state.status === 'loading' || state.status === 'more') return
    const request = latest.current
    setState((current) => ({ ...current, status: 'more' }))
    get(cursor)
      .then((page) => {
        if (request === latest.current)
          setState((current) => ({
            items: [...current.items, ...page.items],
            nextCursor: page.nextCursor,
            status: 'ok',
            error: null,
          }))
      })
      .catch((error: unknown) => {
        if (request === latest.current) setState((current) => ({ ...current, status: 'error', error }))
      })
  }

  const update = (change: (items: T[]) => T[]) =>
    setState((current) => ({ ...current, items: change(current.items) }))
  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, loadMore, reload, update }
}
