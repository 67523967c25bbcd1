import {
  type Database,
  memberships,
  type Partner,
  partnerContacts,
  partners,
  programs,
  type Tenant,
  tenants,
} from '@tandem/db'
import type { DigestFigure, DigestTrend, DigestValue } from '@tandem/email'
import { effectiveMinimum, previousMonth } from '@tandem/evidence'
import type { Locale } from '@tandem/i18n'
import {
  can,
  DIGEST_LINES,
  type DigestLine,
  SURVEY_KINDS,
  SURVEY_TEMPLATES,
  type SurveyKind,
  translated,
} from '@tandem/vocab'
import { eq, inArray } from 'drizzle-orm'
import { inTenant, tenantRow } from '../../lib/sql'
import { indicatorCells } from '../indicators/service'
import type { DigestClaim } from './digest-link'

/**
 * What a partner digest shows (decision 037). Every figure comes from the indicators service, suppressed there by
 * the one suppression module (decision 036): this file only picks cells, it never counts or suppresses anything.
 * Figures are whole months (the grid): the latest month that has ended and the month before it, for the partner's
 * programs, the `all` group only (no breakdown reaches a partner).
 */

/** The indicators measure each line of the digest shows. */
export const DIGEST_MEASURES: Record<DigestLine, string> = {
  activeMatches: 'matches-active',
  newMatches: 'matches-new',
  meetingsPerMatch: 'meetings-per-match',
  goalsMoved: 'goals-moved',
  eventAttendance: 'event-attendance',
}

/** Survey indicators (the surveys' provider) are measures `survey.{question code}.{survey kind}`. */
export const SURVEY_MEASURE_PREFIX = 'survey.'

/** Which survey a figure comes from, in the digest's language. */
const SURVEY_KIND_WORDS: Record<Locale, Record<SurveyKind, string>> = {
  en: { baseline: 'at the start', midpoint: 'halfway', exit: 'at the end', pulse: 'pulse survey' },
  ar: { baseline: 'في البداية', midpoint: 'في المنتصف', exit: 'في النهاية', pulse: 'استبيان سريع' },
  de: { baseline: 'zu Beginn', midpoint: 'zur Halbzeit', exit: 'zum Ende', pulse: 'Kurzumfrage' },
  uk: { baseline: 'на початку', midpoint: 'посередині', exit: 'наприкінці', pulse: 'швидке опитування' },
  fa: { baseline: 'در آغاز', midpoint: 'در میانه', exit: 'در پایان', pulse: 'نظرسنجی کوتاه' },
  es: { baseline: 'al inicio', midpoint: 'a mitad', exit: 'al final', pulse: 'encuesta breve' },
}

/** A survey measure's name: the shipped question's text in `locale` and which survey; else the code. */
export function surveyMeasureLabel(measure: string, locale: Locale): string {
  const rest = measure.slice(SURVEY_MEASURE_PREFIX.length)
  const kind = SURVEY_KINDS.find((k) => rest.endsWith(`.${k}`))
  const code = kind ? rest.slice(0, -kind.length - 1) : rest
  const question = Object.values(SURVEY_TEMPLATES)
    .flatMap((t) => t.questions)
    .find((q) => q.code === code)
  const text = question ? translated(question.text, locale) : code
  return kind ? `${text} (${SURVEY_KIND_WORDS[locale][kind]})` : text
}

export interface Digest {
  organization: string
  partner: string
  locale: Locale
  cadence: Partner['cadence']
  month: string
  previousMonth: string
  /** Names of the programs in scope; empty: all of them. */
  programs: string[]
  minimumCellSize: number
  figures: DigestFigure[]
  trends: DigestTrend[]
}

/** A cell the service did not publish is "not shown", like a suppressed one: nothing is made up here. */
const NOT_SHOWN: DigestValue = { value: null, suppressed: true }

export async function composeDigest(
  db: Database,
  tenant: Pick<Tenant, 'id' | 'name' | 'timezone' | 'minimumCellSize'>,
  partner: Pick<Partner, 'name' | 'locale' | 'cadence' | 'programIds'>,
  month: string,
  now: Date,
): Promise<Digest> {
  const before = previousMonth(month)
  const cells = await indicatorCells(
    db,
    tenant,
    { programIds: partner.programIds, from: before, to: month, by: 'all' },
    now,
  )
  const value = (measure: string, period: string): DigestValue => {
    const cell = cells.find((c) => c.group.by === 'all' && c.measure === measure && c.period === period)
    if (!cell) return NOT_SHOWN
    return cell.suppressed ? NOT_SHOWN : { value: cell.value, suppressed: false }
  }
  const surveyMeasures = [
    ...new Set(cells.filter((c) => c.measure.startsWith(SURVEY_MEASURE_PREFIX)).map((c) => c.measure)),
  ]
  const names = partner.programIds?.length
    ? await db
        .select({ id: programs.id, name: programs.name })
        .from(programs)
        .where(inTenant(programs, tenant.id, inArray(programs.id, partner.programIds)))
    : []
  return {
    organization: tenant.name,
    partner: partner.name,
    locale: partner.locale as Locale,
    cadence: partner.cadence,
    month,
    previousMonth: before,
    programs: names.map((p) => p.name).sort((a, b) => a.localeCompare(b)),
    minimumCellSize: effectiveMinimum(tenant.minimumCellSize),
    figures: DIGEST_LINES.map((line) => ({
      line,
      previous: value(DIGEST_MEASURES[line], before),
      latest: value(DIGEST_MEASURES[line], month),
    })),
    trends: surveyMeasures.map((measure) => ({
      label: surveyMeasureLabel(measure, partner.locale as Locale),
      previous: value(measure, before),
      latest: value(measure, month),
    })),
  }
}

/**
 * The digest a signed link names (decision 037), or null when the link names nothing that still exists: the
 * organization, the partner in it, and the person it was sent to (a contact of that partner, or a member of the
 * organization who may see partners, for a preview). Reading it changes nothing.
 */
export async function digestOfLink(
  control: Database,
  tdbFor: (t: { id: string; placement: string }) => Promise<Database>,
  claim: DigestClaim,
  now: Date,
): Promise<Digest | null> {
  const tenant = await control.select().from(tenants).where(eq(tenants.id, claim.tenantId)).get()
  if (!tenant) return null
  const db = await tdbFor(tenant)
  const partner = await db
    .select()
    .from(partners)
    .where(tenantRow(partners, tenant.id, claim.partnerId))
    .get()
  if (!partner) return null
  const recipient =
    claim.recipientType === 'contact'
      ? await db
          .select({ id: partnerContacts.id })
          .from(partnerContacts)
          .where(
            tenantRow(
              partnerContacts,
              tenant.id,
              claim.recipientId,
              eq(partnerContacts.partnerId, partner.id),
            ),
          )
          .get()
      : await control
          .select({ id: memberships.id, role: memberships.role })
          .from(memberships)
          .where(inTenant(memberships, tenant.id, eq(memberships.userId, claim.recipientId)))
          .get()
          .then((m) => (m && can(m.role, 'partners:read') ? m : undefined))
  if (!recipient) return null
  return composeDigest(db, tenant, partner, claim.month, now)
}
