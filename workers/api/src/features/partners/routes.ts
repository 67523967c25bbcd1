import { lastCompleteMonth } from '@tandem/evidence'
import type { Context } from 'hono'
import { describeRoute } from 'hono-openapi'
import type * as v from 'valibot'
import { factory, type TenantEnv, tenantFactory } from '../../factory'
import { auditFor } from '../../lib/audit'
import { sha256Hex } from '../../lib/crypto'
import { kicksOutbox } from '../../lib/kick'
import { jsonResponse, problem } from '../../lib/openapi'
import { notFound } from '../../lib/problem'
import type { Limit } from '../../lib/rate-limit'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { rateLimited } from '../../middleware/rate-limit'
import { localTime } from '../email/local-time'
import { scheduleEmail } from '../email/outbox.service'
import { OrgParam } from '../orgs/schema'
import { digestEmail } from './digest.rule'
import { composeDigest, digestOfLink } from './digest.service'
import { digestPage, readDigestLink } from './digest-link'
import {
  CreatePartnerBody,
  DigestOut,
  DigestTokenParam,
  PartnerListQuery,
  PartnerOut,
  PartnerParam,
  PartnersOut,
  PatchPartnerBody,
  PreviewOut,
} from './schema'
import { createPartner, deletePartner, listPartners, loadPartner, partnerOut, updatePartner } from './service'

/** A member's previews of partner digests: 10 a day to one address (decision 033's per-recipient limits). */
export const PREVIEWS_PER_RECIPIENT: Limit = { max: 10, windowMs: 86_400_000 }
const perRecipient = rateLimited(
  PREVIEWS_PER_RECIPIENT,
  (c: Context<TenantEnv>) => `partner-preview:to:${sha256Hex(c.var.user.email.toLowerCase())}`,
)

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
  .post(
    '/:partner/preview',
    guard('partners:read', {
      tags: ['partners'],
      summary: 'Send oneself a preview of a partner’s digest (audited)',
      description:
        'The digest the partner’s contacts would get now (the latest month that has ended, in the partner’s language), sent only to the caller’s own address, marked as a preview, without an unsubscribe link; its “view online” link opens the same digest. At most 10 a day to one address.',
      responses: {
        200: jsonResponse('Where the preview went', PreviewOut),
        429: problem('Too many previews to this address today'),
      },
    }),
    validate('param', PartnerParam),
    perRecipient,
    kicksOutbox,
    async (c) => {
      const { scope, tenant, user, config } = c.var
      const { partner } = await loadPartner(scope, c.req.valid('param').partner)
      const month = lastCompleteMonth(localTime(scope.now, tenant.timezone).date)
      const digest = await composeDigest(scope.db, tenant, partner, month, scope.now)
      const claim = {
        tenantId: tenant.id,
        partnerId: partner.id,
        recipientType: 'member' as const,
        recipientId: user.id,
        month,
      }
      const mail = digestEmail(digest, { name: user.name, viewOnline: digestPage(config, claim) })
      await scope.db.batch([
        scheduleEmail(scope.db, {
          tenantId: tenant.id,
          kind: 'partner-digest.preview',
          toAddress: user.email,
          ...mail,
          dueAt: scope.now,
        }),
        auditFor(scope)(
          'partner.digest_previewed',
          { type: 'partner', id: partner.id },
          { name: partner.name },
        ),
      ])
      return c.json({ sentTo: user.email }, 200)
    },
  )

/**
 * The "view online" page of a digest: mounted at /v1/partner-digests. No session: the signed link names the one
 * digest. GET only; it changes nothing (mail scanners open links).
 */
export const partnerDigestRoutes = factory.createApp().get(
  '/:token',
  describeRoute({
    tags: ['partners'],
    summary: 'A partner digest, from its signed “view online” link',
    description:
      'The digest’s figures, computed again when the link is opened (suppressed the same way: a suppressed figure has `value: null`; they equal the email’s unless records of that month were changed since), for the organization, partner, person and month the signed link names (decision 037). A damaged, forged or foreign link, or one whose partner or contact is gone, answers 404. Reading changes nothing.',
    responses: {
      200: jsonResponse('The digest', DigestOut),
      404: problem('No such digest'),
    },
  }),
  validate('param', DigestTokenParam),
  async (c) => {
    const claim = readDigestLink(c.var.config.EMAIL_LINK_SECRET, c.req.valid('param').token)
    const digest =
      claim && (await digestOfLink(c.var.db.control(), (t) => c.var.db.dbFor(t), claim, new Date()))
    if (!digest) throw notFound('This link does not open a digest.')
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
    const out: v.InferOutput<typeof DigestOut> = digest
    return c.json(out, 200)
  },
)
