import { roles } from '@tandem/db'
import * as v from 'valibot'
import { rule } from '../../lib/field-errors'
import { Locale, MailName, OrgSlug, PageLocale } from '../../lib/schema'
import { Email } from '../auth/schema'

/** Slugs that would collide with the app's own paths or invite impersonation. */
export const reservedSlugs = new Set([
  'admin',
  'api',
  'app',
  'apply',
  'assets',
  'auth',
  'dev',
  'docs',
  'help',
  'invitations',
  'login',
  'logout',
  'me',
  'new',
  'orgs',
  'settings',
  'sign-in',
  'sign-out',
  'signup',
  'static',
  'status',
  'support',
  'tandem',
  'www',
])

export const Slug = v.pipe(
  v.string('Enter an address for the organization.'),
  v.trim(),
  v.minLength(3, 'Use at least 3 characters.'),
  v.maxLength(40, 'Use at most 40 characters.'),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens between them.'),
  rule((s) => !reservedSlugs.has(s), 'taken', 'This address is reserved. Choose another.'),
)

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

export { Locale }

/** An organization's or a person's name: it goes into email (no web addresses, no control characters). */
export const Name = MailName(120)

/** Where an organization's data may be kept (decision 044). */
export const RESIDENCIES = ['default', 'eu'] as const

export const SignupOptionsOut = v.object({ residencies: v.array(v.picklist(RESIDENCIES)) })

export const SignupBody = v.object({
  organization: v.object({
    name: Name,
    slug: Slug,
    kind: v.picklist(['city', 'ngo', 'other'], 'Choose city, ngo or other.'),
    country: v.pipe(
      v.string(),
      v.trim(),
      v.toUpperCase(),
      v.regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as DE.'),
    ),
    timezone: v.pipe(v.string(), v.check(isTimeZone, 'Use a time zone such as Europe/Berlin.')),
    defaultLocale: Locale,
    /**
     * Where the organization's program data is kept (decision 044): `default`, the deployment's main database, or
     * `eu`, a database in the EU jurisdiction when the deployment has one (`EU_PLACEMENT`); else `residency-unavailable`.
     */
    residency: v.optional(v.picklist(RESIDENCIES, 'Choose default or eu.'), 'default'),
  }),
  admin: v.object({ name: Name, email: Email }),
  locale: PageLocale,
})

export const OrganizationOut = v.object({
  id: v.string(),
  slug: v.string(),
  name: v.string(),
  kind: v.string(),
  country: v.string(),
  timezone: v.string(),
  defaultLocale: v.string(),
  /** How applicants reach the organization: shown on the intake form's confirmation. */
  contactEmail: v.nullable(v.string()),
  contactPhone: v.nullable(v.string()),
})

/** An empty answer clears the setting. */
const cleared = v.pipe(
  v.literal(''),
  v.transform(() => null),
)

/** `PATCH /orgs/{org}`: the settings admins change (each optional; `null` or an empty string clears it). */
export const UpdateOrgBody = v.pipe(
  v.object({
    contactEmail: v.optional(v.union([v.null(), cleared, Email], 'Enter a valid email address.')),
    contactPhone: v.optional(
      v.union(
        [
          v.null(),
          cleared,
          v.pipe(
            v.string(),
            v.trim(),
            v.maxLength(40),
            v.regex(/^\+?[0-9 ()-]{5,40}$/, 'Use digits, spaces and an optional leading +.'),
          ),
        ],
        'Use digits, spaces and an optional leading +.',
      ),
    ),
  }),
  v.check((o) => Object.keys(o).length > 0, 'Send at least one setting to change.'),
)

export const RoleSchema = v.picklist(roles, `Choose one of: ${roles.join(', ')}.`)

export const OrgParam = v.object({ org: OrgSlug })
