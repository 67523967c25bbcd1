import { tenantFactory } from '../../factory'
import { jsonResponse, problem } from '../../lib/openapi'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { OrgParam } from '../orgs/schema'
import {
  CreatePartnerBody,
  PartnerListQuery,
  PartnerOut,
  PartnerParam,
  PartnersOut,
  PatchPartnerBody,
} from './schema'
import { createPartner, deletePartner, listPartners, loadPartner, partnerOut, updatePartner } from './service'

const invalid = {
  400: problem('Invalid fields: a name with a web address, an unknown language or program, no contact…'),
}

/** The organization's partners: mounted at /orgs/:org/partners. */
export const partnerRoutes = tenantFactory
  .createApp()
  .get(
    '/',
    guard('partners:read', {
      tags: ['partners'],
      summary: 'Partners that get digests, paged',
      description: 'In the order they were added, each with its contacts (names and addresses).',
      responses: { 200: jsonResponse('The partners', PartnersOut) },
    }),
    validate('param', OrgParam),
    validate('query', PartnerListQuery),
    async (c) => c.json(await listPartners(c.var.scope, c.req.valid('query')), 200),
  )
  .post(
    '/',
    guard('partners:manage', {
      tags: ['partners'],
      summary: 'Add a partner (audited)',
      description:
        'A funder, library, school or city agency with one to five contacts, the language and cadence (weekly on Monday morning, monthly on the 1st, in the organization’s time zone) of its digest, and the programs it covers (`programIds`, or null for all).',
      responses: { 201: jsonResponse('The partner', PartnerOut), ...invalid },
    }),
    validate('param', OrgParam),
    validate('json', CreatePartnerBody),
    async (c) => c.json(await createPartner(c.var.scope, c.req.valid('json')), 201),
  )
  .get(
    '/:partner',
    guard('partners:read', {
      tags: ['partners'],
      summary: 'A partner with its contacts',
      responses: { 200: jsonResponse('The partner', PartnerOut) },
    }),
    validate('param', PartnerParam),
    async (c) => {
      const { partner, contacts } = await loadPartner(c.var.scope, c.req.valid('param').partner)
      return c.json(partnerOut(partner, contacts), 200)
    },
  )
  .patch(
    '/:partner',
    guard('partners:manage', {
      tags: ['partners'],
      summary: 'Change, pause or resume a partner (audited)',
      description:
        '`status: paused` stops its digests until it is `active` again. `contacts` replaces the list: a contact whose address stays keeps its unsubscribe; the others are deleted.',
      responses: { 200: jsonResponse('The partner', PartnerOut), ...invalid },
    }),
    validate('param', PartnerParam),
    validate('json', PatchPartnerBody),
    async (c) =>
      c.json(await updatePartner(c.var.scope, c.req.valid('param').partner, c.req.valid('json')), 200),
  )
  .delete(
    '/:partner',
    guard('partners:manage', {
      tags: ['partners'],
      summary: 'Delete a partner and its contacts (audited)',
      responses: { 204: { description: 'Deleted' } },
    }),
    validate('param', PartnerParam),
    async (c) => {
      await deletePartner(c.var.scope, c.req.valid('param').partner)
      return c.body(null, 204)
    },
  )

