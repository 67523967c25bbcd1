import { LOCALES } from '@tandem/i18n'
import {
  EMAIL_KINDS,
  EMAIL_TEMPLATES,
  type EmailTemplate,
  isOptionalEmail,
  MEMBER_EMAIL_KINDS,
} from '@tandem/vocab'
import { describeRoute } from 'hono-openapi'
import * as v from 'valibot'
import { factory, tenantFactory } from '../../factory'
import { jsonResponse, problem } from '../../lib/openapi'
import { notFound, Problem } from '../../lib/problem'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { OrgParam } from '../orgs/schema'
import { describeClaim, memberPreferences, setPreference } from './preferences.service'
import { previewTemplate } from './preview.service'
import { readUnsubscribe } from './unsubscribe'

// ---------- unsubscribe (public) ----------

const Token = v.pipe(v.string(), v.minLength(1), v.maxLength(600))
const TokenQuery = v.object({ token: v.optional(Token) })
/** The page posts `{ token }` as JSON; mail clients post the form `List-Unsubscribe=One-Click` to the header's URL. */
const UnsubscribeBody = v.object({ token: v.optional(Token) })

const UnsubscribeOut = v.object({
  organization: v.string(),
  kind: v.picklist(Object.keys(EMAIL_KINDS) as (keyof typeof EMAIL_KINDS)[]),
  subscribed: v.boolean(),
})

const invalidLink = () =>
  new Problem('unsubscribe-link-invalid', {
    detail: 'This unsubscribe link is not valid; nothing was changed.',
  })

/** Mounted at /v1/unsubscribe: no session; the signed token names the organization, the person and the kind. */
export const unsubscribeRoutes = factory
  .createApp()
  .get(
    '/',
    describeRoute({
      tags: ['email'],
      summary: 'What an unsubscribe link would stop',
      description:
        'Reads the signed token (decision 024) and says which organization and kind of email it stops, and whether that email is still on. Changes nothing: mail scanners open links.',
      responses: {
        200: jsonResponse('What the link stops', UnsubscribeOut),
        400: problem('A damaged, forged or foreign link (`unsubscribe-link-invalid`)'),
      },
    }),
    validate('query', TokenQuery),
    async (c) => {
      const { token } = c.req.valid('query')
      const claim = token ? readUnsubscribe(c.var.config.EMAIL_LINK_SECRET, token) : null
      const found = claim && (await describeClaim(c.var.db.control(), (t) => c.var.db.dbFor(t), claim))
      if (!found) throw invalidLink()
      return c.json({ organization: found.organization, kind: found.kind, subscribed: found.subscribed }, 200)
    },
  )
  .post(
    '/',
    describeRoute({
      tags: ['email'],
      summary: 'Unsubscribe (one click, RFC 8058)',
      description:
        'Turns off one kind of optional email for the person and organization the signed token names. The token comes in the query (the URL of the `List-Unsubscribe` header, posted by mail clients with the form body `List-Unsubscribe=One-Click`) or as `{ token }` in a JSON body (the web page). No sign-in. Doing it twice is harmless. A bad token changes nothing.',
      requestBody: {
        content: {
          'application/json': { schema: { type: 'object', properties: { token: { type: 'string' } } } },
          'application/x-www-form-urlencoded': {
            schema: { type: 'object', properties: { 'List-Unsubscribe': { type: 'string' } } },
          },
        },
      },
      responses: {
        200: jsonResponse('The email is off', UnsubscribeOut),
        400: problem('A damaged, forged or foreign link (`unsubscribe-link-invalid`)'),
      },
    }),
    validate('query', TokenQuery),
    async (c) => {
      let token = c.req.valid('query').token
      if (!token && /^application\/(.+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
        const body = v.safeParse(UnsubscribeBody, await c.req.json().catch(() => null))
        if (body.success) token = body.output.token
      }
      const claim = token ? readUnsubscribe(c.var.config.EMAIL_LINK_SECRET, token) : null
      const found = claim && (await describeClaim(c.var.db.control(), (t) => c.var.db.dbFor(t), claim))
      if (!claim || !found) throw invalidLink()
      await setPreference(found.tdb, claim, claim.kind, false, new Date())
      return c.json({ organization: found.organization, kind: found.kind, subscribed: false }, 200)
    },
  )

// ---------- a member's own preferences ----------

const PreferenceOut = v.object({
  kind: v.picklist(MEMBER_EMAIL_KINDS),
  essential: v.boolean(),
  enabled: v.boolean(),
})
const PreferencesOut = v.object({ items: v.array(PreferenceOut) })
const PreferenceBody = v.object({ kind: v.picklist(MEMBER_EMAIL_KINDS), enabled: v.boolean() })

/** Mounted at /orgs/:org/my/email-preferences: what email the caller gets from this organization. */
export const myEmailPreferenceRoutes = tenantFactory
  .createApp()
  .get(
    '/',
    guard('org:read', {
      tags: ['email'],
      summary: 'My email preferences in this organization',
      description:
        'Each kind of email a member can get; essential ones (sign-in, invitations, safeguarding) are always on.',
      responses: { 200: jsonResponse('My preferences', PreferencesOut) },
    }),
    validate('param', OrgParam),
    async (c) => c.json({ items: await memberPreferences(c.var.tdb, c.var.tenant.id, c.var.user.id) }, 200),
  )
  .put(
    '/',
    guard('org:read', {
      tags: ['email'],
      summary: 'Turn one kind of email on or off',
      description: 'Essential email cannot be turned off (`email-essential`).',
      responses: {
        200: jsonResponse('My preferences', PreferencesOut),
        400: problem('Invalid fields, or essential email (`email-essential`)'),
      },
    }),
    validate('param', OrgParam),
    validate('json', PreferenceBody),
    async (c) => {
      const { kind, enabled } = c.req.valid('json')
      if (!isOptionalEmail(kind)) {
        if (!enabled)
          throw new Problem('email-essential', { detail: 'This email is essential and stays on.' })
      } else {
        const me = { tenantId: c.var.tenant.id, recipientType: 'member' as const, recipientId: c.var.user.id }
        await setPreference(c.var.tdb, me, kind, enabled, new Date())
      }
      return c.json({ items: await memberPreferences(c.var.tdb, c.var.tenant.id, c.var.user.id) }, 200)
    },
  )

// ---------- template previews ----------

const TemplateParam = v.object({ org: OrgParam.entries.org, name: v.pipe(v.string(), v.maxLength(64)) })
const PreviewQuery = v.object({ locale: v.optional(v.picklist(LOCALES)) })
const PreviewOut = v.object({
  name: v.picklist(EMAIL_TEMPLATES),
  locale: v.picklist(LOCALES),
  subject: v.string(),
  text: v.string(),
  html: v.string(),
})

const isTemplate = (name: string): name is EmailTemplate =>
  (EMAIL_TEMPLATES as readonly string[]).includes(name)

/** Mounted at /orgs/:org/email-templates. */
export const emailTemplateRoutes = tenantFactory.createApp().get(
  '/:name/preview',
  guard('org:manage', {
    tags: ['email'],
    summary: 'Preview an email template',
    description: `An email as recipients get it (subject, plain text and HTML) with sample names, in \`locale\` (default: the organization's). Templates: ${EMAIL_TEMPLATES.join(', ')}.`,
    responses: { 200: jsonResponse('The rendered email', PreviewOut), 400: problem('Invalid locale') },
  }),
  validate('param', TemplateParam),
  validate('query', PreviewQuery),
  (c) => {
    const { name } = c.req.valid('param')
    if (!isTemplate(name)) throw notFound('No such email template.')
    const locale =
      c.req.valid('query').locale ?? LOCALES.find((l) => l === c.var.tenant.defaultLocale) ?? 'en'
    const mail = previewTemplate(name, locale, {
      org: c.var.tenant.name,
      slug: c.var.tenant.slug,
      origin: c.var.config.APP_ORIGIN,
    })
    return c.json({ name, locale, ...mail }, 200)
  },
)
