import { useEffect, useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../i18n/context'
import { describeError } from '../lib/errors'

export type TokenLink<T> =
  | { state: 'checking' }
  | { state: 'ready'; data: T }
  | { state: 'error'; message: string }

/**
 * The page behind a link from an email (`…?token=…`): the token, and what `check(token)` learns about it from the
 * API, in plain words when it fails. Checking acts on nothing (mail scanners open links); the page acts when the
 * person presses its button. `missing` says what is wrong with a link without a token.
 */
export function useTokenLink<T>(check: (token: string) => Promise<T>, missing: string) {
  const { t } = useI18n()
  const { query } = useLocation()
  const token = query.token?.trim() ?? ''
  const [link, setLink] = useState<TokenLink<T>>(
    token ? { state: 'checking' } : { state: 'error', message: missing },
  )
  const checker = useRef(check)
  checker.current = check

  useEffect(() => {
    if (!token) return
    let current = true
    checker
      .current(token)
      .then((data) => current && setLink({ state: 'ready', data }))
      .catch((reason: unknown) => current && setLink({ state: 'error', message: describeError(reason, t) }))
    return () => {
      current = false
    }
  }, [token, t])

  return { token, link }
}
