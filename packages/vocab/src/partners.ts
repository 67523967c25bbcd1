/**
 * Partners (decision 037): organizations outside the program (funders, libraries, schools, city agencies) that
 * receive a digest of aggregate, non-identifying results by email on their cadence.
 */

/** How often a partner's contacts get the digest: Mondays (the week before) or the 1st (the month before). */
export const PARTNER_CADENCES = ['weekly', 'monthly'] as const
export type PartnerCadence = (typeof PARTNER_CADENCES)[number]

/** What kind of organization a partner is (for the list; it changes nothing in the digest). */
export const PARTNER_KINDS = ['funder', 'library', 'school', 'city-agency', 'other'] as const
export type PartnerKind = (typeof PARTNER_KINDS)[number]

export const PARTNER_STATUSES = ['active', 'paused'] as const
export type PartnerStatus = (typeof PARTNER_STATUSES)[number]

/** A partner has one to this many contacts, who each get the digest. */
export const MAX_PARTNER_CONTACTS = 5

/** The digest goes out from this local hour on its day (Monday or the 1st) until that day ends. */
export const DIGEST_HOUR = 8

/**
 * Lines of a digest, in the order it shows them; each is one measure of the indicators service (decision 036),
 * for the whole scope (`all` group), in the latest month that has ended and the month before.
 */
export const DIGEST_LINES = [
  'activeMatches',
  'newMatches',
  'meetingsPerMatch',
  'goalsMoved',
  'eventAttendance',
] as const
export type DigestLine = (typeof DIGEST_LINES)[number]
