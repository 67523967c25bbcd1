import { useEffect, useState } from 'preact/hooks'

/** The `items` of a list from the API (`load`), asked again whenever `key` or `version` changes. */
export function useList<T>(
  key: string,
  version: number,
  load: (signal: AbortSignal) => Promise<{ items: T[]; nextCursor?: string | null }>,
) {
  const [state, setState] = useState<{ items: T[] | null; error: unknown; nextCursor?: string | null }>({
    items: null,
    error: null,
  })
  useEffect(() => {
    const controller = new AbortController()
    load(controller.signal)
      .then((page) => setState({ items: page.items, error: null, nextCursor: page.nextCursor ?? null }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ items: null, error })
      })
    return () => controller.abort()
  }, [key, version])
  return state
}

/** What the board's lists share: where they are, and the version that makes them load again. */
export interface BoardList {
  slug: string
  programId: string
  version: number
}
