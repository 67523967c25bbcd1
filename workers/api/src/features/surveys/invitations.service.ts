import {
  type Database,
  type DbResolver,
  newId,
  participants,
  programs,
  type Survey,
  type SurveyInvitation,
  surveyInvitations,
  surveyResponses,
  surveys,
  type Tenant,
} from '@tandem/db'
import { emailLocale } from '@tandem/email'
import { type Cohort, cohortOf, SURVEY_LANGUAGES, type SurveyLanguage, translated } from '@tandem/vocab'
import { eq, or, sql } from 'drizzle-orm'
import type { SelectedFields } from 'drizzle-orm/sqlite-core'
import type * as v from 'valibot'
import { refusedBy } from '../../lib/guard'
import { openLinkToken } from '../../lib/link-token'
import { notFound, Problem } from '../../lib/problem'
import { inTenant, sameTenantRow, tenantRow } from '../../lib/sql'
import { localTime } from '../email/local-time'
import { checkAnswers } from './answers'
import { storedCohort } from './cohort'
import type { AnswerBody } from './schema'

/**
 * Survey links from email (decision 035), on the single-use link machinery of check-ins and event invitations
 * (`lib/link-token.ts`): reading one shows the form and changes nothing (mail scanners open links); answering
 * stores the response and spends the invitation in one batch. An anonymous response keeps nothing that leads back
 * to the invitation: the invitation only becomes `spent` (no time), and the response holds no id of it.
 */

const gone = () => notFound('This survey link is not valid.')
const used = () => new Problem('survey-invitation-used', { detail: 'This survey was already answered.' })
const expired = () =>
  new Problem('survey-invitation-expired', {
    detail: 'This survey link has expired or the survey was closed.',
  })

interface Found {
  db: Database
  tenant: Tenant
  invitation: SurveyInvitation
  survey: Survey
  programName: string
  programLanguages: string[]
  personLocale: string
}

/**
 * Survey invitations (each row of one tenant) with their survey, its program's name and languages, and the
 * `person` columns of the invited participant: `surveyInvitationsWith(db, { locale: … }).where(…)`.
 */
export const surveyInvitationsWith = <P extends SelectedFields>(db: Database, person: P) =>
  db
    .select({
      invitation: surveyInvitations,
      survey: surveys,
      programName: programs.name,
      programLanguages: programs.languages,
      ...person,
    })
    .from(surveyInvitations)
    .innerJoin(surveys, sameTenantRow(surveys, surveyInvitations.surveyId, surveyInvitations.tenantId))
    .innerJoin(programs, sameTenantRow(programs, surveys.programId, surveys.tenantId))
    .innerJoin(
      participants,
      sameTenantRow(participants, surveyInvitations.participantId, surveyInvitations.tenantId),
    )

/** The invitation a token (the first email's or the reminder's) names; 404 unknown, 409 spent, 410 lapsed. */
async function findSurveyInvitation(resolver: DbResolver, token: string, now: Date): Promise<Found> {
  const opened = await openLinkToken(resolver, token)
  if (!opened) throw gone()
  const { tenant, db, tokenHash } = opened
  const row = await surveyInvitationsWith(db, { personLocale: participants.preferredLocale })
    .where(
      inTenant(
        surveyInvitations,
        tenant.id,
        or(eq(surveyInvitations.tokenHash, tokenHash), eq(surveyInvitations.reminderTokenHash, tokenHash)),
      ),
    )
    .get()
  if (!row) throw gone()
  if (row.invitation.spent) throw used()
  if (row.invitation.expiresAt.getTime() <= now.getTime() || !row.survey.active) throw expired()
  return { db, tenant, ...row }
}

const isSurveyLanguage = (l: string): l is SurveyLanguage =>
  (SURVEY_LANGUAGES as readonly string[]).includes(l)

/**
 * The language a text falls back to when the person's is missing: the program's first language when Tandem
 * writes in it, else the organization's default, else English.
 */
export function fallbackLanguage(programLanguages: readonly string[], tenantDefault: string): SurveyLanguage {
  const first = programLanguages.map((l) => l.split('-')[0] ?? l).find(isSurveyLanguage)
  const own = tenantDefault.split('-')[0] ?? ''
  return first ?? (isSurveyLanguage(own) ? own : 'en')
}

/** The form in the person's language (missing texts in the fallback language). Changes nothing. */
export async function describeSurveyInvitation(resolver: DbResolver, token: string, now: Date) {
  const { tenant, invitation, survey, programName, programLanguages, personLocale } =
    await findSurveyInvitation(resolver, token, now)
  const locale = emailLocale(personLocale, tenant.defaultLocale)
  const fallback = fallbackLanguage(programLanguages, tenant.defaultLocale)
  const say = (t: Parameters<typeof translated>[0]) => translated(t, locale, fallback)
  return {
    locale,
    organizationName: tenant.name,
    programName,
    title: say(survey.title),
    kind: survey.kind,
    anonymous: survey.anonymous,
    expiresOn: localTime(invitation.expiresAt, tenant.timezone).date,
    questions: survey.questions.map((q) => ({
      code: q.code,
      type: q.type,
      text: say(q.text),
      required: q.required,
      ...(q.options ? { options: q.options.map((o) => ({ code: o.code, label: say(o.label) })) } : {}),
      ...(q.type === 'number' ? { min: q.min ?? 0, max: q.max ?? 1_000_000 } : {}),
    })),
    status: 'open' as const,
  }
}

/** The cohort sources of everyone invited to `surveyId` (the people its cohort groups are counted among). */
async function inviteesOf(db: Database, tenantId: string, surveyId: string) {
  return db
    .select({
      id: participants.id,
      role: participants.role,
      programId: participants.programId,
      preferredLocale: participants.preferredLocale,
      neighborhood: participants.neighborhood,
      demographics: participants.demographics,
      demographicsConsentAt: participants.demographicsConsentAt,
    })
    .from(participants)
    .where(
      inTenant(
        participants,
        tenantId,
        sql`${participants.id} in (select ${surveyInvitations.participantId} from ${surveyInvitations} where ${surveyInvitations.tenantId} = ${tenantId} and ${surveyInvitations.surveyId} = ${surveyId})`,
      ),
    )
}

/**
 * Stores the answers and spends the invitation, in one batch. Anonymous: the response gets a random id, the local
 * day, the cohort groups the person falls in (each `other` unless at least the organization's minimum of the
 * survey's invitees share it, and the whole combination too) and the answers; nothing else — no person, no
 * invitation, no time of day, no audit entry, no email. Named: the participant's id as well.
 */
export async function answerSurvey(
  resolver: DbResolver,
  token: string,
  body: v.InferOutput<typeof AnswerBody>,
  now: Date,
) {
  const { db, tenant, invitation, survey } = await findSurveyInvitation(resolver, token, now)
  const answers = checkAnswers(survey.questions, body.answers as Record<string, unknown>)
  const local = localTime(now, tenant.timezone)
  const year = Number(local.date.slice(0, 4))
  const invitees = await inviteesOf(db, tenant.id, survey.id)
  const cohorts = new Map<string, Cohort>(invitees.map((p) => [p.id, cohortOf(p, year)]))
  const own = cohorts.get(invitation.participantId) ?? {}
  const cohort = storedCohort(own, [...cohorts.values()], tenant.minimumCellSize)
  // Spends the invitation: if it was spent (or lapsed) meanwhile, token_hash becomes NULL, which NOT NULL refuses,
  // and the whole batch (the response too) rolls back. Nothing records when.
  const claim = db
    .update(surveyInvitations)
    .set({
      tokenHash: sql`case when ${surveyInvitations.spent} = 0 and ${surveyInvitations.expiresAt} > ${now.getTime()} then ${surveyInvitations.tokenHash} else null end`,
      spent: true,
    })
    .where(tenantRow(surveyInvitations, tenant.id, invitation.id))
  const response = db.insert(surveyResponses).values({
    id: newId(),
    tenantId: tenant.id,
    surveyId: survey.id,
    participantId: survey.anonymous ? null : invitation.participantId,
    day: local.date,
    role: cohort.role,
    program: cohort.program,
    languageGroup: cohort.languageGroup,
    ageBand: cohort.ageBand,
    gender: cohort.gender,
    arrivalBand: cohort.arrivalBand,
    neighborhoodGroup: cohort.neighborhoodGroup,
    answers,
  })
  try {
    await db.batch([claim, response])
  } catch (error) {
    if (refusedBy(error, 'survey_invitations.token_hash')) throw used()
    throw error
  }
  return { status: 'answered' as const, anonymous: survey.anonymous }
}
