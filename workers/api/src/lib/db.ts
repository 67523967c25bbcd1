import {
  createDbResolver,
  type D1Database,
  type Database,
  type DbResolver,
  LATEST_MIGRATION,
  PlacementUnavailableError,
  SchemaBehindError,
  tenantDatabases,
  UnknownPlacementError,
} from '@tandem/db'
import { and, eq, isNotNull } from 'drizzle-orm'
import { type Bindings, readConfig } from '../env'
import { Problem } from './problem'
import {
  decryptFields,
  encryptFields,
  type MasterKeys,
  masterKeysOf,
  needsReencryption,
} from './protected-fields'

/** The namespace libSQL tokens are sealed in (HKDF salt), bound to the database's name (additional data). */
const TOKEN_SCOPE = 'placements'

/** Seals a dedicated database's auth token for the control database (like a protected field). */
export async function sealDatabaseToken(env: Bindings, name: string, token: string): Promise<string> {
  const keys = masterKeysOf(readConfig(env))
  if (!keys) throw new Problem('encryption-key-missing', { detail: 'PROTECTED_FIELDS_KEY is not set.' })
  return encryptFields(keys, TOKEN_SCOPE, `database:${name}`, { token })
}

const readOnlyProblem = () =>
  new Problem('read-only', {
    detail:
      "This organization's data is being moved to another database; changes are paused until it is done.",
    headers: { 'Retry-After': '60' },
  })

/**
 * After a key rotation: the libSQL tokens sealed under the previous key, sealed again under the current one (part of
 * the operator's re-encryption, decision 033). Each write is conditional on the value read. Returns how many.
 */
export async function resealDatabaseTokens(control: Database, keys: MasterKeys): Promise<number> {
  const rows = await control.select().from(tenantDatabases).where(isNotNull(tenantDatabases.authToken))
  let done = 0
  for (const row of rows) {
    if (!row.authToken || !needsReencryption(keys, row.authToken)) continue
    const aad = `database:${row.name}`
    const sealed = await encryptFields(
      keys,
      TOKEN_SCOPE,
      aad,
      await decryptFields(keys, TOKEN_SCOPE, aad, row.authToken),
    )
    await control
      .update(tenantDatabases)
      .set({ authToken: sealed })
      .where(and(eq(tenantDatabases.name, row.name), eq(tenantDatabases.authToken, row.authToken)))
    done++
  }
  return done
}

const isD1 = (value: unknown): value is D1Database =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { prepare?: unknown }).prepare === 'function'

/**
 * The Worker's database resolver (decision 044): `shared` is the `DB` binding; `d1:<BINDING>` another D1 binding
 * of this Worker; `libsql:<name>` a dedicated libSQL database whose URL and sealed token are in the control
 * database (the HTTP client is loaded the first time such a tenant is served). Every tenant database is checked
 * against LATEST_MIGRATION once per isolate.
 */
export function resolverFor(env: Bindings): DbResolver {
  return createDbResolver({
    shared: env.DB,
    d1: (binding) => {
      const value: unknown = Reflect.get(env, binding)
      return isD1(value) ? value : undefined
    },
    libsql: async (name, control) => {
      const row = await control.select().from(tenantDatabases).where(eq(tenantDatabases.name, name)).get()
      if (!row) return undefined
      let authToken: string | undefined
      if (row.authToken) {
        const keys = masterKeysOf(readConfig(env))
        if (!keys) throw new Problem('encryption-key-missing', { detail: 'PROTECTED_FIELDS_KEY is not set.' })
        authToken = String((await decryptFields(keys, TOKEN_SCOPE, `database:${name}`, row.authToken)).token)
      }
      const { libsqlWebDatabase } = await import('@tandem/db/libsql-web')
      return libsqlWebDatabase({ url: row.url, ...(authToken ? { authToken } : {}) })
    },
    expectedMigration: LATEST_MIGRATION,
    readOnlyError: readOnlyProblem,
  })
}

/** What a placement that cannot serve says to a client: a 503 problem with Retry-After, never a 500. */
export function placementProblem(error: unknown): Problem | undefined {
  if (error instanceof SchemaBehindError)
    return new Problem('database-behind', {
      detail: `This organization's database is being upgraded (it has ${error.applied ?? 'no migration'}, this version needs ${error.expected}).`,
      headers: { 'Retry-After': '60' },
    })
  if (error instanceof UnknownPlacementError)
    return new Problem('placement-unavailable', {
      detail:
        error instanceof PlacementUnavailableError
          ? "This organization's database does not answer right now."
          : "This organization's database is not configured here.",
      headers: { 'Retry-After': error instanceof PlacementUnavailableError ? '30' : '60' },
    })
  return undefined
}
