import { useState } from 'preact/hooks'
import { useI18n } from '../i18n/context'
import { describeError } from '../lib/errors'

/**
 * One action at a time (save, remove, resend… on a table row; apply or cancel an import): which one is
 * running, and the error of the last one in plain words. `onError` may put things back as they were.
 * `run` resolves with whether the action succeeded.
 */
export function useAction<A extends string>(onError?: () => void) {
  const { t } = useI18n()
  const [busy, setBusy] = useState<A | null>(null)
  const [error, setError] = useState<string | null>(null)
  const run = async (action: A, request: () => Promise<void>) => {
    setBusy(action)
    setError(null)
    try {
      await request()
      return true
    } catch (reason) {
      setError(describeError(reason, t))
      onError?.()
      return false
    } finally {
      setBusy(null)
    }
  }
  return { busy, error, run }
}
