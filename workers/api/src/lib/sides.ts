import { matches, participants, programs } from '@tandem/db'
import { type Column, type GetColumnData, ne, type SQL, sql } from 'drizzle-orm'
import { alias, type SQLiteSelect } from 'drizzle-orm/sqlite-core'
import { inTenant, sameTenantRow } from './sql'

/** The two people of a match, as aliases of `participants` for joining both in one query. */
export const mentee = alias(participants, 'mentee')
export const mentor = alias(participants, 'mentor')

/**
 * `column` under a result name of its own. Queries sent together in one D1 batch come back keyed by column name,
 * so the two people's `id`s and `display_name`s (and the match's `id`) would overwrite each other; named, they
 * cannot. Values are decoded as the column's own.
 */
export const named = <C extends Column>(column: C, name: string) =>
  sql<GetColumnData<C>>`${column}`.mapWith(column).as(name)

/** Each person's name under its own result name (`mentee_name`, `mentor_name`). */
export const menteeName = named(mentee.displayName, 'mentee_name')
export const mentorName = named(mentor.displayName, 'mentor_name')

/** What an email to one of them needs: who, where to, and in which language (named by side: `mentor_email` …). */
export const recipientOf = (person: typeof mentee | typeof mentor) => {
  const side = person === mentee ? 'mentee' : 'mentor'
  return {
    id: named(person.id, `${side}_id`),
    name: named(person.displayName, `${side}_name`),
    email: named(person.email, `${side}_email`),
    locale: named(person.preferredLocale, `${side}_locale`),
  }
}

/**
 * What an email to a participant read from `participants` itself needs: who, where to, and in which language
 * (`person: contactOf` in a select).
 */
export const contactOf = {
  id: participants.id,
  name: participants.displayName,
  email: participants.email,
  locale: participants.preferredLocale,
}

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

/** The condition for the organization's matches that have not ended (active or paused) and meet `conditions`. */
export const notEnded = (tenantId: string, ...conditions: (SQL | undefined)[]) =>
  inTenant(matches, tenantId, ne(matches.status, 'ended'), ...conditions)
