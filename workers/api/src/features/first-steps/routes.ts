import { tenantFactory } from '../../factory'
import { jsonResponse } from '../../lib/openapi'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { OrgParam } from '../orgs/schema'
import { FirstStepsOut } from './schema'
import { firstSteps } from './service'

/** The organization home's first-steps checklist: mounted at /orgs/:org/first-steps. */
export const firstStepsRoutes = tenantFactory.createApp().get(
  '/',
  guard('programs:read', {
    tags: ['organizations'],
    summary: 'A new organization’s first steps and which are done',
    description:
      'Program created; people in a program (through its form, an import or by hand); a mentor approved; a first match. Each is computed from the organization’s data.',
    responses: { 200: jsonResponse('The steps, in order', FirstStepsOut) },
  }),
  validate('param', OrgParam),
  async (c) => c.json(await firstSteps(c.var.scope)),
)
