import * as v from 'valibot'
import { tenantFactory } from '../../factory'
import { jsonResponse } from '../../lib/openapi'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { OrgParam } from '../orgs/schema'
import { AuditEntryOut, AuditQuery } from './schema'
import { listAudit } from './service'

/** The organization's audit log: mounted at /orgs/:org/audit-log. */
export const auditRoutes = tenantFactory.createApp().get(
  '/',
  guard('audit:read', {
    tags: ['audit'],
    summary: 'The organization’s audit log, newest first',
    responses: {
      200: jsonResponse(
        'One page',
        v.object({ items: v.array(AuditEntryOut), nextCursor: v.nullable(v.string()) }),
      ),
    },
  }),
  validate('param', OrgParam),
  validate('query', AuditQuery),
  async (c) => {
    const { cursor, limit } = c.req.valid('query')
    return c.json(await listAudit(c.var.scope, c.var.db.control(), { limit, ...(cursor ? { cursor } : {}) }))
  },
)
