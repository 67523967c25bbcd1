import { useEffect, useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../i18n/context'
import { chosenLocale, isWebLocale } from '../i18n/i18n'
import { ApiError } from '../lib/api'
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

/** A one-time link from an email that takes no answer (any more): answered before, lapsed, or not one we sent. */
export type ClosedLink = 'used' | 'expired' | 'unknown'

/**
 * How one kind of link's problems close it: `used` is the problem code for "answered before" (`conflictIsUsed`:
 * any 409 says so too), 410 (or the code `expired`) that it lapsed, 404 that we never sent it. `reading`: a token
 * the API refuses to read at all (400: not even shaped like one) is a link we did not send; when answering, a 400
 * is about the answer and goes to its fields. Any other failure is no closed state (null).
 */
export const closedLinkBy =
  (codes: { used: string; conflictIsUsed: boolean; expired?: string }) =>
  (error: unknown, reading = false): ClosedLink | null => {
    if (!(error instanceof ApiError)) return null
    if (error.code === codes.used || (codes.conflictIsUsed && error.status === 409)) return 'used'
    if (error.status === 410 || (codes.expired !== undefined && error.code === codes.expired))
      return 'expired'
    if (error.status === 404 || (reading && error.status === 400)) return 'unknown'
    return null
  }

/** What opening a one-time link found: something to answer, or why there is nothing. */
export type OneTimeLink<T> = { kind: 'open'; data: T } | { kind: ClosedLink }

/** Reads a one-time link (a GET: it changes nothing); a used, lapsed or unknown link is an answer, not an error. */
export async function readOneTimeLink<T>(
  read: () => Promise<T>,
  closedOf: (error: unknown, reading: boolean) => ClosedLink | null,
): Promise<OneTimeLink<T>> {
  try {
    return { kind: 'open', data: await read() }
  } catch (error) {
    const closed = closedOf(error, true)
    if (closed) return { kind: closed }
    throw error
  }
}

/**
 * The page behind a one-time link (check-in, event invitation, survey): `useTokenLink` with what the person's
 * answer may learn later. `view` is what to show now — the link still being read or failed (`status`, for
 * `LinkStatus`), closed (why), or open (its data) — and `close(why)` closes it when an answer is refused as used or
 * lapsed. The page follows the language of the person the link is for (`data.locale`).
 */
export function useOneTimeLink<T extends { locale: string }>(
  open: (token: string) => Promise<OneTimeLink<T>>,
  missing: string,
) {
  const { token, link } = useTokenLink(open, missing, (found) =>
    found.kind === 'open' ? found.data.locale : undefined,
  )
  const [closed, close] = useState<ClosedLink | null>(null)
  const view:
    | { state: 'status'; link: TokenLink<unknown> }
    | { state: 'closed'; closed: ClosedLink }
    | { state: 'open'; data: T } =
    link.state !== 'ready'
      ? { state: 'status', link }
      : closed || link.data.kind !== 'open'
        ? { state: 'closed', closed: closed ?? (link.data.kind === 'open' ? 'unknown' : link.data.kind) }
        : { state: 'open', data: link.data.data }
  return { token, view, close }
}
