import { matches, newId, programs, type Survey, surveyInvitations, surveys } from '@tandem/db'
import { emailLocale, surveyInvitationEmail, surveyReminderEmail } from '@tandem/email'
import { SURVEY_INVITATION_VALID_DAYS, SURVEY_REMINDER_AFTER_DAYS, translated } from '@tandem/vocab'
import { and, eq, gt, isNull, lte, ne, or } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { addDays, daysBetween } from '../../lib/days'
import { newLinkToken } from '../../lib/link-token'
import { firstName } from '../../lib/participant-events'
import { contactOf, mentee, mentor, recipientOf, withTandem } from '../../lib/sides'
import { inIds, inTenant } from '../../lib/sql'
import { type LocalTime, localTime } from '../email/local-time'
import { participantEmail, type RuleEmail, ruleEmail, stillToSend, writeInBatches } from '../email/rule-email'
import { anyHour, eachTenantRule, type TenantRun } from '../email/scheduler'
import { fallbackLanguage, surveyInvitationsWith } from './invitations.service'

const DAY_MS = 86_400_000
export const SURVEY_VALID_MS = SURVEY_INVITATION_VALID_DAYS * DAY_MS

/** Local hours in which date-driven survey email (midpoint, pulse, reminders) is written: not at night. */
const DAYTIME = { from: 9, to: 21 } as const
const inDaytime = (local: LocalTime) => local.hour >= DAYTIME.from && local.hour < DAYTIME.to

/** The outbox key of one person's invitation to one survey for one period (a tandem, or a month for pulses). */
export const surveyInvitationKey = (surveyId: string, participantId: string, period: string) =>
  `survey-invitation:${surveyId}.${participantId}:${period}`
export const surveyReminderKey = (surveyId: string, participantId: string, period: string) =>
  `survey-reminder:${surveyId}.${participantId}:${period}`

interface MatchRow {
  id: string
  programId: string
  status: 'active' | 'paused' | 'ended'
  startedAt: Date
  endedAt: Date | null
  plannedEndOn: string | null
}

/**
 * The period a survey is due for on one tandem today, or null: a baseline from the match's start (for as long as
 * a link lives), a midpoint from halfway to the planned end until that end, an exit from the match's end (for as
 * long as a link lives), a pulse once a calendar month after the first.
 */
export function dueSurvey(
  survey: Pick<Survey, 'kind'>,
  match: MatchRow,
  now: Date,
  timezone: string,
): string | null {
  const today = localTime(now, timezone).date
  const start = localTime(match.startedAt, timezone).date
  const recent = (at: Date) => now.getTime() - at.getTime() < SURVEY_VALID_MS
  switch (survey.kind) {
    case 'baseline':
      return match.status !== 'ended' && recent(match.startedAt) ? match.id : null
    case 'midpoint': {
      if (match.status === 'ended' || !match.plannedEndOn || match.plannedEndOn <= start) return null
      const days = daysBetween(start, match.plannedEndOn)
      const half = addDays(start, Math.floor(days / 2))
      return today >= half && today < match.plannedEndOn ? match.id : null
    }
    case 'exit':
      return match.status === 'ended' && match.endedAt && recent(match.endedAt) ? match.id : null
    case 'pulse':
      return match.status === 'active' && today.slice(0, 7) > start.slice(0, 7)
        ? `${match.id}.${today.slice(0, 7)}`
        : null
  }
}

/**
 * Scheduler rule (decision 035): for each active survey of the organization, an invitation to each person of its
 * audience in the program's tandems for which it is due (`dueSurvey`), each in their language with a single-use
 * link; the invitation row and its email in one batch, under a key per survey, person and period. Baselines and
 * exits follow a coordinator's action at once; midpoints and pulses wait for the daytime hours.
 */
export const surveyInvitationRule = eachTenantRule('survey-invitation', scheduleSurveyInvitations, anyHour)

export async function scheduleSurveyInvitations(
  { db, tenant, now, config, local }: TenantRun,
  limit = 500,
): Promise<number> {
  const active = await db
    .select()
    .from(surveys)
    .where(inTenant(surveys, tenant.id, eq(surveys.active, true)))
  if (active.length === 0) return 0
  const daytime = inDaytime(local)
  const open = active.filter((s) => daytime || s.kind === 'baseline' || s.kind === 'exit')
  if (open.length === 0) return 0
  const rows = await withTandem(
    db
      .select({
        id: matches.id,
        programId: matches.programId,
        status: matches.status,
        startedAt: matches.startedAt,
        endedAt: matches.endedAt,
        plannedEndOn: matches.plannedEndOn,
        programName: programs.name,
        programLanguages: programs.languages,
        mentee: recipientOf(mentee),
        mentor: recipientOf(mentor),
      })
      .from(matches)
      .$dynamic(),
  ).where(
    inTenant(
      matches,
      tenant.id,
      inIds(matches.programId, [...new Set(open.map((s) => s.programId))]),
      or(ne(matches.status, 'ended'), gt(matches.endedAt, new Date(now.getTime() - SURVEY_VALID_MS))),
    ),
  )
  const candidates = open.flatMap((survey) =>
    rows.flatMap((r) => {
      if (r.programId !== survey.programId) return []
      const period = dueSurvey(survey, r, now, tenant.timezone)
      const person = survey.audience === 'mentees' ? r.mentee : r.mentor
      if (!period) return []
      return participantEmail(
        { survey, person, period, programName: r.programName, programLanguages: r.programLanguages },
        person,
        'survey-invitation',
        surveyInvitationKey(survey.id, person.id, period),
      )
    }),
  )
  if (candidates.length === 0) return 0
  // Invitations already made (an outbox row may have been cleared by retention since).
  const made = new Set(
    (
      await db
        .select({
          s: surveyInvitations.surveyId,
          p: surveyInvitations.participantId,
          period: surveyInvitations.period,
        })
        .from(surveyInvitations)
        .where(
          inTenant(
            surveyInvitations,
            tenant.id,
            inIds(
              surveyInvitations.surveyId,
              open.map((s) => s.id),
            ),
          ),
        )
    ).map((i) => `${i.s} ${i.p} ${i.period}`),
  )
  const todo = (
    await stillToSend(
      db,
      tenant.id,
      candidates.filter((c) => !made.has(`${c.survey.id} ${c.person.id} ${c.period}`)),
    )
  ).slice(0, limit)
  await writeSurveyEmails({ db, tenant, now, config }, todo, surveyInvitationEmail, (x, tokenHash) =>
    db
      .insert(surveyInvitations)
      .values({
        id: newId(),
        tenantId: tenant.id,
        surveyId: x.survey.id,
        participantId: x.person.id,
        period: x.period,
        tokenHash,
        reminderTokenHash: null,
        spent: false,
        createdAt: now,
        expiresAt: new Date(now.getTime() + SURVEY_VALID_MS),
      })
      .onConflictDoNothing(),
  )
  return todo.length
}

/**
 * Scheduler rule: one reminder, in the daytime, to each person whose invitation is still unanswered a few days
 * after it was sent and has not lapsed; it carries a link of its own (its hash beside the first one's) to the same
 * form. Setting that hash is what marks the reminder sent, so it goes once.
 */
export const surveyReminderRule = eachTenantRule('survey-reminder', scheduleSurveyReminders, inDaytime)

export async function scheduleSurveyReminders(
  { db, tenant, now, config }: TenantRun,
  limit = 500,
): Promise<number> {
  const rows = await surveyInvitationsWith(db, { person: contactOf })
    .where(
      inTenant(
        surveyInvitations,
        tenant.id,
        eq(surveyInvitations.spent, false),
        isNull(surveyInvitations.reminderTokenHash),
        lte(surveyInvitations.createdAt, new Date(now.getTime() - SURVEY_REMINDER_AFTER_DAYS * DAY_MS)),
        gt(surveyInvitations.expiresAt, now),
        eq(surveys.active, true),
      ),
    )
    .limit(limit * 2)
  const due = (
    await stillToSend(
      db,
      tenant.id,
      rows.flatMap((r) =>
        participantEmail(
          r,
          r.person,
          'survey-reminder',
          surveyReminderKey(r.survey.id, r.person.id, r.invitation.period),
        ),
      ),
    )
  ).slice(0, limit)
  await writeSurveyEmails({ db, tenant, now, config }, due, surveyReminderEmail, (x, tokenHash) =>
    db
      .update(surveyInvitations)
      .set({ reminderTokenHash: tokenHash })
      .where(
        and(
          eq(surveyInvitations.tenantId, tenant.id),
          eq(surveyInvitations.id, x.invitation.id),
          isNull(surveyInvitations.reminderTokenHash),
        ),
      ),
  )
  return due.length
}

/** What a survey email says of its person, its survey and the survey's program. */
interface SurveyMail {
  email: RuleEmail
  person: { name: string; locale: string | null }
  survey: Pick<Survey, 'title' | 'anonymous'>
  programName: string
  programLanguages: string[]
}

/**
 * For each person a fresh single-use link to the survey's form: the row `store` writes with its hash, and the
 * email (`template`: the invitation or the reminder) in their language with the link, written in batches.
 */
async function writeSurveyEmails<X extends SurveyMail>(
  { db, tenant, now, config }: Pick<TenantRun, 'db' | 'tenant' | 'now' | 'config'>,
  items: readonly X[],
  template: typeof surveyInvitationEmail,
  store: (x: X, tokenHash: string) => BatchItem<'sqlite'>,
) {
  await writeInBatches(
    db,
    items.flatMap((x) => {
      const { token, tokenHash } = newLinkToken(tenant.id)
      const locale = emailLocale(x.person.locale, tenant.defaultLocale)
      return [
        store(x, tokenHash),
        ruleEmail({ db, config, now }, tenant.id, x.email, (unsubscribe) =>
          template(locale, {
            name: firstName(x.person.name),
            title: translated(
              x.survey.title,
              locale,
              fallbackLanguage(x.programLanguages, tenant.defaultLocale),
            ),
            program: x.programName,
            org: tenant.name,
            anonymous: x.survey.anonymous,
            link: `${config.APP_ORIGIN}/survey?token=${token}`,
            unsubscribe,
          }),
        ),
      ]
    }),
  )
}
