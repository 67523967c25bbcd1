import { type Partner, partnerContacts, partners } from '@tandem/db'
import { partnerDigestEmail } from '@tandem/email'
import { lastCompleteMonth } from '@tandem/evidence'
import { DIGEST_HOUR, type PartnerCadence } from '@tandem/vocab'
import { eq, inArray } from 'drizzle-orm'
import { inTenant } from '../../lib/sql'
import type { LocalTime } from '../email/local-time'
import { ruleEmail, stillToSend, writeInBatches } from '../email/rule-email'
import { eachTenantRule } from '../email/scheduler'
import { composeDigest, type Digest } from './digest.service'
import { digestPage } from './digest-link'

/** The cadences due at this local time: weekly on Monday, monthly on the 1st, each from DIGEST_HOUR until the day ends. */
export function dueCadences(local: LocalTime): PartnerCadence[] {
  if (local.hour < DIGEST_HOUR) return []
  const due: PartnerCadence[] = []
  if (local.weekday === 1) due.push('weekly')
  if (local.date.endsWith('-01')) due.push('monthly')
  return due
}

/** The period a digest's key names: the ISO week it is sent in, or the month it shows. */
export const digestPeriod = (cadence: PartnerCadence, local: LocalTime) =>
  cadence === 'weekly' ? local.isoWeek : lastCompleteMonth(local.date)

/** The email of one digest to one person: their name, their own view-online link, their unsubscribe (a contact's). */
export const digestEmail = (digest: Digest, to: { name: string; viewOnline: string; unsubscribe?: string }) =>
  partnerDigestEmail(digest.locale, {
    name: to.name,
    org: digest.organization,
    partner: digest.partner,
    cadence: digest.cadence,
    month: digest.month,
    previousMonth: digest.previousMonth,
    programs: digest.programs,
    minimumCellSize: digest.minimumCellSize,
    figures: digest.figures,
    trends: digest.trends,
    viewOnline: to.viewOnline,
    unsubscribe: to.unsubscribe,
  })

/**
 * Scheduler rule (decisions 024, 037): for each active partner whose cadence is due in its organization's time zone
 * (weekly: Monday from 08:00; monthly: the 1st from 08:00), one digest to each contact in the partner's language,
 * keyed `partner-digest:{tenant}.{contact}:{2026-W50 | 2026-11}`, so a rule run twice sends once. Contacts who
 * unsubscribed get none; the sender holds back addresses on the suppression list (decision 023).
 */
export const partnerDigestRule = eachTenantRule(
  'partner-digest',
  async ({ db, now, config, tenant, local }) => {
    const cadences = dueCadences(local)
    if (cadences.length === 0) return 0
    const due = await db
      .select()
      .from(partners)
      .where(
        inTenant(partners, tenant.id, eq(partners.status, 'active'), inArray(partners.cadence, cadences)),
      )
    if (due.length === 0) return 0
    const contacts = await db
      .select()
      .from(partnerContacts)
      .where(
        inTenant(
          partnerContacts,
          tenant.id,
          inArray(
            partnerContacts.partnerId,
            due.map((p) => p.id),
          ),
        ),
      )
    const byId = new Map<string, Partner>(due.map((p) => [p.id, p]))
    const candidates = contacts.flatMap((contact) => {
      const partner = byId.get(contact.partnerId)
      if (!partner) return []
      return [
        {
          contact,
          partner,
          email: {
            kind: 'partner-digest' as const,
            recipientType: 'contact' as const,
            recipientId: contact.id,
            toAddress: contact.email,
            dedupKey: `partner-digest:${tenant.id}.${contact.id}:${digestPeriod(partner.cadence, local)}`,
          },
        },
      ]
    })
    const toSend = await stillToSend(db, tenant.id, candidates)
    if (toSend.length === 0) return 0
    const month = lastCompleteMonth(local.date)
    const digests = new Map<string, Digest>()
    const statements = []
    for (const { contact, partner, email } of toSend) {
      let digest = digests.get(partner.id)
      if (!digest) {
        digest = await composeDigest(db, tenant, partner, month, now)
        digests.set(partner.id, digest)
      }
      const claim = {
        tenantId: tenant.id,
        partnerId: partner.id,
        recipientType: 'contact' as const,
        recipientId: contact.id,
        month,
      }
      const rendered = digest
      statements.push(
        ruleEmail({ db, config, now }, tenant.id, email, (unsubscribe) =>
          digestEmail(rendered, { name: contact.name, viewOnline: digestPage(config, claim), unsubscribe }),
        ),
      )
    }
    await writeInBatches(db, statements)
    return statements.length
  },
  (local) => dueCadences(local).length > 0,
)
