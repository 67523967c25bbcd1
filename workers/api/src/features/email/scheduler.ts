import { type Database, type Tenant, tenants } from '@tandem/db'
import type { EmailKind } from '@tandem/vocab'
import { and, eq, isNull } from 'drizzle-orm'
import type { Config } from '../../env'
import { log } from '../../lib/log'
import { type LocalTime, localTime } from './local-time'

/**
 * The email scheduler (decision 024): each cron tick runs every rule once per tenant database, before due email
 * is dispatched. A rule writes email with `scheduleKeyedEmail` and a key `{kind}:{subject-id}:{period}`, so
 * running it twice (or in two overlapping ticks) creates one email. A failing rule is logged; the others run.
 */
export interface RuleContext {
  /** The control database: tenants, members, users. */
  control: Database
  /** The tenant database the rule writes email into. */
  db: Database
  /** Its placement: the rule handles the tenants placed there. */
  placement: string
  now: Date
  config: Pick<Config, 'APP_ORIGIN' | 'EMAIL_LINK_SECRET'>
}

export interface EmailRule {
  kind: EmailKind
  /** Writes the email that is due; returns how many it tried to create (keys already used are skipped). */
  run(context: RuleContext): Promise<number>
}

/** What a rule sees for one organization: the tick's context, the organization and the wall clock there. */
export interface TenantRun extends RuleContext {
  tenant: Tenant
  local: LocalTime
}

/**
 * A rule that looks at each organization placed on this database in turn: when `due` says the organization's
 * local time is the rule's (an hour, a weekday), `schedule` writes what is due for it and says how many emails it
 * tried to create.
 */
export const eachTenantRule = (
  kind: EmailKind,
  schedule: (run: TenantRun) => Promise<number>,
  due: (local: LocalTime) => boolean,
): EmailRule => ({
  kind,
  async run(context) {
    const placed = await context.control
      .select()
      .from(tenants)
      // An organization whose data is being moved is left alone until the move ends (decision 044).
      .where(and(eq(tenants.placement, context.placement), isNull(tenants.readOnlySince)))
    let written = 0
    for (const tenant of placed) {
      const local = localTime(context.now, tenant.timezone)
      if (due(local)) written += await schedule({ ...context, tenant, local })
    }
    return written
  },
})

/** Due during one local hour: `atLocalHour(9)` is 09:00–09:59 in the organization's time zone. */
export const atLocalHour = (hour: number) => (local: LocalTime) => local.hour === hour

/** Due at any hour. */
export const anyHour = () => true

export async function runScheduler(rules: readonly EmailRule[], context: RuleContext) {
  const created: Partial<Record<EmailKind, number>> = {}
  for (const rule of rules) {
    try {
      created[rule.kind] = await rule.run(context)
    } catch (error) {
      log.error('scheduler: rule failed', { kind: rule.kind, placement: context.placement }, error)
    }
  }
  return created
}
