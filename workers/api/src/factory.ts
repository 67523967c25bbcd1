import type {
  Database,
  DbResolver,
  MatchRun,
  Membership,
  Participant,
  ParticipantImport,
  Program,
  Session,
  Tenant,
  User,
} from '@tandem/db'
import { createFactory } from 'hono/factory'
import type { RequestIdVariables } from 'hono/request-id'
import type { Bindings, Config } from './env'
import type { OrgAccess } from './features/auth/session'

/**
 * The Worker's Env and Variables types and the factories that routes and middleware take their types from.
 * A leaf module: it imports no route, so features can depend on it without a cycle through app.ts.
 */

/** What every request has: bindings, configuration, the database resolver and the (optional) session. */
export type AppEnv = {
  Bindings: Bindings
  Variables: RequestIdVariables & {
    config: Config
    db: DbResolver
    user: User | null
    session: Session | null
    orgAccess: OrgAccess | null
  }
}

/**
 * One request's tenant scope, handed to services as their first argument: the tenant's own database
 * (`dbFor(tenant)`), the tenant id every query must carry, who acts, and the request's clock.
 */
export type Scope = {
  readonly db: Database
  readonly tenantId: string
  readonly actorId: string
  readonly now: Date
}

/** A route under `/orgs/:org`: the tenant middleware has resolved the caller's membership. */
export type TenantEnv = {
  Bindings: Bindings
  Variables: AppEnv['Variables'] & {
    user: User
    tenant: Tenant
    membership: Membership
    /** The tenant's own database (`dbFor(tenant)`): program data lives here. */
    tdb: Database
    scope: Scope
  }
}

/** A route under `/orgs/:org/programs/:program`: the program is this tenant's, loaded once. */
export type ProgramEnv = {
  Bindings: Bindings
  Variables: TenantEnv['Variables'] & { program: Program }
}

export const factory = createFactory<AppEnv>()
export const tenantFactory = createFactory<TenantEnv>()
export const programFactory = createFactory<ProgramEnv>()

/** A route under `…/participants/:participant`: the participant is in this program, loaded once. */
export type ParticipantEnv = {
  Bindings: Bindings
  Variables: ProgramEnv['Variables'] & { participant: Participant }
}
export const participantFactory = createFactory<ParticipantEnv>()

/** A route under `…/match-runs/:run`: the run is this program's, loaded once. */
export type RunEnv = {
  Bindings: Bindings
  Variables: ProgramEnv['Variables'] & { run: MatchRun }
}
export const runFactory = createFactory<RunEnv>()

/** A route under `…/imports/:import`: the CSV import is this program's, loaded once. */
export type ImportEnv = {
  Bindings: Bindings
  Variables: ProgramEnv['Variables'] & { participantImport: ParticipantImport }
}
export const importFactory = createFactory<ImportEnv>()
