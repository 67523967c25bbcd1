import { goals, matches, programs } from '@tandem/db'
import { emailLocale, goalRevisitEmail } from '@tandem/email'
import { asc, eq, inArray, lte } from 'drizzle-orm'
import { firstName } from '../../lib/participant-events'
import { mentee, mentor, recipientOf, withSides } from '../../lib/sides'
import { inTenant, sameTenantRow } from '../../lib/sql'
import { participantEmail, ruleEmail, stillToSend, writeInBatches } from '../email/rule-email'
import { atLocalHour, eachTenantRule, type TenantRun } from '../email/scheduler'

/** Goal reminders are written during this local hour (10:00–10:59), an hour after check-ins. */
export const GOAL_REVISIT_HOUR = 10

/** The outbox key of one goal's reminder for one due date: a goal is reminded of once per due date. */
export const goalRevisitKey = (goalId: string, dueOn: string) => `goal-revisit:${goalId}:${dueOn}`

/**
 * Scheduler rule (decision 027): at 10:00–10:59 in each organization's time zone, an email to the mentor of each
 * active match with an open or in-progress goal whose next revisit date has come, in the mentor's language, with
 * a link to the portal (a page; nothing happens on GET). The key `goal-revisit:{goal}:{next_revisit_on}` makes it
 * one email per due date: recording a revisit moves the date on, and with it the next reminder.
 */
export const goalRevisitRule = eachTenantRule(
  'goal-revisit',
  scheduleGoalRevisits,
  atLocalHour(GOAL_REVISIT_HOUR),
)

export async function scheduleGoalRevisits(
  { db, tenant, now, config, local }: TenantRun,
  limit = 500,
): Promise<number> {
  const rows = await withSides(
    db
      .select({
        goalId: goals.id,
        title: goals.title,
        dueOn: goals.nextRevisitOn,
        programName: programs.name,
        menteeName: mentee.displayName,
        mentor: recipientOf(mentor),
      })
      .from(goals)
      .innerJoin(matches, sameTenantRow(matches, goals.matchId, goals.tenantId))
      .innerJoin(programs, sameTenantRow(programs, goals.programId, goals.tenantId))
      .$dynamic(),
  )
    .where(
      inTenant(
        goals,
        tenant.id,
        lte(goals.nextRevisitOn, local.date),
        inArray(goals.status, ['open', 'in-progress']),
        eq(matches.status, 'active'),
      ),
    )
    .orderBy(asc(goals.nextRevisitOn), asc(goals.id))
    .limit(limit * 2)
  const due = rows.flatMap((r) =>
    participantEmail({ r }, r.mentor, 'goal-revisit', goalRevisitKey(r.goalId, r.dueOn)),
  )
  const todo = (await stillToSend(db, tenant.id, due)).slice(0, limit)
  await writeInBatches(
    db,
    todo.map(({ r, email }) =>
      ruleEmail({ db, config, now }, tenant.id, email, (unsubscribe) =>
        goalRevisitEmail(emailLocale(r.mentor.locale, tenant.defaultLocale), {
          name: firstName(r.mentor.name),
          partner: firstName(r.menteeName),
          program: r.programName,
          org: tenant.name,
          goal: r.title,
          link: `${config.APP_ORIGIN}/orgs/${tenant.slug}/my`,
          unsubscribe,
        }),
      ),
    ),
  )
  return todo.length
}
