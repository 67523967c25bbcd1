import { useEffect, useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../i18n/context'
import { chosenLocale, isWebLocale } from '../i18n/i18n'
import { describeError } from '../lib/errors'

export type TokenLink<T> =
  | { state: 'checking' }
  | { state: 'ready'; data: T }
  | { state: 'error'; message: string }

/**
 * The page behind a link from an email (`…?token=…`): the token, and what `check(token)` learns about it from the
 * API, in plain words when it fails. Checking acts on nothing (mail scanners open links); the page acts when the
 * person presses its button. `missing` says what is wrong with a link without a token. `localeOf` names the
 * language of the person the link is for: the page switches to it (without saving it) unless the reader chose
 * one (`?lang=`, the language switcher).
 */
export function useTokenLink<T>(
  check: (token: string) => Promise<T>,
  missing: string,
  localeOf?: (data: T) => string | null | undefined,
) {
  const { t, locale, setLocale } = useI18n()
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

  const followed = useRef(false)
  const wanted = link.state === 'ready' ? localeOf?.(link.data) : undefined
  useEffect(() => {
    if (followed.current || !wanted || !isWebLocale(wanted) || chosenLocale()) return
    followed.current = true
    if (wanted !== locale) setLocale(wanted, { remember: false }).catch(() => {})
  }, [wanted, locale, setLocale])

  return { token, link }
}
