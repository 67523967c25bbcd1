import { integer, text } from 'drizzle-orm/sqlite-core'
import { newId } from '../ids'

/** Primary key: random text id, generated in code (never sequential). */
export const id = () =>
  text('id')
    .primaryKey()
    .$defaultFn(() => newId())

/** Milliseconds since the epoch, set in code so D1 and libSQL agree. */
export const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .$defaultFn(() => new Date())
