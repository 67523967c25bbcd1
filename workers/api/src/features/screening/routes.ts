import * as v from 'valibot'
import { tenantFactory } from '../../factory'
import { jsonResponse } from '../../lib/openapi'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { OrgParam } from '../orgs/schema'
import { expiringChecks } from './service'

const ExpiringOut = v.object({
  participantId: v.string(),
  programId: v.string(),
  programName: v.string(),
  displayName: v.string(),
  status: v.string(),
  checkExpiresOn: v.string(),
  expired: v.boolean(),
  flagged: v.boolean(),
  daysLeft: v.number(),
})

/** The coordinator dashboard's expiring-checks panel: mounted at /orgs/:org/screening. */
export const screeningRoutes = tenantFactory.createApp().get(
  '/expiring',
  guard('participants:read', {
    tags: ['screening'],
    summary: 'Background checks nearing expiry (within each program’s renewal window) or expired',
    responses: { 200: jsonResponse('Soonest first', v.object({ items: v.array(ExpiringOut) })) },
  }),
  validate('param', OrgParam),
  async (c) => c.json({ items: await expiringChecks(c.var.tdb, c.var.tenant.id, c.var.scope.now) }),
)
