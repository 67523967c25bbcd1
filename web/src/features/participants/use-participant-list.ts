import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { type Answer, fresh, ok, params } from '../../lib/client'
import { participantsRoute } from './participant'

const PAGE_SIZE = 50

type Page = Answer<typeof participantsRoute.$get>

export interface ListState extends Page {
  /** `loading`: the first page for these filters; `more`: the next page. */
  status: 'loading' | 'more' | 'ok' | 'error'
  error: unknown
}

/** The first page for the filters (again on `reload()`), and `loadMore()` for the next one. */
export function useParticipantList(slug: string, program: string, filters: string) {
  const [state, setState] = useState<ListState>({
    items: [],
    nextCursor: null,
    status: 'loading',
    error: null,
  })
  const [attempt, setAttempt] = useState(0)
  const latest = useRef(0)
  const base = `${slug}/${program}`
  const get = (cursor: string | null, signal?: AbortSignal) => {
    const query = { ...Object.fromEntries(new URLSearchParams(filters)), limit: String(PAGE_SIZE) }
    return ok(
      participantsRoute.$get(
        { param: params({ org: slug, program }), query: cursor ? { ...query, cursor } : query },
        fresh(signal),
      ),
    )
  }

  // `attempt` re-runs the request on reload().
  useEffect(() => {
    const request = ++latest.current
    const controller = new AbortController()
    setState((current) => ({ ...current, status: 'loading', error: null }))
    get(null, controller.signal)
      .then((page) => {
        if (request === latest.current) setState({ ...page, status: 'ok', error: null })
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted && request === latest.current)
          setState((current) => ({ ...current, status: 'error', error }))
      })
    return () => controller.abort()
  }, [base, filters, attempt])

  const loadMore = () => {
    const cursor = state.nextCursor
    if (!cursor || state.status !== 'ok') return
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

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, loadMore, reload }
}

export type ParticipantList = ReturnType<typeof useParticipantList>
