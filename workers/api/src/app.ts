import { createDbResolver, type DbResolver } from '@tandem/db'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { type RequestIdVariables, requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { type AppEnv, type Config, readConfig } from './env'
import { auth } from './features/auth/routes'
import { SESSION_COOKIE } from './features/auth/session'
import { devMailboxRoutes } from './features/email/dev-mailbox.routes'
import { health } from './features/health/routes'
import { intakeRoutes } from './features/intake/routes'
import { matchingRoutes } from './features/matching/routes'
import { mountOpenApi } from './features/openapi/openapi.routes'
import { orgRoutes, publicOrgRoutes } from './features/orgs/routes'
import { participantCsvRoutes } from './features/participants/csv.routes'
import { participantRoutes } from './features/participants/routes'
import { portalRoutes } from './features/portal/routes'
import { programRoutes } from './features/programs/routes'
import { screeningRoutes } from './features/screening/routes'
import { describeError } from './lib/log'
import { Problem, problemResponse } from './lib/problem'
import { sameOriginOnly } from './middleware/csrf'
import { requestLog } from './middleware/request-log'
import { type SessionVariables, session } from './middleware/session'
import { tenantScope } from './middleware/tenant'

export type AppContext = {
  Bindings: AppEnv
  Variables: RequestIdVariables & SessionVariables & { db: DbResolver; config: Config }
}

export const MAX_BODY_BYTES = 1024 * 1024

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function createApp() {
  const app = new Hono<AppContext>()

  app.use('*', requestId())
  app.use('/api/*', requestLog())
  app.use('/api/*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }))
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        problemResponse(
          c,
          new Problem(413, titles[413] ?? 'Content Too Large', {
            detail: 'Request bodies are limited to 1 MB.',
          }),
        ),
    }),
  )
  // A body that is sent must be JSON; anything else is refused before it reaches a handler.
  app.use('/api/*', async function requireJson(c, next) {
    const length = c.req.header('content-length')
    const hasBody = c.req.raw.body !== null && length !== '0'
    const type = c.req.header('content-type') ?? ''
    if (unsafeMethods.has(c.req.method) && hasBody && !/^application\/(.+\+)?json\b/i.test(type)) {
      throw new Problem(415, 'Unsupported Media Type', {
        detail: 'Send the body as JSON with Content-Type: application/json.',
      })
    }
    await next()
  })
  app.use('/api/*', async function context(c, next) {
    c.set('config', readConfig(c.env))
    c.set('db', createDbResolver({ shared: c.env.DB }))
    await next()
  })
  app.use('/api/*', sameOriginOnly({ cookieName: SESSION_COOKIE }))
  app.use('/api/*', session({ db: (c) => (c.var as AppContext['Variables']).db.control() }))
  app.use('/api/v1/orgs/:org/*', tenantScope())
  app.use('/api/v1/orgs/:org', tenantScope())

  app.route('/api/health', health)
  app.route('/api/dev', devMailboxRoutes)
  app.route('/api/v1', auth)
  app.route('/api/v1', publicOrgRoutes)
  // Public intake forms: no session; not tenant routes (the organization is named by its public slug).
  app.route('/api/v1', intakeRoutes as unknown as Hono<AppContext>)
  // Tenant routes: tenantScope() above has resolved the organization through the caller's membership.
  // participantCsvRoutes before participantRoutes, so `participants/export` is not read as a participant id.
  for (const routes of [
    orgRoutes,
    programRoutes,
    participantCsvRoutes,
    participantRoutes,
    screeningRoutes,
    matchingRoutes,
    portalRoutes,
  ]) {
    app.route('/api/v1/orgs/:org', routes as unknown as Hono<AppContext>)
  }
  mountOpenApi(app)

  app.notFound((c) => {
    if (new URL(c.req.url).pathname.startsWith('/api')) {
      return problemResponse(
        c,
        new Problem(404, 'Not Found', { detail: 'No API route matches this method and path.' }),
      )
    }
    // Static assets normally answer before the Worker runs; this covers requests that reach it anyway.
    return c.env.ASSETS.fetch(c.req.raw)
  })

  app.onError((error, c) => {
    if (error instanceof Problem) return problemResponse(c, error)
    if (error instanceof HTTPException && error.status < 500) {
      const status = error.status
      return problemResponse(
        c,
        new Problem(status as 400, titles[status] ?? 'Bad Request', { detail: error.message || undefined }),
      )
    }
    console.error(
      JSON.stringify({
        level: 'error',
        msg: 'unhandled error',
        requestId: c.get('requestId'),
        path: new URL(c.req.url).pathname,
        error: describeError(error),
      }),
    )
    return problemResponse(
      c,
      new Problem(500, 'Internal Server Error', {
        detail: 'Something went wrong on our side. Quote the request id when you report it.',
      }),
    )
  })

  return app
}
