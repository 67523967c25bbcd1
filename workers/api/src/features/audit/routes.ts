import { tenantFactory } from '../../factory'
import { jsonResponse } from '../../lib/openapi'
import { Page } from '../../lib/schema'
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
    summary: 'The organization’s audit log, newest first (filter by area)',
    description:
      'Each entry has the names its sentence needs (`names`: participant, mentee and mentor, program, member, user, an invitation’s address), looked up when read; a name that is gone is left out. `area` keeps one area’s entries (people, matching, team, programs, sign-in).',
    responses: {
      200: jsonResponse('One page', Page(AuditEntryOut)),
    },
  }),
  validate('param', OrgParam),
  validate('query', AuditQuery),
  async (c) => c.json(await listAudit(c.var.scope, c.var.db.control(), c.req.valid('query'))),
)
