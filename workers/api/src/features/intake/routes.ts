import { type Context, Hono } from 'hono'
import { describeRoute, validator } from 'hono-openapi'
import type { AppEnv as AppContext } from '../../factory'
import { kickOutbox } from '../../lib/kick'
import { jsonResponse, problem } from '../../lib/openapi'
import { clientIp, type Limit, rateLimit } from '../../lib/rate-limit'
import { validate } from '../../lib/validate'
import { IntakeBody, IntakeFormOut, IntakeParam, IntakeQuery, ReceivedOut } from './schema'
import {
  applicationErrors,
  consentChanged,
  findIntakeTarget,
  honeypotFilled,
  type IntakeTarget,
  intakeForm,
  invalidApplication,
  submitApplication,
} from './service'

type IntakeContext = AppContext & { Variables: AppContext['Variables'] & { intake: IntakeTarget } }

const HOUR = 3_600_000
/** Every POST from one address (also the ones that fail): keeps scripts from hammering the form. */
export const ATTEMPTS_PER_IP: Limit = { max: 60, windowMs: HOUR }
/** Applications from one address that pass validation (typos while filling in do not count against it). */
export const APPLICATIONS_PER_IP: Limit = { max: 10, windowMs: HOUR }
/** Applications to one program from everywhere: caps a distributed flood. */
export const APPLICATIONS_PER_PROGRAM: Limit = { max: 200, windowMs: HOUR }

const path = '/public/programs/:org/:program/intake'
const received = { status: 'received' } as const

/** The public intake form of a program: no account, no session. Mounted under /api/v1. */
export const intakeRoutes = new Hono<IntakeContext>()
  .get(
    path,
    describeRoute({
      tags: ['intake'],
      summary: 'What the public intake form of a program shows (no account needed)',
      description:
        'Which questions the program asks, the choices for them, and the consent text (versioned) in the requested language: ' +
        '`?locale=ar` (also `ar-SY`; Dari `prs` is `fa`). Unknown languages fall back to the organization’s default, then English. ' +
        'Organizations, programs and programs that are not open all answer the same 404.',
      responses: {
        200: jsonResponse('The form', IntakeFormOut),
        404: problem('No such form, or it is closed'),
      },
    }),
    validate('param', IntakeParam),
    validate('query', IntakeQuery),
    async (c) => {
      const { org, program } = c.req.valid('param')
      const target = await findIntakeTarget(c.var.db, org, program)
      return c.json(intakeForm(target, c.req.valid('query').locale))
    },
  )
  .post(
    path,
    describeRoute({
      tags: ['intake'],
      summary: 'Apply to a program (no account needed)',
      description:
        'Answers to the questions the program switched on (others must be left out), the consent version shown with the form, ' +
        'and `website` left empty (a hidden field). The person is added with status `applied` and gets a confirmation email ' +
        'in `locale`. The answer is the same 202 when the email address already applied (nothing is changed then). ' +
        'Field errors carry a `code` (required, invalid, too_long, too_many, duplicate, not_in_list, not_asked, needs_consent) ' +
        'so the form can show them in its own language.',
      responses: {
        202: jsonResponse('Received', ReceivedOut),
        400: problem('Answers that need a change (path, plain message and code per field)'),
        404: problem('No such form, or it is closed'),
        409: problem('The consent text changed since the form was loaded: reload it'),
        429: problem('Too many applications; see Retry-After'),
      },
    }),
    validate('param', IntakeParam),
    async function limitAttempts(c, next) {
      await rateLimit(
        c.var.db.control(),
        `intake:ip:${clientIp(c.req.header('cf-connecting-ip'))}`,
        ATTEMPTS_PER_IP,
        new Date(),
      )
      await next()
    },
    async function loadProgram(c, next) {
      const { org, program } = c.req.valid('param')
      c.set('intake', await findIntakeTarget(c.var.db, org, program))
      await next()
    },
    validator('json', IntakeBody, (result, c: Context<IntakeContext>) => {
      if (honeypotFilled(result.data)) {
        // Answer exactly like a success, store and send nothing. No address or answers in the log.
        console.warn(
          JSON.stringify({
            level: 'warn',
            msg: 'intake honeypot filled',
            requestId: c.get('requestId'),
            programId: c.var.intake.program.id,
          }),
        )
        return c.json(received, 202)
      }
      const errors = applicationErrors(c.var.intake.program, result.data, result.success ? [] : result.error)
      if (errors.length > 0) throw invalidApplication(errors)
    }),
    async (c) => {
      const input = c.req.valid('json')
      const target = c.var.intake
      if (input.consent.version !== target.program.consentVersion) throw consentChanged()
      const now = new Date()
      const control = c.var.db.control()
      await rateLimit(
        control,
        `intake:applied:ip:${clientIp(c.req.header('cf-connecting-ip'))}`,
        APPLICATIONS_PER_IP,
        now,
      )
      await rateLimit(control, `intake:applied:program:${target.program.id}`, APPLICATIONS_PER_PROGRAM, now)
      await submitApplication(target, input, now)
      kickOutbox(c)
      return c.json(received, 202)
    },
  )
