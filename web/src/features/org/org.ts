import type { Role } from './roles'

/** API shapes of an organization (mirrors workers/api/src/features/orgs). */

export interface Organization {
  id: string
  slug: string
  name: string
  kind: 'city' | 'ngo' | 'other'
  country: string
  timezone: string
  defaultLocale: string
}

/** `GET /api/v1/orgs/{org}`: the organization and the caller's role in it. */
export interface OrgData {
  organization: Organization
  role: Role
}

/** Languages an organization (and an invitation email) can default to. */
export const ORG_LANGUAGES = ['en', 'ar', 'uk', 'fa', 'es', 'de'] as const

/** The organization's language if it is one of ours, else English. */
export const orgLanguage = (locale: string): string =>
  (ORG_LANGUAGES as readonly string[]).includes(locale) ? locale : 'en'
