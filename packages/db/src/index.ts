export { type D1Database, type Database, d1Database, schema } from './client'
export { newId } from './ids'
export { LATEST_MIGRATION } from './migrations'
export {
  createDbResolver,
  type DbResolver,
  latestMigration,
  type PlacementKind,
  type PlacementSources,
  PlacementUnavailableError,
  placementKind,
  readOnly,
  SchemaBehindError,
  type TenantPlacement,
  UnknownPlacementError,
} from './placement'
export * from './repo/invitations'
export * from './repo/programs'
export * from './repo/tenants'
export * from './schema'
