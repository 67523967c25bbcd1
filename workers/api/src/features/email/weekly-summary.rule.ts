import {
  type Database,
  matches,
  matchProposals,
  memberships,
  participants,
  screenings,
  users,
} from '@tandem/db'
import { emailLocale, hasNews, type WeeklyCounts, weeklySummaryEmail } from '@tandem/email'
import { count, eq, gte, inArray, isNull } from 'drizzle-orm'
import { openEndRequest } from '../../lib/end-requests'
import { inTenant } from '../../lib/sql'
import { expiringChecks, screeningOfParticipant } from '../screening/service'
import { ruleEmail, stillToSend, writeInBatches } from './rule-email'
import { eachTenantRule } from './scheduler'

/** Who gets the weekly summary. */
export const SUMMARY_ROLES = ['owner', 'admin', 'coordinator'] as const
/** Monday (ISO weekday 1) from this local hour until the day ends. */
export const SUMMARY_HOUR = 8

const WEEK_MS = 7 * 86_400_000

/** What is waiting in one organization, over all its programs. */
export async function weeklyCounts(db: Database, tenantId: string, now: Date): Promise<WeeklyCounts> {
  const n = (row: { n: number } | undefined) => row?.n ?? 0
  const [applications, awaitingScreening, proposals, endRequests, expiring] = await Promise.all([
    db
      .select({ n: count() })
      .from(participants)
      .where(
        inTenant(
          participants,
          tenantId,
          eq(participants.source, 'intake'),
          gte(participants.createdAt, new Date(now.getTime() - WEEK_MS)),
        ),
      )
      .get(),
    db
      .select({ n: count() })
      .from(participants)
      .leftJoin(screenings, screeningOfParticipant)
      .where(
        inTenant(
          participants,
          tenantId,
          eq(participants.role, 'mentor'),
          inArray(participants.status, ['applied', 'screening']),
          isNull(screenings.approvedAt),
        ),
      )
      .get(),
    db
      .select({ n: count() })
      .from(matchProposals)
      .where(inTenant(matchProposals, tenantId, eq(matchProposals.status, 'proposed')))
      .get(),
    db.select({ n: count() }).from(matches).where(openEndRequest(tenantId)).get(),
    expiringChecks({ db, tenantId, now, actorId: '' }),
  ])
  return {
    applications: n(applications),
    awaitingScreening: n(awaitingScreening),
    proposals: n(proposals),
    endRequests: n(endRequests),
    expiringChecks: expiring.length,
  }
}

/**
 * Scheduler rule (decision 024): on Monday from 08:00 in each organization's time zone, a summary to each owner,
 * admin and coordinator in their language, keyed `summary.weekly:{tenant}.{user}:{ISO week}`. Nobody gets one
 * when nothing is waiting, nor after turning it off.
 */
export const weeklySummaryRule = eachTenantRule(
  'summary.weekly',
  async ({ control, db, now, config, tenant, local }) => {
    const people = await control
      .select({ userId: users.id, email: users.email, name: users.name, locale: users.locale })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(inTenant(memberships, tenant.id, inArray(memberships.role, [...SUMMARY_ROLES])))
    const candidates = people.map((p) => ({
      p,
      email: {
        kind: 'summary.weekly' as const,
        recipientType: 'member' as const,
        recipientId: p.userId,
        toAddress: p.email,
        dedupKey: `summary.weekly:${tenant.id}.${p.userId}:${local.isoWeek}`,
      },
    }))
    const due = await stillToSend(db, tenant.id, candidates)
    if (due.length === 0) return 0
    const counts = await weeklyCounts(db, tenant.id, now)
    if (!hasNews(counts)) return 0
    const weekOf = local.date // Monday
    const statements = due.map(({ p, email }) =>
      ruleEmail({ db, config, now }, tenant.id, email, (unsubscribe) =>
        weeklySummaryEmail(emailLocale(p.locale, tenant.defaultLocale), {
          name: p.name,
          org: tenant.name,
          weekOf,
          counts,
          link: `${config.APP_ORIGIN}/orgs/${tenant.slug}`,
          unsubscribe,
        }),
      ),
    )
    await writeInBatches(db, statements)
    return statements.length
  },
  (local) => local.weekday === 1 && local.hour >= SUMMARY_HOUR,
)
