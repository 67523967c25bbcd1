import { createClient } from '@libsql/client/web'
import { drizzle } from 'drizzle-orm/libsql/web'
import type { Database } from './client'
import * as schema from './schema'

/**
 * A drizzle database over a remote libSQL database (Turso, or the local stand-in in tests) through
 * `@libsql/client/web`: HTTP only, so it runs in the Workers runtime. The Worker loads this module only when a
 * tenant placed on libSQL is first served (decision 044).
 */
export function libsqlWebDatabase(options: { url: string; authToken?: string }): Database {
  const client = createClient(
    options.authToken ? { url: options.url, authToken: options.authToken } : { url: options.url },
  )
  return drizzle(client, { schema }) as unknown as Database
}
