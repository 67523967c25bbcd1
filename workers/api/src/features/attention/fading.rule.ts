import { type Database, memberships, outbox, type Tenant, users } from '@tandem/db'
import { emailLocale, fadingAlertEmail, nudgeEmail } from '@tandem/email'
import { eq, inArray } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { firstName } from '../../lib/participant-events'
import { inIds, inTenant } from '../../lib/sql'
import { localTime } from '../email/local-time'
import { scheduleKeyedEmail } from '../email/outbox.service'
import { optedOut } from '../email/preferences.service'
import { eachTenantRule, type RuleContext } from '../email/scheduler'
import { unsubscribeFor } from '../email/unsubscribe'
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
export const fadingRule = eachTenantRule('nudge', ({ control, db, now, config }, tenant) =>
  scheduleFading(control, db, tenant, now, config),
)

export async function scheduleFading(
  control: Database,
  db: Database,
  tenant: Tenant,
  now: Date,
  config: RuleContext['config'],
): Promise<number> {
  if (localTime(now, tenant.timezone).hour !== FADING_HOUR) return 0
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
  const nudges = fading
    .filter((x) => x.t.mentor.email !== null)
    .map((x) => ({ ...x, key: nudgeKey(x.t.id, x.f.since) }))
  const alerts = alerting.flatMap((x) =>
    coordinators.map((c) => ({ ...x, c, key: fadingAlertKey(x.t.id, c.userId, x.f.since) })),
  )
  const keys = [...nudges.map((n) => n.key), ...alerts.map((a) => a.key)]
  if (keys.length === 0) return 0
  const sent = new Set(
    (await db.select({ key: outbox.dedupKey }).from(outbox).where(inIds(outbox.dedupKey, keys))).map(
      (r) => r.key,
    ),
  )
  const [mentorsOff, staffOff] = await Promise.all([
    optedOut(
      db,
      tenant.id,
      'participant',
      'nudge',
      nudges.map((n) => n.t.mentor.id),
    ),
    optedOut(
      db,
      tenant.id,
      'member',
      'fading-alert',
      coordinators.map((c) => c.userId),
    ),
  ])
  const statements: BatchItem<'sqlite'>[] = []
  for (const n of nudges) {
    const to = n.t.mentor.email
    if (!to || sent.has(n.key) || mentorsOff.has(n.t.mentor.id)) continue
    const unsubscribe = unsubscribeFor(config, {
      tenantId: tenant.id,
      recipientType: 'participant',
      recipientId: n.t.mentor.id,
      kind: 'nudge',
    })
    const mail = nudgeEmail(emailLocale(n.t.mentor.locale, tenant.defaultLocale), {
      name: firstName(n.t.mentor.name),
      partner: firstName(n.t.mentee.name),
      program: n.t.programName,
      org: tenant.name,
      days: n.f.days,
      link: `${config.APP_ORIGIN}/orgs/${tenant.slug}/my`,
      unsubscribe: unsubscribe.page,
    })
    statements.push(
      scheduleKeyedEmail(db, {
        tenantId: tenant.id,
        kind: 'nudge',
        dedupKey: n.key,
        toAddress: to,
        ...mail,
        headers: unsubscribe.headers,
        dueAt: now,
      }),
    )
  }
  for (const a of alerts) {
    if (sent.has(a.key) || staffOff.has(a.c.userId)) continue
    const unsubscribe = unsubscribeFor(config, {
      tenantId: tenant.id,
      recipientType: 'member',
      recipientId: a.c.userId,
      kind: 'fading-alert',
    })
    const mail = fadingAlertEmail(emailLocale(a.c.locale, tenant.defaultLocale), {
      name: a.c.name,
      mentor: firstName(a.t.mentor.name),
      newcomer: firstName(a.t.mentee.name),
      program: a.t.programName,
      org: tenant.name,
      days: a.f.days,
      link: `${config.APP_ORIGIN}/orgs/${tenant.slug}/programs/${a.t.programId}/matches/${a.t.id}`,
      unsubscribe: unsubscribe.page,
    })
    statements.push(
      scheduleKeyedEmail(db, {
        tenantId: tenant.id,
        kind: 'fading-alert',
        dedupKey: a.key,
        toAddress: a.c.email,
        ...mail,
        headers: unsubscribe.headers,
        dueAt: now,
      }),
    )
  }
  for (let i = 0; i < statements.length; i += 100) {
    const [first, ...rest] = statements.slice(i, i + 100)
    if (first) await db.batch([first, ...rest])
  }
  return statements.length
}
