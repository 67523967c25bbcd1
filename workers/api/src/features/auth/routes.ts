import { sessions } from '@tandem/db'
import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { describeRoute, resolver } from 'hono-openapi'
import * as v from 'valibot'
import type { AppEnv as AppContext } from '../../factory'
import { audit } from '../../lib/audit'
import { sha256Hex } from '../../lib/crypto'
import { kickOutbox, originOf } from '../../lib/kick'
import { problem } from '../../lib/openapi'
import { Problem } from '../../lib/problem'
import { clientIp, rateLimit } from '../../lib/rate-limit'
import { validate } from '../../lib/validate'
import { unauthenticated } from '../../middleware/session'
import { MeOut, RequestSignInBody, VerifyBody } from './schema'
import { auditForUser, findUserByEmail, meBody, membershipsOf, requestSignIn, verifySignIn } from './service'
import { clearSessionCookie, newSession, setSessionCookie } from './session'

const json = <S extends v.GenericSchema>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema: resolver(schema) } },
})

const MINUTE = 60_000
export const limits = {
  emailPerIp: { max: 30, windowMs: 10 * MINUTE },
  emailPerAddress: { max: 5, windowMs: 15 * MINUTE },
  verifyPerIp: { max: 60, windowMs: 10 * MINUTE },
  /** Code attempts per address from anywhere: spreading guesses over many IPs does not help. */
  codePerAddress: { max: 10, windowMs: 15 * MINUTE },
}

export const auth = new Hono<AppContext>()
  .post(
    '/auth/email',
    describeRoute({
      tags: ['auth'],
      summary: 'Email me a sign-in link and code',
      description: 'Always 202, whether or not the address belongs to someone: no account enumeration.',
      responses: {
        202: json('Accepted', v.object({ status: v.literal('sent') })),
        429: problem('Too many requests'),
      },
    }),
    validate('json', RequestSignInBody),
    async (c) => {
      const { email } = c.req.valid('json')
      const db = c.var.db.control()
      const now = new Date()
      await rateLimit(
        db,
        `auth-email:ip:${clientIp(c.req.header('cf-connecting-ip'))}`,
        limits.emailPerIp,
        now,
      )
      // The address is hashed: the limits table holds no personal data.
      await rateLimit(db, `auth-email:to:${sha256Hex(email)}`, limits.emailPerAddress, now)
      if (await requestSignIn(db, email, originOf(c), now)) kickOutbox(c)
      return c.json({ status: 'sent' as const }, 202)
    },
  )
  .post(
    '/auth/verify',
    describeRoute({
      tags: ['auth'],
      summary: 'Sign in with the emailed link token or code',
      description:
        'Sets the session cookie. Tokens are single-use and expire in 15 minutes; a code allows 5 attempts.',
      responses: {
        200: json('Signed in', MeOut),
        400: problem('Invalid or expired'),
        429: problem('Too many requests'),
      },
    }),
    validate('json', VerifyBody),
    async (c) => {
      const input = c.req.valid('json')
      const db = c.var.db.control()
      const now = new Date()
      await rateLimit(
        db,
        `auth-verify:ip:${clientIp(c.req.header('cf-connecting-ip'))}`,
        limits.verifyPerIp,
        now,
      )
      if ('email' in input)
        await rateLimit(db, `auth-verify:to:${sha256Hex(input.email)}`, limits.codePerAddress, now)
      const user = await verifySignIn(db, input, now)
      if (!user) {
        const known = 'email' in input ? await findUserByEmail(db, input.email) : undefined
        const rows = known ? await membershipsOf(db, known.id) : []
        const entries = known
          ? auditForUser(db, rows, null, 'auth.verify_failed', known.id, now)
          : [audit(db, { tenantId: null, actorUserId: null, action: 'auth.verify_failed' }, now)]
        const [first, ...rest] = entries
        if (first) await db.batch([first, ...rest])
        throw new Problem('sign-in-failed', {
          detail: 'This link or code is not valid any more. Ask for a new one.',
          errors: [
            { location: 'body', path: 'token' in input ? 'token' : 'code', message: 'Invalid or expired.' },
          ],
        })
      }
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
    '/auth/sign-out',
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
  .get(
    '/me',
    describeRoute({
      tags: ['auth'],
      summary: 'The signed-in user and their organizations',
      responses: { 200: json('The user', MeOut), 401: problem('Not signed in') },
    }),
    async (c) => {
      const user = c.var.user
      if (!user) throw unauthenticated()
      return c.json(meBody(user, await membershipsOf(c.var.db.control(), user.id)))
    },
  )
