import { useEffect, useRef } from 'preact/hooks'

/**
 * Asks `fetch` every `ms` (the first time after half of it) while `key` is not null, until `onData`
 * returns false. A failed request goes to `onError` and is retried on the next tick. A new key or
 * unmounting stops the polling and aborts the request on its way.
 */
export function usePoll<T>(
  key: string | null,
  fetch: (signal: AbortSignal) => Promise<T>,
  onData: (data: T) => boolean,
  onError?: (error: unknown) => void,
  ms = 1000,
) {
  const latest = useRef({ fetch, onData, onError })
  latest.current = { fetch, onData, onError }
  useEffect(() => {
    if (key === null) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const controller = new AbortController()
    const tick = async () => {
      try {
        const data = await latest.current.fetch(controller.signal)
        if (stopped || !latest.current.onData(data)) return
      } catch (error) {
        if (stopped) return
        latest.current.onError?.(error)
      }
      timer = setTimeout(tick, ms)
    }
    timer = setTimeout(tick, ms / 2)
    return () => {
      stopped = true
      controller.abort()
      clearTimeout(timer)
    }
  }, [key, ms])
}
