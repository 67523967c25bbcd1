import {
  newId,
  participants,
  type Survey,
  surveyInvitations,
  surveyResponses,
  surveys,
  type Tenant,
} from '@tandem/db'
import { effectiveMinimum } from '@tandem/evidence'
import { missingTranslations, SURVEY_TEMPLATES, type SurveyQuestion, type Translations } from '@tandem/vocab'
import { and, asc, count, eq, isNotNull } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { fieldError } from '../../lib/field-errors'
import { notFound, Problem } from '../../lib/problem'
import { inTenant, sameTenantRow, tenantRow } from '../../lib/sql'
import type { CreateSurveyBody, PatchSurveyBody } from './schema'

/** The shipped templates, as the builder offers them. */
export const listTemplates = () => ({ items: Object.values(SURVEY_TEMPLATES) })

async function countsOf(scope: Pick<Scope, 'db' | 'tenantId'>, surveyIds: string[]) {
  if (surveyIds.length === 0)
    return { invited: new Map<string, number>(), answered: new Map<string, number>() }
  return {
    invited: await perSurvey(scope, surveyInvitations),
    answered: await perSurvey(scope, surveyResponses),
  }
}

/** How many rows of `table` (invitations or responses) each survey of the organization has. */
async function perSurvey(
  scope: Pick<Scope, 'db' | 'tenantId'>,
  table: typeof surveyInvitations | typeof surveyResponses,
) {
  const rows = await scope.db
    .select({ id: table.surveyId, n: count() })
    .from(table)
    .where(inTenant(table, scope.tenantId))
    .groupBy(table.surveyId)
  return new Map(rows.map((r) => [r.id, r.n]))
}

const clean = (t: Translations): Record<string, string> =>
  Object.fromEntries(Object.entries(t).filter((e): e is [string, string] => !!e[1]?.trim()))

function surveyOut(row: Survey, invited: number, answered: number) {
  return {
    id: row.id,
    programId: row.programId,
    template: row.template,
    kind: row.kind,
    audience: row.audience,
    anonymous: row.anonymous,
    active: row.active,
    title: clean(row.title),
    questions: row.questions.map((q) => ({
      ...q,
      text: clean(q.text),
      ...(q.options ? { options: q.options.map((o) => ({ ...o, label: clean(o.label) })) } : {}),
    })),
    missingTranslations: missingTranslations(row),
    invited,
    answered,
    createdAt: row.createdAt.toISOString(),
  }
}

export async function listSurveys(scope: Scope, programId: string) {
  const rows = await scope.db
    .select()
    .from(surveys)
    .where(inTenant(surveys, scope.tenantId, eq(surveys.programId, programId)))
    .orderBy(asc(surveys.createdAt), asc(surveys.id))
  const { invited, answered } = await countsOf(
    scope,
    rows.map((r) => r.id),
  )
  return { items: rows.map((r) => surveyOut(r, invited.get(r.id) ?? 0, answered.get(r.id) ?? 0)) }
}

/** Adds a survey to a program: from a template (a copy: later changes to Tandem's templates do not move it), or built. */
export async function createSurvey(
  scope: Scope,
  program: { id: string },
  body: v.InferOutput<typeof CreateSurveyBody>,
) {
  const template = body.template ? SURVEY_TEMPLATES[body.template] : undefined
  const kind = body.kind ?? template?.kind
  const audience = body.audience ?? template?.audience
  const title = (body.title as Translations | undefined) ?? template?.title
  const questions = (body.questions as SurveyQuestion[] | undefined) ?? template?.questions
  const missing = [
    ...(kind ? [] : ['kind']),
    ...(audience ? [] : ['audience']),
    ...(title ? [] : ['title']),
    ...(questions ? [] : ['questions']),
  ]
  if (!kind || !audience || !title || !questions || missing.length > 0) {
    throw new Problem('invalid-request', {
      detail: 'Choose a template, or give the kind, audience, title and questions.',
      errors: missing.map((path) => fieldError(path, 'required')),
    })
  }
  const row: Survey = {
    id: newId(),
    tenantId: scope.tenantId,
    programId: program.id,
    template: template?.code ?? null,
    kind,
    audience,
    anonymous: body.anonymous ?? template?.anonymous ?? true,
    active: body.active,
    title,
    questions,
    summary: null,
    summaryCount: 0,
    createdAt: scope.now,
    updatedAt: null,
  }
  await scope.db.batch([
    scope.db.insert(surveys).values(row),
    auditFor(scope)(
      'survey.created',
      { type: 'survey', id: row.id },
      { programId: program.id, template: row.template, anonymous: row.anonymous },
    ),
  ])
  return surveyOut(row, 0, 0)
}

export async function loadSurvey(scope: Pick<Scope, 'db' | 'tenantId'>, surveyId: string) {
  const row = await scope.db
    .select()
    .from(surveys)
    .where(tenantRow(surveys, scope.tenantId, surveyId))
    .get()
  if (!row) throw notFound('No such survey.')
  return row
}

/** What answers depend on: codes, types, whether required, option codes, number bounds (not the texts). */
const shapeOf = (questions: readonly SurveyQuestion[]) =>
  JSON.stringify(
    questions.map((q) => [q.code, q.type, q.required, q.options?.map((o) => o.code) ?? null, q.min, q.max]),
  )

/**
 * Switches a survey on or off, retitles or retranslates it. Its questions change only in their texts once someone
 * answered (codes, types, options and bounds stay), and whether it is anonymous only while nobody is invited
 * (invitations promised it).
 */
export async function updateSurvey(
  scope: Scope,
  surveyId: string,
  body: v.InferOutput<typeof PatchSurveyBody>,
) {
  const row = await loadSurvey(scope, surveyId)
  const { invited, answered } = await countsOf(scope, [row.id])
  if (
    body.questions &&
    (answered.get(row.id) ?? 0) > 0 &&
    shapeOf(body.questions as SurveyQuestion[]) !== shapeOf(row.questions)
  ) {
    throw new Problem('survey-has-answers', {
      detail: 'People have answered this survey: only the texts of its questions can change now.',
    })
  }
  if (body.anonymous !== undefined && body.anonymous !== row.anonymous && (invited.get(row.id) ?? 0) > 0) {
    throw new Problem('survey-has-answers', {
      detail: 'People were invited with the promise that this survey is (or is not) anonymous: it stays so.',
    })
  }
  const next: Survey = {
    ...row,
    active: body.active ?? row.active,
    anonymous: body.anonymous ?? row.anonymous,
    title: (body.title as Translations | undefined) ?? row.title,
    questions: (body.questions as SurveyQuestion[] | undefined) ?? row.questions,
    updatedAt: scope.now,
  }
  await scope.db.batch([
    scope.db
      .update(surveys)
      .set({
        active: next.active,
        anonymous: next.anonymous,
        title: next.title,
        questions: next.questions,
        updatedAt: scope.now,
      })
      .where(tenantRow(surveys, scope.tenantId, row.id)),
    auditFor(scope)(
      'survey.updated',
      { type: 'survey', id: row.id },
      { fields: Object.keys(body).sort().join(',') },
    ),
  ])
  return surveyOut(next, invited.get(row.id) ?? 0, answered.get(row.id) ?? 0)
}

type Summary = {
  code: string
  type: SurveyQuestion['type']
  n: number
  mean: number | null
  counts: Record<string, number> | null
  texts: string[] | null
}

/** Per question: how many answered, the mean (likert, number), the counts per value (likert, choices), the texts. */
export function summarise(questions: readonly SurveyQuestion[], answers: readonly Record<string, unknown>[]) {
  return questions.map((q): Summary => {
    const given = answers.map((a) => a[q.code]).filter((x) => x !== undefined && x !== null && x !== '')
    const numbers = given.filter((x): x is number => typeof x === 'number')
    const counts: Record<string, number> = {}
    const add = (k: string) => {
      counts[k] = (counts[k] ?? 0) + 1
    }
    if (q.type === 'likert') for (const p of [1, 2, 3, 4, 5]) counts[String(p)] = 0
    for (const o of q.options ?? []) counts[o.code] = 0
    for (const x of given) {
      if (q.type === 'likert') add(String(x))
      else if (q.type === 'single' && typeof x === 'string') add(x)
      else if (q.type === 'multiple' && Array.isArray(x)) for (const c of x) add(String(c))
    }
    const numeric = q.type === 'likert' || q.type === 'number'
    return {
      code: q.code,
      type: q.type,
      n: given.length,
      mean:
        numeric && numbers.length > 0
          ? Math.round((numbers.reduce((s, x) => s + x, 0) / numbers.length) * 100) / 100
          : null,
      counts: q.type === 'likert' || q.type === 'single' || q.type === 'multiple' ? counts : null,
      texts: q.type === 'text' ? given.map(String).sort((a, b) => a.localeCompare(b)) : null,
    }
  })
}

/**
 * One survey for its coordinators: invited and answered; for a named survey who answered; the answers summarised
 * per question only when at least the organization's minimum answered ("too few answers to show" otherwise).
 */
export async function getSurvey(scope: Scope, tenant: Tenant, surveyId: string) {
  const row = await loadSurvey(scope, surveyId)
  const { invited, answered } = await countsOf(scope, [row.id])
  const responses = await scope.db
    .select({ answers: surveyResponses.answers })
    .from(surveyResponses)
    .where(inTenant(surveyResponses, scope.tenantId, eq(surveyResponses.surveyId, row.id)))
  const minimum = effectiveMinimum(tenant.minimumCellSize)
  const respondents = row.anonymous
    ? null
    : await scope.db
        .select({
          participantId: participants.id,
          name: participants.displayName,
          day: surveyResponses.day,
        })
        .from(surveyResponses)
        .innerJoin(
          participants,
          sameTenantRow(participants, surveyResponses.participantId, surveyResponses.tenantId),
        )
        .where(
          and(
            inTenant(surveyResponses, scope.tenantId, eq(surveyResponses.surveyId, row.id)),
            isNotNull(surveyResponses.participantId),
          ),
        )
        .orderBy(asc(participants.displayName))
  return {
    ...surveyOut(row, invited.get(row.id) ?? 0, answered.get(row.id) ?? 0),
    minimum,
    ...(row.anonymous
      ? await keptSummary(scope, row, responses, minimum)
      : {
          summary:
            responses.length >= minimum
              ? summarise(
                  row.questions,
                  responses.map((r) => r.answers),
                )
              : null,
          summaryOf: responses.length,
        }),
    respondents,
  }
}

/**
 * An anonymous survey's summary: the one kept from last time, renewed only when at least `minimum` new answers came
 * in since (so two summaries a coordinator compares differ by at least that many people, never by one answer).
 * Written conditionally on the count it replaces: of two readers at once, the second shows the first one's.
 */
async function keptSummary(
  scope: Scope,
  row: Survey,
  responses: readonly { answers: Record<string, unknown> }[],
  minimum: number,
) {
  if (responses.length < Math.max(minimum, row.summaryCount + minimum))
    return { summary: row.summaryCount > 0 ? row.summary : null, summaryOf: row.summaryCount }
  const summary = summarise(
    row.questions,
    responses.map((r) => r.answers),
  )
  const kept = await scope.db
    .update(surveys)
    .set({ summary, summaryCount: responses.length })
    .where(tenantRow(surveys, scope.tenantId, row.id, eq(surveys.summaryCount, row.summaryCount)))
    .returning({ id: surveys.id })
  if (kept.length > 0) return { summary, summaryOf: responses.length }
  // Another reader renewed it first: show theirs, never a second summary a few answers apart.
  const stored = await scope.db
    .select({ summary: surveys.summary, summaryOf: surveys.summaryCount })
    .from(surveys)
    .where(tenantRow(surveys, scope.tenantId, row.id))
    .get()
  return { summary: stored?.summary ?? null, summaryOf: stored?.summaryOf ?? 0 }
}
