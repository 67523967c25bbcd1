import { Hono } from 'hono'
import * as v from 'valibot'
import type { AppContext } from '../../app'
import { describeTenantRoute, jsonResponse } from '../../lib/openapi'
import { validate } from '../../lib/validate'
import { requirePermission, type TenantVariables } from '../../middleware/tenant'
import { OrgParam } from '../orgs/schema'
import { expiringChecks } from './service'

type TenantContext = AppContext & { Variables: TenantVariables }

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

/** The coordinator dashboard's expiring-checks panel: mounted under /api/v1/orgs/:org. */
export const screeningRoutes = new Hono<TenantContext>().get(
  '/screening/expiring',
  describeTenantRoute('participants:read', {
    tags: ['screening'],
    summary: 'Background checks nearing expiry (within each program’s renewal window) or expired',
    responses: { 200: jsonResponse('Soonest first', v.object({ items: v.array(ExpiringOut) })) },
  }),
  requirePermission('participants:read'),
  validate('param', OrgParam),
  async (c) => c.json({ items: await expiringChecks(c.var.tdb, c.var.tenant.id, new Date()) }),
)
