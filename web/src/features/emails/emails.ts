import type { EmailStatus } from '@tandem/vocab'
import { type Answer, fresh, logPageQuery, ok, params } from '../../lib/client'
import { orgRoute } from '../org/org'

/** The organization's email log, suppression list and the counts its home shows, as the API answers them. */
export const emailsRoute = orgRoute.emails
export const suppressionsRoute = orgRoute['email-suppressions']
export type EmailPage = Answer<typeof emailsRoute.$get>
export type EmailItem = EmailPage['items'][number]
export type SuppressionPage = Answer<typeof suppressionsRoute.$get>
export type Suppression = SuppressionPage['items'][number]
export type EmailSummary = Answer<typeof emailsRoute.summary.$get>

/** One page of the log, newest first: of one status (or all), matching `q`, after `cursor`. */
export const getEmailPage = (
  slug: string,
  options: { status: EmailStatus | ''; q: string; cursor: string | null },
  signal?: AbortSignal,
) => ok(emailsRoute.$get({ param: params({ org: slug }), query: logPageQuery(options) }, fresh(signal)))

/** Puts a failed or dead email back in the outbox. */
export const retryEmail = (slug: string, email: string) =>
  ok(emailsRoute[':email'].retry.$post({ param: params({ org: slug, email }) }))

/** The active suppression list (the first 200: a list longer than that needs a search). */
export const getSuppressions = (slug: string, signal?: AbortSignal) =>
  ok(suppressionsRoute.$get({ param: params({ org: slug }), query: { limit: '200' } }, fresh(signal)))

export const liftSuppression = (slug: string, suppression: string) =>
  ok(suppressionsRoute[':suppression'].$delete({ param: params({ org: slug, suppression }) }))

export const getEmailSummary = (slug: string, signal?: AbortSignal) =>
  ok(emailsRoute.summary.$get({ param: params({ org: slug }) }, fresh(signal)))
