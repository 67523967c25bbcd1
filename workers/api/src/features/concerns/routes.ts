import { describeRoute } from 'hono-openapi'
import { factory, programFactory, tenantFactory } from '../../factory'
import { sha256Hex } from '../../lib/crypto'
import { kicksOutbox, originOf } from '../../lib/kick'
import { noteKeyOf } from '../../lib/notes'
import { jsonResponse, problem } from '../../lib/openapi'
import type { Limit } from '../../lib/rate-limit'
import { alertContext } from '../../lib/scope'
import { validate } from '../../lib/validate'
import { guard, ownGuard } from '../../middleware/guard'
import { byClient, rateLimited } from '../../middleware/rate-limit'
import { CHECK_INS_PER_IP } from '../meetings/check-in.service'
import { CheckInParam } from '../meetings/schema'
import { MyMatchParam } from '../portal/schema'
import {
  CheckInConcernOut,
  ConcernActionBody,
  ConcernDetailOut,
  ConcernParam,
  ConcernsOut,
  ConcernsQuery,
  MyConcernOut,
  MyConcernsOut,
  ProgramConcernsParam,
  RaiseConcernBody,
} from './schema'
import {
  getConcern,
  listConcerns,
  listMyConcerns,
  raiseCheckInConcern,
  raiseMyConcern,
  recordConcernAction,
} from './service'

const raiseDescription =
  'Category, severity (low, medium, high) and a description (sealed at rest; read only by the program’s coordinators and admins). `nameToOtherSide` (default false) says whether coordinators may tell the partner who raised it. High severity emails the coordinators and admins at once, with no details; the partner is never told.'

/** A program's concerns (coordinators and admins): mounted at …/programs/:program/concerns. */
export const concernRoutes = programFactory
  .createApp()
  .get(
    '/',
    guard('concerns:read', {
      tags: ['concerns'],
      summary: 'Concerns raised in a program, newest first, optionally of one status (the read is audited)',
      description: 'No descriptions in the list: open a concern to read its description and action log.',
      responses: { 200: jsonResponse('The concerns', ConcernsOut) },
    }),
    validate('param', ProgramConcernsParam),
    validate('query', ConcernsQuery),
    async (c) => c.json(await listConcerns(c.var.scope, c.var.program.id, c.req.valid('query').status), 200),
  )
  .get(
    '/:concern',
    guard('concerns:read', {
      tags: ['concerns'],
      summary: 'A concern with its description and action log, newest first (the read is audited)',
      responses: { 200: jsonResponse('The concern', ConcernDetailOut) },
    }),
    validate('param', ConcernParam),
    async (c) =>
      c.json(
        await getConcern(
          c.var.scope,
          c.var.db.control(),
          c.var.program,
          c.req.valid('param').concern,
          noteKeyOf(c.var.config),
        ),
        200,
      ),
  )
  .post(
    '/:concern/actions',
    guard('concerns:manage', {
      tags: ['concerns'],
      summary: 'Record a step on a concern: a new status, a note for its log, or both (audited)',
      description:
        'Statuses move open → in-progress → resolved or closed (from open straight to resolved or closed too); a resolved or closed concern can be opened again. The note is sealed at rest.',
      responses: {
        201: jsonResponse('The concern with its log', ConcernDetailOut),
        400: problem('Invalid fields, or neither a new status nor a note'),
        409: problem(
          'Not an allowed status change (`status-not-allowed`), or it changed meanwhile (`concern-changed`)',
        ),
        503: problem('No encryption key is configured'),
      },
    }),
    validate('param', ConcernParam),
    validate('json', ConcernActionBody),
    async (c) =>
      c.json(
        await recordConcernAction(
          c.var.scope,
          c.var.db.control(),
          c.var.program,
          c.req.valid('param').concern,
          c.req.valid('json'),
          noteKeyOf(c.var.config),
        ),
        201,
      ),
  )

/** The concerns a mentor or mentee raised: mounted at /orgs/:org/my/concerns. */
export const myConcernRoutes = tenantFactory.createApp().get(
  '/',
  ownGuard({
    summary: 'Concerns I raised, newest first, with their status',
    description:
      'Never the description nor the coordinators’ notes; concerns the partner raised are not listed.',
    responses: { 200: jsonResponse('My concerns', MyConcernsOut) },
  }),
  async (c) => c.json(await listMyConcerns(c.var.scope), 200),
)

/** Raising a concern about one's own match: mounted at /orgs/:org/my/matches/:match/concerns. */
export const myMatchConcernRoutes = tenantFactory.createApp().post(
  '/',
  ownGuard({
    summary: 'Raise a concern about my match',
    description: raiseDescription,
    responses: {
      201: jsonResponse('The concern', MyConcernOut),
      400: problem('Invalid fields'),
      503: problem('No encryption key is configured'),
    },
  }),
  validate('param', MyMatchParam),
  validate('json', RaiseConcernBody),
  kicksOutbox,
  async (c) =>
    c.json(
      await raiseMyConcern(c.var.scope, alertContext(c), c.req.valid('param').match, c.req.valid('json')),
      201,
    ),
)

/** Concerns raised through one check-in link: a few, however often the form is sent. */
export const CONCERNS_PER_CHECK_IN: Limit = { max: 5, windowMs: 86_400_000 }

/** A concern from a check-in email's link: mounted at /v1/check-ins/:token/concerns. No session. */
export const checkInConcernRoutes = factory.createApp().post(
  '/',
  describeRoute({
    tags: ['concerns'],
    summary: 'Raise a concern from a check-in link (no sign-in)',
    description: `${raiseDescription} The link works until it expires (14 days), whether or not the check-in was answered; at most ${CONCERNS_PER_CHECK_IN.max} concerns per link a day.`,
    responses: {
      201: jsonResponse('Received', CheckInConcernOut),
      400: problem('Invalid fields'),
      404: problem('No such check-in (a damaged or forged link)'),
      410: problem('The link has expired (`check-in-expired`)'),
      429: problem('Too many requests from this address or through this link; see Retry-After'),
      503: problem('No encryption key is configured'),
    },
  }),
  validate('param', CheckInParam),
  rateLimited(CHECK_INS_PER_IP, byClient('check-in:ip')),
  validate('json', RaiseConcernBody),
  rateLimited(CONCERNS_PER_CHECK_IN, (c) => `concern:check-in:${sha256Hex(c.req.param('token') ?? '')}`),
  kicksOutbox,
  async (c) =>
    c.json(
      await raiseCheckInConcern(
        c.var.db,
        { key: noteKeyOf(c.var.config), origin: originOf(c) },
        c.req.valid('param').token,
        c.req.valid('json'),
        new Date(),
      ),
      201,
    ),
)
