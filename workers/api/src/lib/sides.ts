import { matches, participants, programs } from '@tandem/db'
import { alias, type SQLiteSelect } from 'drizzle-orm/sqlite-core'
import { sameTenantRow } from './sql'

/** The two people of a match, as aliases of `participants` for joining both in one query. */
export const mentee = alias(participants, 'mentee')
export const mentor = alias(participants, 'mentor')

/** What an email to one of them needs: who, where to, and in which language. */
export const recipientOf = (person: typeof mentee | typeof mentor) => ({
  id: person.id,
  name: person.displayName,
  email: person.email,
  locale: person.preferredLocale,
})

/**
 * Both people of a match and its program, joined to a query that reads `matches` (each row of the same tenant as
 * the match): `withTandem(db.select({…}).from(matches).$dynamic()).where(…)`. Without the program: `withSides`.
 */
export const withTandem = <T extends SQLiteSelect>(query: T) =>
  withSides(query).innerJoin(programs, sameTenantRow(programs, matches.programId, matches.tenantId))

/** Both people of a match joined to a query that reads `matches`, each in the match's tenant. */
export const withSides = <T extends SQLiteSelect>(query: T) =>
  query
    .innerJoin(mentee, sameTenantRow(mentee, matches.menteeId, matches.tenantId))
    .innerJoin(mentor, sameTenantRow(mentor, matches.mentorId, matches.tenantId))
