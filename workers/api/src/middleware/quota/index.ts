import { tenantFactory } from '../../factory'
import type { QuotaContext } from '../../lib/quotas'

/**
 * Checks one of the organization's quotas or rates (lib/quotas) before the handler runs. Placed after the
 * route's validators, so a request refused as invalid counts against nothing.
 */
export function withinQuota(check: (context: QuotaContext) => Promise<void>) {
  return tenantFactory.createMiddleware(async function withinQuota(c, next) {
    await check({
      control: c.var.db.control(),
      db: c.var.tdb,
      tenantId: c.var.tenant.id,
      now: c.var.scope.now,
    })
    await next()
  })
}
