import { participants } from '@tandem/db'
import { alias } from 'drizzle-orm/sqlite-core'

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
