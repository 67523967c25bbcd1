import { useEffect, useState } from 'preact/hooks'
import { apiGet } from '../../lib/api'

/** The `items` of a list from the API, asked again whenever `version` changes. */
export function useList<T>(url: string, version: number) {
  const [state, setState] = useState<{ items: T[] | null; error: unknown }>({ items: null, error: null })
  useEffect(() => {
    const controller = new AbortController()
    apiGet<{ items: T[] }>(url, { signal: controller.signal, cache: 'no-store' })
      .then((page) => setState({ items: page.items, error: null }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ items: null, error })
      })
    return () => controller.abort()
  }, [url, version])
  return state
}

/** What the board's lists share: where they are, and the version that makes them load again. */
export interface BoardList {
  slug: string
  programId: string
  version: number
}
