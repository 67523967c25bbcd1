import { LOCALES } from '@tandem/i18n'
import { type Answer, ok, params, v1 } from '../../lib/client'

/** `GET /api/v1/orgs/{org}`: the organization and the caller's role in it. */
export const orgRoute = v1.orgs[':org']
export type OrgData = Answer<typeof orgRoute.$get>
export type Organization = OrgData['organization']

export const getOrg = (slug: string, signal: AbortSignal) =>
  ok(orgRoute.$get({ param: params({ org: slug }) }, { init: { signal } }))

/** Languages an organization (and an invitation email) can default to. */
export const ORG_LANGUAGES = LOCALES

/** The organization's language if it is one of ours, else English. */
export const orgLanguage = (locale: string): string =>
  (ORG_LANGUAGES as readonly string[]).includes(locale) ? locale : 'en'
