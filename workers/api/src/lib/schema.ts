import * as v from 'valibot'

/** Shared request-schema pieces, so every route checks ids and slugs the same way. */

/** A random row id (`newId()`: 24 lowercase base32 characters). */
export const Id = v.pipe(v.string(), v.regex(/^[a-z2-7]{24}$/, 'Not a valid id.'))

/** The organization slug in a tenant path; the tenant middleware resolves it through the membership. */
export const OrgSlug = v.pipe(v.string(), v.maxLength(40))
