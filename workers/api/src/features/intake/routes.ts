import type { Context } from 'hono'
import { describeRoute, validator } from 'hono-openapi'
import { sha256Hex } from '../../lib/crypto'
import { kicksOutbox } from '../../lib/kick'
import { log } from '../../lib/log'
import { jsonResponse, problem } from '../../lib/openapi'
import { type Limit, mayEmail } from '../../lib/rate-limit'
import { validate } from '../../lib/validate'
import { byClient, rateLimited } from '../../middleware/rate-limit'
import { IntakeBody, IntakeFormOut, IntakeParam, IntakeQuery, ReceivedOut } from './schema'
import { type IntakeEnv, intakeFactory, intakeScope } from './scope'
import {
  applicationErrors,
  consentChanged,
  honeypotFilled,
  intakeForm,
  invalidApplication,
  submitApplication,
} from './service'

const HOUR = 3_600_000
/** Every POST from one address (also the ones that fail): keeps scripts from hammering the form. */
export const ATTEMPTS_PER_IP: Limit = { max: 60, windowMs: HOUR }
/** Applications from one address that pass validation (typos while filling in do not count against it). */
export const APPLICATIONS_PER_IP: Limit = { max: 10, windowMs: HOUR }
/** Applications to one program from everywhere: caps a distributed flood. */
export const APPLICATIONS_PER_PROGRAM: Limit = { max: 200, windowMs: HOUR }
/** Confirmation emails to one address in a day, for every form together (a family may share an address). */
export const CONFIRMATIONS_PER_RECIPIENT: Limit = { max: 3, windowMs: 24 * HOUR }

const received = { status: 'received' } as const

/** The public intake form of a program, no account, no session: mounted at /v1/public/programs/:org/:program/intake. */
export const intakeRoutes = intakeFactory
  .createApp()
  .get(
    '/',
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
    intakeScope(),
    async (c) => c.json(intakeForm(c.var.intake, c.req.valid('query').locale)),
  )
  .post(
    '/',
    describeRoute({
      tags: ['intake'],
      summary: 'Apply to a program (no account needed)',
      description:
        'Answers to the questions the program switched on (others must be left out), the consent version shown with the form, ' +
        'and `website` left empty (a hidden field). A way to reach the person is needed: `email`, or `phone` when the ' +
        'program asks for it (then `contactPreference` says how they like to be reached: email, phone, sms, whatsapp). ' +
        'The person is added with status `applied` and, with an email address, gets a confirmation email in `locale`. ' +
        'The answer is the same 202 when the email address (without one: the phone number) already applied ' +
        '(nothing is changed then). Field errors carry a `code` (required, too-long, too-many, duplicate, one-of, ' +
        'unknown-field, needs-consent, contact-required …) so the form can show them in its own language.',
      responses: {
        202: jsonResponse('Received', ReceivedOut),
        400: problem('Answers that need a change (path, plain message and code per field)'),
        404: problem('No such form, or it is closed'),
        409: problem('The consent text changed since the form was loaded: reload it'),
        429: problem('Too many applications; see Retry-After'),
      },
    }),
    validate('param', IntakeParam),
    rateLimited(ATTEMPTS_PER_IP, byClient('intake:ip')),
    intakeScope(),
    validator('json', IntakeBody, (result, c: Context<IntakeEnv>) => {
      if (honeypotFilled(result.data)) {
        // Answer exactly like a success, store and send nothing. No address or answers in the log.
        log.warn('intake honeypot filled', {
          requestId: c.get('requestId'),
          programId: c.var.intake.program.id,
        })
        return c.json(received, 202)
      }
      const errors = applicationErrors(c.var.intake.program, result.data, result.success ? [] : result.error)
      if (errors.length > 0) throw invalidApplication(errors)
      // Answers written against an older consent text: reload the form (before counting an application).
      if (result.success && result.data.consent.version !== c.var.intake.program.consentVersion) {
        throw consentChanged()
      }
    }),
    // Only applications that pass count against these.
    rateLimited(APPLICATIONS_PER_IP, byClient('intake:applied:ip')),
    rateLimited(
      APPLICATIONS_PER_PROGRAM,
      (c: Context<IntakeEnv>) => `intake:applied:program:${c.var.intake.program.id}`,
    ),
    kicksOutbox,
    async (c) => {
      const input = c.req.valid('json')
      const now = new Date()
      // Past the per-recipient limit the application is still stored and the answer is the same (it must not tell
      // whether the address applied before), but no confirmation goes out.
      const confirm =
        !!input.email &&
        (await mayEmail(
          c.var.db.control(),
          `intake:to:${sha256Hex(input.email.toLowerCase())}`,
          CONFIRMATIONS_PER_RECIPIENT,
          now,
        ))
      await submitApplication(c.var.intake, input, now, confirm)
      return c.json(received, 202)
    },
  )
