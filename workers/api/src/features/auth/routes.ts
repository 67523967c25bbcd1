import { sessions } from '@tandem/db'
import { eq } from 'drizzle-orm'
import { describeRoute } from 'hono-openapi'
import * as v from 'valibot'
import { type AppEnv, factory } from '../../factory'
import { audit } from '../../lib/audit'
import { sha256Hex } from '../../lib/crypto'
import { fieldError } from '../../lib/field-errors'
import { kickOutbox, originOf } from '../../lib/kick'
import { jsonResponse, problem } from '../../lib/openapi'
import { Problem } from '../../lib/problem'
import { signInEmailsPerAddress, signInRecipientKey } from '../../lib/rate-limit'
import { type Validated, validate } from '../../lib/validate'
import { byClient, byNetwork, rateLimited } from '../../middleware/rate-limit'
import { unauthenticated } from '../../middleware/session'
import { assertCodesTaken, clearCodeGuard, countDailyCodeFailure } from './code-guard'
import { LinkBody, LinkOut, MeOut, RequestSignInBody, VerifyBody } from './schema'
import {
  auditForUser,
  checkSignIn,
  clearCodeFailures,
  countCodeFailure,
  findUserByEmail,
  MAX_CODE_ATTEMPTS,
  meBody,
  membershipsOf,
  requestSignIn,
  signInLinkUser,
} from './service'
import { clearSessionCookie, newSession, setSessionCookie } from './session'

const MINUTE = 60_000
/**
 * `POST /auth/email` answers no sooner than this after it began, for a known address (whose sign-in email is
 * written before the answer) and an unknown one alike, so the answer's timing does not tell whether an address
 * has an account (decision 026). Refusals by the rate limits answer at once: they say nothing about the address.
 */
export const SIGN_IN_ANSWER_FLOOR_MS = 300

/** Waits until `floorMs` have passed since `started` (at once when they have). */
async function notBefore(started: number, floorMs: number) {
  const rest = floorMs - (Date.now() - started)
  if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest))
}

export const limits = {
  emailPerIp: { max: 30, windowMs: 10 * MINUTE },
  emailPerAddress: signInEmailsPerAddress,
  verifyPerIp: { max: 60, windowMs: 10 * MINUTE },
  /** Looking up whose a sign-in link is (its page shows the address before the person presses the button). */
  linkPerIp: { max: 60, windowMs: 10 * MINUTE },
  /** Code attempts per address from anywhere: spreading guesses over many IPs does not help. */
  codePerAddress: { max: 10, windowMs: 15 * MINUTE },
  /** Per IPv6 /48, twice the per-IP room: rotating through a site's /64s does not help either. */
  emailPerNetwork: { max: 60, windowMs: 10 * MINUTE },
  verifyPerNetwork: { max: 120, windowMs: 10 * MINUTE },
  linkPerNetwork: { max: 120, windowMs: 10 * MINUTE },
}

const signInFailed = (path: 'token' | 'code') =>
  new Problem('sign-in-failed', {
    detail: 'This link or code is not valid any more. Ask for a new one.',
    errors: [fieldError(path, 'expired', { message: 'Invalid or expired.' })],
  })

/** Signing in and out: mounted at /v1/auth. */
export const authRoutes = factory
  .createApp()

  .post(
    '/email',
    describeRoute({
      tags: ['auth'],
      summary: 'Email me a sign-in link and code',
      description:
        'Always 202, whether or not the address belongs to someone, and never sooner than 300 ms after the request began (known and unknown addresses take the same time): no account enumeration. The email is written in the person’s own language when Tandem knows it, else in `locale` (the language of the page asking), else in their organization’s default.',
      responses: {
        202: jsonResponse('Accepted', v.object({ status: v.literal('sent') })),
        429: problem('Too many requests'),
      },
    }),
    validate('json', RequestSignInBody),
    rateLimited(limits.emailPerIp, byClient('auth-email:ip')),
    rateLimited(limits.emailPerNetwork, byNetwork('auth-email:net')),
    // The address is hashed: the limits table holds no personal data.
    rateLimited(limits.emailPerAddress, (c: Validated<AppEnv, 'json', typeof RequestSignInBody>) =>
      signInRecipientKey(c.req.valid('json').email),
    ),
    async (c) => {
      const started = Date.now()
      const { email, locale } = c.req.valid('json')
      if (await requestSignIn(c.var.db, email, locale, originOf(c), new Date())) kickOutbox(c)
      await notBefore(started, SIGN_IN_ANSWER_FLOOR_MS)
      return c.json({ status: 'sent' as const }, 202)
    },
  )
  .post(
    '/link',
    describeRoute({
      tags: ['auth'],
      summary: 'Whose is this sign-in link? (uses nothing up)',
      description:
        'The sign-in link’s page shows the address it signs in before the person presses the button: opening a link (as mail scanners do) signs nobody in. 400 when the link was used or has expired.',
      responses: {
        200: jsonResponse('The address the link signs in', LinkOut),
        400: problem('Invalid or expired'),
        429: problem('Too many requests'),
      },
    }),
    validate('json', LinkBody),
    rateLimited(limits.linkPerIp, byClient('auth-link:ip')),
    rateLimited(limits.linkPerNetwork, byNetwork('auth-link:net')),
    async (c) => {
      const user = await signInLinkUser(c.var.db.control(), c.req.valid('json').token, new Date())
      if (!user) throw signInFailed('token')
      return c.json({ email: user.email }, 200)
    },
  )
  .post(
    '/verify',
    describeRoute({
      tags: ['auth'],
      summary: 'Sign in with the emailed link token or code',
      description:
        'Sets the session cookie and ends this browser’s previous session. Tokens are single-use and expire in 15 minutes; a code allows 5 attempts, after which it is locked (400 `sign-in-code-locked`: ask for a new one). Twenty wrong codes for one address within a day void its open codes and pause codes for it (429 `sign-in-codes-paused` with Retry-After: a day, doubling with each further pause up to 30 days); the link keeps working and a sign-in ends the pause. If this browser is signed in as another account, the answer is 409 `other-account-signed-in` and nothing is used up, unless `switchAccount` is true.',
      responses: {
        200: jsonResponse('Signed in', MeOut),
        400: problem('Invalid, expired or locked'),
        409: problem('Signed in as someone else: confirm with `switchAccount`'),
        429: problem('Too many requests, or codes paused for the address (`sign-in-codes-paused`)'),
      },
    }),
    validate('json', VerifyBody),
    rateLimited(limits.verifyPerIp, byClient('auth-verify:ip')),
    rateLimited(limits.verifyPerNetwork, byNetwork('auth-verify:net')),
    rateLimited(limits.codePerAddress, (c: Validated<AppEnv, 'json', typeof VerifyBody>) => {
      const input = c.req.valid('json')
      return 'email' in input ? `auth-verify:to:${sha256Hex(input.email)}` : null
    }),
    async (c) => {
      const input = c.req.valid('json')
      const db = c.var.db.control()
      const now = new Date()
      if ('email' in input) await assertCodesTaken(db, input.email, now)
      const checked = await checkSignIn(db, input, now)
      // Another account is signed in here: ask first (the link or code keeps working).
      const current = c.var.user
      if (checked && current && current.id !== checked.user.id && !input.switchAccount) {
        throw new Problem('other-account-signed-in', {
          detail: 'This browser is signed in as someone else. Sign out of that account first, or stay.',
        })
      }
      const user = checked && (await checked.claim()) ? checked.user : null
      if (!user) {
        const known = 'email' in input ? await findUserByEmail(db, input.email) : undefined
        const rows = known ? await membershipsOf(db, known.id) : []
        const entries = known
          ? auditForUser(db, rows, null, 'auth.verify_failed', known.id, now)
          : [audit(db, { tenantId: null, actorUserId: null, action: 'auth.verify_failed' }, now)]
        const [first, ...rest] = entries
        if (first) await db.batch([first, ...rest])
        if ('email' in input) await countDailyCodeFailure(db, input.email, known?.id ?? null, now)
        if ('email' in input && (await countCodeFailure(db, input.email, now)) >= MAX_CODE_ATTEMPTS) {
          throw new Problem('sign-in-code-locked', {
            detail: 'The code was entered wrong 5 times and is locked. Ask for a new code.',
            errors: [fieldError('code', 'expired', { message: 'Locked after 5 wrong codes.' })],
          })
        }
        throw signInFailed('token' in input ? 'token' : 'code')
      }
      if ('email' in input) await clearCodeFailures(db, input.email)
      await clearCodeGuard(db, user.email)
      const rows = await membershipsOf(db, user.id)
      const { token, insert } = newSession(db, user.id, now)
      // A sign-in always starts a new session; the one this browser had (if any) ends.
      const previous = c.var.session?.id
      await db.batch([
        insert,
        ...(previous ? [db.delete(sessions).where(eq(sessions.id, previous))] : []),
        ...auditForUser(db, rows, user.id, 'auth.sign_in', user.id, now),
      ])
      setSessionCookie(c, token)
      return c.json(meBody(user, rows), 200)
    },
  )
  .post(
    '/sign-out',
    describeRoute({
      tags: ['auth'],
      summary: 'Sign out (revokes the session)',
      responses: { 204: { description: 'Signed out' }, 401: problem('Not signed in') },
    }),
    async (c) => {
      const { user, session } = c.var
      if (!user || !session) throw unauthenticated()
      const db = c.var.db.control()
      const now = new Date()
      const rows = await membershipsOf(db, user.id)
      await db.batch([
        db.delete(sessions).where(eq(sessions.id, session.id)),
        ...auditForUser(db, rows, user.id, 'auth.sign_out', user.id, now),
      ])
      clearSessionCookie(c)
      return c.body(null, 204)
    },
  )

/** The signed-in user: mounted at /v1/me. */
export const meRoutes = factory.createApp().get(
  '/',
  describeRoute({
    tags: ['auth'],
    summary: 'The signed-in user and their organizations',
    responses: { 200: jsonResponse('The user', MeOut), 401: problem('Not signed in') },
  }),
  async (c) => {
    const user = c.var.user
    if (!user) throw unauthenticated()
    return c.json(meBody(user, await membershipsOf(c.var.db.control(), user.id)))
  },
)
