import { type D1Database, type Database, d1Database } from './client'

/** What the resolver needs to know about a tenant to find its data. */
export interface TenantPlacement {
  id: string
  placement: string
}

export class UnknownPlacementError extends Error {
  constructor(placement: string) {
    super(`No database is configured for placement "${placement}"`)
    this.name = 'UnknownPlacementError'
  }
}

/**
 * Builds `dbFor(tenant)`: the one way feature code reaches a tenant's program data.
 * Today every tenant is placed on the shared D1 database; a tenant placed elsewhere (a D1 shard,
 * a dedicated libSQL database) gets its database here without feature code changing.
 */
export function createDbResolver(bindings: { shared: D1Database }) {
  let shared: Database | undefined
  return {
    control(): Database {
      shared ??= d1Database(bindings.shared)
      return shared
    },
    dbFor(tenant: TenantPlacement): Database {
      if (tenant.placement === 'shared') {
        shared ??= d1Database(bindings.shared)
        return shared
      }
      throw new UnknownPlacementError(tenant.placement)
    },
  }
}

export type DbResolver = ReturnType<typeof createDbResolver>
