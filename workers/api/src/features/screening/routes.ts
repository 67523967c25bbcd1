import * as v from 'valibot'
import { participantFactory, tenantFactory } from '../../factory'
import { jsonResponse, problem } from '../../lib/openapi'
import { ParticipantParam } from '../../lib/params'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { OrgParam } from '../orgs/schema'
import { ScreeningBody, ScreeningOut } from './schema'
import { expiringChecks, updateScreening } from './service'

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
  async (c) => c.json({ items: await expiringChecks(c.var.scope) }),
)

/** One mentor's screening: mounted at …/participants/:participant/screening, after `participantScope()`. */
export const mentorScreeningRoutes = participantFactory.createApp().patch(
  '/',
  guard('participants:manage', {
    tags: ['screening'],
    summary:
      'Record mentor screening: references, background check, training, safety acknowledgement, approval',
    responses: {
      200: jsonResponse('Screening with state', ScreeningOut),
      409: problem('Approval with requirements missing'),
    },
  }),
  validate('param', ParticipantParam),
  validate('json', ScreeningBody),
  async (c) =>
    c.json(await updateScreening(c.var.scope, c.var.program, c.var.participant, c.req.valid('json'))),
)
