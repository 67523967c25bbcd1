import { type Database, type Tenant, tenants } from '@tandem/db'
import type { EmailKind } from '@tandem/vocab'
import { and, eq, isNull } from 'drizzle-orm'
import type { Config } from '../../env'
import { log } from '../../lib/log'

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

/**
 * A rule that looks at each organization placed on this database in turn: `schedule` writes what is due for one
 * of them (each decides its own local hour or day) and says how many emails it tried to create.
 */
export const eachTenantRule = (
  kind: EmailKind,
  schedule: (context: RuleContext, tenant: Tenant) => Promise<number>,
): EmailRule => ({
  kind,
  async run(context) {
    const placed = await context.control
      .select()
      .from(tenants)
      // An organization whose data is being moved is left alone until the move ends (decision 044).
      .where(and(eq(tenants.placement, context.placement), isNull(tenants.readOnlySince)))
    let written = 0
    for (const tenant of placed) written += await schedule(context, tenant)
    return written
  },
})

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
