import { tenantFactory } from '../../factory'
import { jsonResponse } from '../../lib/openapi'
import { guard } from '../../middleware/guard'
import { AttentionOut } from './schema'
import { ATTENTION_LIMIT, attentionList, PLANNED_END_NOTICE_DAYS } from './service'

/** What needs a coordinator now, across the organization's programs: mounted at /orgs/:org/attention. */
export const attentionRoutes = tenantFactory.createApp().get(
  '/',
  guard('matches:read', {
    tags: ['matching'],
    summary:
      'What needs a coordinator now: fading tandems, never-contacted newcomers, open requests to end, open concerns, planned ends',
    description: `Oldest first (it has waited longest), at most ${ATTENTION_LIMIT} items with the total. A tandem is fading after the program's meeting cadence plus 7 days without a held meeting (none planned from today on); a newcomer is never-contacted 14 days after the start without any held meeting or "we met" check-in (listed once, as such). Open and in-progress concerns are listed (since they were raised) only to roles that may read concerns, and that read is audited (decision 030). A match not ended is listed from ${PLANNED_END_NOTICE_DAYS} days before its planned end (\`planned-end\`, \`since\` is that day, \`days\` negative while ahead). People by first name only (decisions 028, 031).`,
    responses: { 200: jsonResponse('What needs attention', AttentionOut) },
  }),
  async (c) => c.json(await attentionList(c.var.scope, c.var.tenant, c.var.membership.role)),
)
