import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { readConfig } from './env'
import { factory, participantFactory, programFactory, tenantFactory } from './factory'
import { attentionRoutes } from './features/attention/routes'
import { auditRoutes } from './features/audit/routes'
import { authRoutes, meRoutes } from './features/auth/routes'
import { SESSION_COOKIE } from './features/auth/session'
import {
  calendarFeedRoutes,
  eventFileRoutes,
  myEventFileRoutes,
  myFeedRoutes,
  programFeedRoutes,
} from './features/calendars/routes'
import {
  checkInConcernRoutes,
  concernRoutes,
  myConcernRoutes,
  myMatchConcernRoutes,
} from './features/concerns/routes'
import { orgDataRoutes, participantRightsRoutes } from './features/data-protection/routes'
import { devMailboxRoutes } from './features/email/dev-mailbox.routes'
import {
  emailTemplateRoutes,
  myEmailPreferenceRoutes,
  unsubscribeRoutes,
} from './features/email/email.routes'
import { emailLogRoutes, suppressionRoutes } from './features/email/log.routes'
import { resendWebhookRoutes } from './features/email/webhook.routes'
import {
  eventInvitationRoutes,
  eventRoutes,
  myEventRoutes,
  programEventRoutes,
} from './features/events/routes'
import { firstStepsRoutes } from './features/first-steps/routes'
import { goalRoutes, myGoalRoutes } from './features/goals/routes'
import { healthRoutes } from './features/health/routes'
import { impactPage } from './features/indicators/impact-page'
import { indicatorRoutes } from './features/indicators/routes'
import { intakeRoutes } from './features/intake/routes'
import { acceptInvitationRoutes, invitationRoutes } from './features/invitations/routes'
import { matchRunRoutes, runRoutes } from './features/match-runs/routes'
import { runScope } from './features/match-runs/scope'
import { endRequestRoutes, matchRoutes } from './features/matches/routes'
import { checkInRoutes, meetingRoutes, myMeetingRoutes } from './features/meetings/routes'
import { memberRoutes } from './features/members/routes'
import { mountOpenApi } from './features/openapi/openapi.routes'
import { operatorRoutes } from './features/operator/routes'
import { orgRoutes, signupRoutes } from './features/orgs/routes'
import { importRoutes, participantExportRoutes } from './features/participants/csv.routes'
import { participantNoteRoutes } from './features/participants/notes.routes'
import { participantItemRoutes, participantRoutes } from './features/participants/routes'
import { participantScope } from './features/participants/scope'
import { partnerDigestRoutes, partnerRoutes } from './features/partners/routes'
import { nextUpRoutes } from './features/portal/next-up'
import { myMatchRoutes, portalAccessRoutes } from './features/portal/routes'
import { programItemRoutes, programRoutes } from './features/programs/routes'
import { programScope } from './features/programs/scope'
import { proposalRoutes } from './features/proposals/routes'
import { mentorScreeningRoutes, screeningRoutes } from './features/screening/routes'
import { programSurveyRoutes, surveyInvitationRoutes, surveyRoutes } from './features/surveys/routes'
import { placementProblem, resolverFor } from './lib/db'
import { log } from './lib/log'
import { Problem, type ProblemCode, problemResponse } from './lib/problem'
import { sameOriginOnly } from './middleware/csrf'
import { requestLog } from './middleware/request-log'
import { session } from './middleware/session'
import { tenantScope } from './middleware/tenant'

export type { AppEnv } from './factory'

export const MAX_BODY_BYTES = 1024 * 1024

/** Problems for statuses Hono itself raises (HTTPException). */
const codeOfStatus: Record<number, ProblemCode> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'body-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** One participant's rooms: mounted at …/participants/:participant after `participantScope()` loaded them. */
const participant = participantFactory
  .createApp()
  .route('/', participantItemRoutes)
  .route('/screening', mentorScreeningRoutes)
  .route('/portal-access', portalAccessRoutes)
  .route('/notes', participantNoteRoutes)
  .route('/', participantRightsRoutes)

/**
 * One program's rooms: mounted at /programs/:program after `programScope()` loaded the program. The CSV export
 * is registered before `/participants/:participant`, so `export` is never read as a participant id.
 */
const program = programFactory
  .createApp()
  .route('/', programItemRoutes)
  .route('/participants', participantRoutes)
  .route('/participants', participantExportRoutes)
  .use('/participants/:participant/*', participantScope())
  .route('/participants/:participant', participant)
  .route('/imports', importRoutes)
  .route('/match-runs', matchRunRoutes)
  .use('/match-runs/:run/*', runScope())
  .route('/match-runs/:run', runRoutes)
  .route('/match-runs/:run/proposals', proposalRoutes)
  .route('/matches', matchRoutes)
  .route('/matches/:match/meetings', meetingRoutes)
  .route('/matches/:match/goals', goalRoutes)
  .route('/concerns', concernRoutes)
  .route('/events', programEventRoutes)
  .route('/calendar-feed', programFeedRoutes)
  .route('/surveys', programSurveyRoutes)

/** One organization's rooms: mounted at /orgs/:org after `tenantScope()` resolved the membership. */
const organization = tenantFactory
  .createApp()
  .route('/', orgRoutes)
  .route('/', orgDataRoutes)
  .route('/members', memberRoutes)
  .route('/invitations', invitationRoutes)
  .route('/audit-log', auditRoutes)
  .route('/emails', emailLogRoutes)
  .route('/email-suppressions', suppressionRoutes)
  .route('/first-steps', firstStepsRoutes)
  .route('/screening', screeningRoutes)
  .route('/end-requests', endRequestRoutes)
  .route('/attention', attentionRoutes)
  .route('/events', eventRoutes)
  .route('/my/matches', myMatchRoutes)
  .route('/my/matches/:match/meetings', myMeetingRoutes)
  .route('/my/matches/:match/goals', myGoalRoutes)
  .route('/my/matches/:match/concerns', myMatchConcernRoutes)
  .route('/my/concerns', myConcernRoutes)
  .route('/my/events', myEventRoutes)
  .route('/my/email-preferences', myEmailPreferenceRoutes)
  .route('/my/calendar-feed', myFeedRoutes)
  .route('/my/next-up', nextUpRoutes)
  .route('/my/calendar/events', myEventFileRoutes)
  .route('/calendar/events', eventFileRoutes)
  .route('/email-templates', emailTemplateRoutes)
  .route('/', indicatorRoutes)
  .route('/', surveyRoutes)
  .route('/partners', partnerRoutes)
  .route('/programs', programRoutes)
  .use('/programs/:program/*', programScope())
  .route('/programs/:program', program)

const v1 = factory
  .createApp()
  .route('/auth', authRoutes)
  .route('/me', meRoutes)
  .route('/signup', signupRoutes)
  .route('/invitations', acceptInvitationRoutes)
  // One-click unsubscribe (RFC 8058): no session; the signed token names who and what.
  .route('/unsubscribe', unsubscribeRoutes)
  // One-click check-ins from email: no session; the single-use token names one person's check-in.
  .route('/check-ins', checkInRoutes)
  .route('/check-ins/:token/concerns', checkInConcernRoutes)
  // One-click replies to event invitations: no session; the single-use token names one person's invitation.
  .route('/event-invitations', eventInvitationRoutes)
  // Survey links from email: no session; the single-use token names one person's invitation.
  .route('/survey-invitations', surveyInvitationRoutes)
  // Partner digests' "view online" page: no session; the signed link names one digest (read-only).
  .route('/partner-digests', partnerDigestRoutes)
  // Calendar feeds: no session (calendar apps send no cookies); the secret URL names one feed.
  .route('/calendars', calendarFeedRoutes)
  // Public intake forms: no session; the organization is named by its public slug.
  .route('/public/programs/:org/:program/intake', intakeRoutes)
  // Delivery events from the email provider: no session; only a valid signature changes anything.
  .route('/webhooks/resend', resendWebhookRoutes)
  // The operator's commands (key rotation): no session; a bearer token from the Worker's secrets.
  .route('/operator', operatorRoutes)
  .use('/orgs/:org/*', tenantScope())
  .route('/orgs/:org', organization)

/** The JSON API as one typed tree: the web client and the tests call it through `hc<AppType>`. */
const api = factory
  .createApp()
  .route('/health', healthRoutes)
  .route('/dev', devMailboxRoutes)
  .route('/v1', v1)

export function createApp() {
  const app = factory.createApp()

  app.use('*', requestId())
  app.use('/api/*', requestLog())
  // The API answers JSON only: nothing in an answer may run, load or be framed (the web client's policy is in
  // web/public/_headers).
  app.use(
    '/api/*',
    secureHeaders({
      crossOriginResourcePolicy: 'same-origin',
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    }),
  )
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        problemResponse(c, new Problem('body-too-large', { detail: 'Request bodies are limited to 1 MB.' })),
    }),
  )
  // A body that is sent must be JSON; anything else is refused before it reaches a handler.
  app.use('/api/*', async function requireJson(c, next) {
    const length = c.req.header('content-length')
    const hasBody = c.req.raw.body !== null && length !== '0'
    const type = c.req.header('content-type') ?? ''
    // Mail clients post the one-click unsubscribe as a form (RFC 8058); that route reads only its query.
    const oneClick =
      c.req.path === '/api/v1/unsubscribe' && /^application\/x-www-form-urlencoded\b/i.test(type)
    if (
      unsafeMethods.has(c.req.method) &&
      hasBody &&
      !oneClick &&
      !/^application\/(.+\+)?json\b/i.test(type)
    ) {
      throw new Problem('unsupported-media-type', {
        detail: 'Send the body as JSON with Content-Type: application/json.',
      })
    }
    await next()
  })
  app.use('/api/*', async function context(c, next) {
    c.set('config', readConfig(c.env))
    c.set('db', resolverFor(c.env))
    await next()
  })
  app.use('/api/*', sameOriginOnly({ cookieName: SESSION_COOKIE }))
  app.use('/api/*', session({ db: (c) => c.var.db.control() }))

  // The public impact page (decision 036): server-rendered, no session, off unless the organization publishes it.
  app.get('/o/:org/impact', async function publicImpact(c) {
    const resolver = resolverFor(c.env)
    return impactPage(c, resolver.control(), (t) => resolver.dbFor(t), readConfig(c.env).APP_ORIGIN)
  })

  const routed = app.route('/api', api)
  mountOpenApi(routed)

  app.notFound((c) => {
    if (new URL(c.req.url).pathname.startsWith('/api')) {
      return problemResponse(
        c,
        new Problem('no-route', { detail: 'No API route matches this method and path.' }),
      )
    }
    // Static assets normally answer before the Worker runs; this covers requests that reach it anyway.
    return c.env.ASSETS.fetch(c.req.raw)
  })

  app.onError((error, c) => {
    if (error instanceof Problem) return problemResponse(c, error)
    const placement = placementProblem(error)
    if (placement) return problemResponse(c, placement)
    if (error instanceof HTTPException && error.status < 500) {
      const code = codeOfStatus[error.status] ?? 'invalid-request'
      return problemResponse(c, new Problem(code, { detail: error.message || undefined }))
    }
    log.error('unhandled error', { requestId: c.get('requestId'), path: new URL(c.req.url).pathname }, error)
    return problemResponse(
      c,
      new Problem('internal', {
        detail: 'Something went wrong on our side. Quote the request id when you report it.',
      }),
    )
  })

  return routed
}

/** The API's routes, request and response types, as the web client and the tests see them. */
export type AppType = ReturnType<typeof createApp>
