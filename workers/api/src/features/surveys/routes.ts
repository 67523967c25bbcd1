import { describeRoute } from 'hono-openapi'
import { factory, programFactory, tenantFactory } from '../../factory'
import { jsonResponse, linkProblems, problem } from '../../lib/openapi'
import type { Limit } from '../../lib/rate-limit'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { byClient, rateLimited } from '../../middleware/rate-limit'
import { answerSurvey, describeSurveyInvitation } from './invitations.service'
import {
  AnswerBody,
  AnsweredOut,
  CreateSurveyBody,
  PatchSurveyBody,
  SurveyDetailOut,
  SurveyFormOut,
  SurveyOut,
  SurveyParam,
  SurveysOut,
  SurveyTokenParam,
  TemplatesOut,
} from './schema'
import { createSurvey, getSurvey, listSurveys, listTemplates, updateSurvey } from './service'

/** A program's surveys: mounted at …/programs/:program/surveys. */
export const programSurveyRoutes = programFactory
  .createApp()
  .get(
    '/',
    guard('surveys:read', {
      tags: ['surveys'],
      summary: 'Surveys of a program, with how many were invited and answered',
      description:
        'Each with its texts in the languages written, and which texts lack which of the six languages.',
      responses: { 200: jsonResponse('The surveys', SurveysOut) },
    }),
    async (c) => c.json(await listSurveys(c.var.scope, c.var.program.id), 200),
  )
  .post(
    '/',
    guard('surveys:manage', {
      tags: ['surveys'],
      summary: 'Add a survey to the program: from a template, or built (audited)',
      description:
        '`template` copies a shipped template (baseline, midpoint, exit for newcomers; exit for mentors), anonymous unless `anonymous: false`. Without it, give `kind`, `audience`, `title` and `questions` (each text in any of en, ar, uk, fa, es, de; question and option codes stable). Active surveys invite people through the email scheduler.',
      responses: { 201: jsonResponse('The survey', SurveyOut), 400: problem('Invalid fields') },
    }),
    validate('json', CreateSurveyBody),
    async (c) => c.json(await createSurvey(c.var.scope, c.var.program, c.req.valid('json')), 201),
  )

/** The organization's surveys by id, and the templates: mounted at /orgs/:org. */
export const surveyRoutes = tenantFactory
  .createApp()
  .get(
    '/survey-templates',
    guard('surveys:read', {
      tags: ['surveys'],
      summary: 'The shipped survey templates, in all six languages',
      responses: { 200: jsonResponse('The templates', TemplatesOut) },
    }),
    (c) => c.json(listTemplates(), 200),
  )
  .get(
    '/surveys/:survey',
    guard('surveys:read', {
      tags: ['surveys'],
      summary: 'A survey: invited, answered, who answered (named only), answers summarised',
      description:
        'Answers are summarised per question (counts, means, short texts in alphabetical order) only when at least the organization’s minimum (`minimum`) answered; otherwise `summary` is null. `respondents` lists who answered a named survey; for an anonymous one it is null (nobody can know).',
      responses: { 200: jsonResponse('The survey', SurveyDetailOut) },
    }),
    validate('param', SurveyParam),
    async (c) => c.json(await getSurvey(c.var.scope, c.var.tenant, c.req.valid('param').survey), 200),
  )
  .patch(
    '/surveys/:survey',
    guard('surveys:manage', {
      tags: ['surveys'],
      summary: 'Switch a survey on or off, retitle or retranslate it (audited)',
      description:
        'After the first answer only the texts of its questions change (codes, types, options and bounds stay); whether it is anonymous changes only until the first invitation (`survey-has-answers`).',
      responses: {
        200: jsonResponse('The survey', SurveyOut),
        400: problem('Invalid fields'),
        409: problem('People answered (or were invited): this can no longer change (`survey-has-answers`)'),
      },
    }),
    validate('param', SurveyParam),
    validate('json', PatchSurveyBody),
    async (c) =>
      c.json(await updateSurvey(c.var.scope, c.req.valid('param').survey, c.req.valid('json')), 200),
  )

/** Reads and answers of survey links from one address (scanners and people together). */
export const SURVEY_LINKS_PER_IP: Limit = { max: 60, windowMs: 3_600_000 }

const tokenProblems = linkProblems(
  'survey link',
  'survey-invitation',
  'The link expired (30 days) or the survey was closed',
)

/** Survey links from email: mounted at /v1/survey-invitations. No session. */
export const surveyInvitationRoutes = factory
  .createApp()
  .get(
    '/:token',
    describeRoute({
      tags: ['surveys'],
      summary: 'The survey a link opens, in the person’s language (no sign-in; changes nothing)',
      description:
        'The questions and options in the person’s language (a missing text in the program’s language, else English), whether the answers are anonymous, and until when the link works. Mail scanners open links: reading records nothing.',
      responses: { 200: jsonResponse('The survey form', SurveyFormOut), ...tokenProblems },
    }),
    validate('param', SurveyTokenParam),
    rateLimited(SURVEY_LINKS_PER_IP, byClient('survey-invitation:ip')),
    async (c) =>
      c.json(await describeSurveyInvitation(c.var.db, c.req.valid('param').token, new Date()), 200),
  )
  .post(
    '/:token',
    describeRoute({
      tags: ['surveys'],
      summary: 'Answer a survey (no sign-in; once)',
      description:
        '`answers` by question code: 1–5 for likert, a whole number for number, an option code for single, a list of option codes for multiple, a short text for text. Errors name `answers.<code>`. An anonymous survey stores the answers with nothing that leads back to the person: no id, no invitation, no time of day.',
      responses: {
        200: jsonResponse('Answered', AnsweredOut),
        400: problem('An answer does not fit its question, a required one is missing, or an unknown code'),
        ...tokenProblems,
      },
    }),
    validate('param', SurveyTokenParam),
    rateLimited(SURVEY_LINKS_PER_IP, byClient('survey-invitation:ip')),
    validate('json', AnswerBody),
    async (c) =>
      c.json(await answerSurvey(c.var.db, c.req.valid('param').token, c.req.valid('json'), new Date()), 200),
  )
