import type { Database } from '@tandem/db'
import type { EmailKind } from '@tandem/vocab'
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
