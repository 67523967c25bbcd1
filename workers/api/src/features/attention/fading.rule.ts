import { memberships, users } from '@tandem/db'
import { emailLocale, fadingAlertEmail, nudgeEmail } from '@tandem/email'
import { eq, inArray } from 'drizzle-orm'
import { firstName } from '../../lib/participant-events'
import { inTenant } from '../../lib/sql'
import { participantEmail, ruleEmail, stillToSend, writeInBatches } from '../email/rule-email'
import { atLocalHour, eachTenantRule, type TenantRun } from '../email/scheduler'
import { CHECK_IN_HOUR } from '../meetings/check-in.rule'
import { fadingOf } from './fading'
import { activeTandems } from './service'

/** Fading email is written in the same local morning hour as check-ins (decision 025): one hour's ticks a day. */
export const FADING_HOUR = CHECK_IN_HOUR
/** Who is alerted about a fading tandem: the coordinators; an organization without any, its admins and owners. */
const ALERT_ROLES = ['coordinator', 'admin', 'owner'] as const

/** The mentor's nudge for one quiet spell (`since`: the last meeting or the start). */
export const nudgeKey = (matchId: string, since: string) => `nudge:${matchId}:${since}`
/** One coordinator's alert for one quiet spell. */
export const fadingAlertKey = (matchId: string, userId: string, since: string) =>
  `fading-alert:${matchId}.${userId}:${since}`

/**
 * Scheduler rule (decision 028): at 09:00–09:59 in each organization's time zone, for each active match that is
 * fading (`fadingOf`), one friendly nudge to the mentor in their language; once it has been quiet for a second
 * period, one alert to each coordinator in theirs. The keys name the quiet spell by its last contact, so a
 * rerun writes nothing and a held meeting starts a new spell. Never-contacted newcomers get no email: they are
 * surfaced on the attention list.
 */
export const fadingRule = eachTenantRule('nudge', scheduleFading, atLocalHour(FADING_HOUR))

export async function scheduleFading({ control, db, tenant, now, config }: TenantRun): Promise<number> {
  const { today, tandems } = await activeTandems(db, tenant, now)
  const fading = tandems.flatMap((t) => {
    const f = fadingOf(t.dates, today)
    return f ? [{ t, f }] : []
  })
  if (fading.length === 0) return 0
  const alerting = fading.filter((x) => x.f.stage === 'alert')
  const staff = alerting.length
    ? await control
        .select({
          userId: users.id,
          email: users.email,
          name: users.name,
          locale: users.locale,
          role: memberships.role,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(inTenant(memberships, tenant.id, inArray(memberships.role, [...ALERT_ROLES])))
    : []
  const coordinators = staff.some((s) => s.role === 'coordinator')
    ? staff.filter((s) => s.role === 'coordinator')
    : staff
  const nudges = fading.flatMap((x) => participantEmail(x, x.t.mentor, 'nudge', nudgeKey(x.t.id, x.f.since)))
  const alerts = alerting.flatMap((x) =>
    coordinators.map((c) => ({
      ...x,
      c,
      email: {
        kind: 'fading-alert' as const,
        recipientType: 'member' as const,
        recipientId: c.userId,
        toAddress: c.email,
        dedupKey: fadingAlertKey(x.t.id, c.userId, x.f.since),
      },
    })),
  )
  const context = { db, config, now }
  const statements = [
    ...(await stillToSend(db, tenant.id, nudges)).map((n) =>
      ruleEmail(context, tenant.id, n.email, (unsubscribe) =>
        nudgeEmail(emailLocale(n.t.mentor.locale, tenant.defaultLocale), {
          name: firstName(n.t.mentor.name),
          partner: firstName(n.t.mentee.name),
          program: n.t.programName,
          org: tenant.name,
          days: n.f.days,
          link: `${config.APP_ORIGIN}/orgs/${tenant.slug}/my`,
          unsubscribe,
        }),
      ),
    ),
    ...(await stillToSend(db, tenant.id, alerts)).map((a) =>
      ruleEmail(context, tenant.id, a.email, (unsubscribe) =>
        fadingAlertEmail(emailLocale(a.c.locale, tenant.defaultLocale), {
          name: a.c.name,
          mentor: firstName(a.t.mentor.name),
          newcomer: firstName(a.t.mentee.name),
          program: a.t.programName,
          org: tenant.name,
          days: a.f.days,
          link: `${config.APP_ORIGIN}/orgs/${tenant.slug}/programs/${a.t.programId}/matches/${a.t.id}`,
          unsubscribe,
        }),
      ),
    ),
  ]
  await writeInBatches(db, statements)
  return statements.length
}
