import type { Database, DbResolver, Tenant } from '@tandem/db'
import type { Config } from '../env'
import type { Scope } from '../factory'
import { originOf } from './kick'
import { type NoteKey, noteKeyOf } from './notes'

/**
 * The request's scope on the control database, for services of data kept there (members, invitations, the
 * accounts' side of the audit log): the same tenant id, actor and clock as `c.var.scope`.
 */
export const controlScope = (c: { var: { scope: Scope; db: DbResolver } }): Scope => ({
  ...c.var.scope,
  db: c.var.db.control(),
})

/** What a request that seals a note and may email the organization's members needs besides its scope. */
export interface AlertContext {
  control: Database
  tenant: Tenant
  key: NoteKey
  origin: string
}

/** The alert context of a tenant request: the control database, the organization, the note key, the app's origin. */
export const alertContext = (c: {
  var: { db: DbResolver; tenant: Tenant; config: Config }
}): AlertContext => ({
  control: c.var.db.control(),
  tenant: c.var.tenant,
  key: noteKeyOf(c.var.config),
  origin: originOf(c),
})
