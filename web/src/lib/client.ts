import type { AppType } from '@tandem/api-types'
import { type ClientResponse, hc } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'
import { apiFetch, readAnswer } from './api'

/**
 * The API as the server declares it (`hc<AppType>`): paths, request bodies and answers typed from the Worker's
 * validators and handlers. A renamed route or field fails `typecheck` here, not in a browser.
 * `scripts/api-types.mjs` writes the declarations it reads.
 */
export const api = hc<AppType>('', { fetch: apiFetch }).api
export const v1 = api.v1

/** The body of the 2xx answers of a response type (the client's union of every status the route declares). */
export type Ok<R> =
  R extends ClientResponse<infer T, infer S, infer _F>
    ? [Extract<S, SuccessStatusCode>] extends [never]
      ? never
      : T
    : never

/** What an endpoint of the client answers with when it succeeds: `Answer<typeof v1.me.$get>`. */
export type Answer<F extends (...args: never[]) => Promise<unknown>> = Ok<Awaited<ReturnType<F>>>

/**
 * Sends a request of the typed client and resolves with its 2xx body; any other answer rejects with an
 * `ApiError` (problem+json read into its fields), no answer with status 0, an abort with the `AbortError`.
 */
export async function ok<R>(request: Promise<R>): Promise<Ok<R>> {
  const response = await request
  if (!(response instanceof Response)) throw new TypeError('not a response')
  return (await readAnswer(response)) as Ok<R>
}

/** Path params for the client, encoded (it puts them into the path as they are). */
export const params = <P extends Record<string, string>>(values: P): P =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, encodeURIComponent(value)])) as P

/** Per-request options: an abort signal, and no cached answer. */
export const fresh = (signal?: AbortSignal) => ({ init: { signal, cache: 'no-store' as const } })

/** A query without its empty values (the client would send `?status=` for an empty string, `?cursor=null` for null). */
export const present = <Q extends Record<string, string | null>>(query: Q) =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value)) as {
    [K in keyof Q]?: Exclude<Q[K], '' | null>
  }

/** How many entries one page of a newest-first log (audit, email) asks for. */
export const LOG_PAGE_SIZE = 50

/** A log page's query: its filters that are set, the cursor (if any) and the page size. */
export const logPageQuery = <Q extends Record<string, string | null>>(options: Q) =>
  present({ ...options, limit: String(LOG_PAGE_SIZE) })
