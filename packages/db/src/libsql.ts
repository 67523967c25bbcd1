import { createClient } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import type { Database } from './client'
import * as schema from './schema'

export interface LibsqlOptions {
  /** `file:path.sqlite` locally, `libsql://...` for a hosted database. */
  url: string
  authToken?: string
}

/** A drizzle database over libSQL (a local SQLite file, or Turso for a dedicated tenant database). */
export function libsqlDatabase(options: LibsqlOptions): { db: Database; close: () => void } {
  const client = createClient(
    options.authToken ? { url: options.url, authToken: options.authToken } : { url: options.url },
  )
  const db = drizzle(client, { schema }) as unknown as Database
  return { db, close: () => client.close() }
}

/** Applies the committed migrations (top-level `migrations/`) to a libSQL database. */
export async function migrateLibsql(db: Database, migrationsFolder: string): Promise<void> {
  await migrate(db as unknown as Parameters<typeof migrate>[0], { migrationsFolder })
}
