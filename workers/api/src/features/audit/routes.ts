import { tenantFactory } from '../../factory'
import { csvFile, csvHeaders } from '../../lib/download'
import { jsonResponse } from '../../lib/openapi'
import { Page } from '../../lib/schema'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { OrgParam } from '../orgs/schema'
import { AuditEntryOut, AuditExportQuery, AuditQuery } from './schema'
import { AUDIT_EXPORT_MAX, exportAudit, listAudit } from './service'

/** The organization's audit log: mounted at /orgs/:org/audit-log. */
export const auditRoutes = tenantFactory
  .createApp()
  .get(
    '/export',
    guard('audit:read', {
      tags: ['audit'],
      summary: 'The filtered audit log as CSV (audited with the purpose given)',
      description: `The filters of the list (area, action, actor, from, to); newest first, at most ${AUDIT_EXPORT_MAX} entries (narrow the days for more). UTF-8 with a byte-order mark; cells that would start a formula begin with an apostrophe.`,
      responses: { 200: csvFile },
    }),
    validate('param', OrgParam),
    validate('query', AuditExportQuery),
    async (c) => {
      const file = await exportAudit(c.var.scope, c.var.db.control(), c.req.valid('query'))
      return c.body(file.csv, 200, csvHeaders(`audit-log-${c.var.tenant.slug}.csv`, file.count))
    },
  )
  .get(
    '/',
    guard('audit:read', {
      tags: ['audit'],
      summary: 'The organization’s audit log, newest first (filter by area, action, actor, days)',
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
