/**
 * Evidence (issue 13): the coarse cohort attributes figures are broken down by, and the shape of one figure.
 * One definition for anonymous survey answers (which copy a person's cohort at submission), indicators, reports,
 * exports, partner digests and the public page, so all of them group people the same way.
 */
import { AGE_BANDS } from './programs'

/** The smallest number of people a figure that leaves Tandem may count: the default, the floor, a sane ceiling. */
export const MINIMUM_CELL_SIZE = { default: 5, floor: 3, ceiling: 50 } as const

/** The group every value of an attribute falls into when too few people share it, or when it is not known. */
export const OTHER_GROUP = 'other'

export const COHORT_ATTRIBUTES = [
  'role',
  'program',
  'languageGroup',
  'ageBand',
  'gender',
  'arrivalBand',
  'neighborhoodGroup',
] as const
export type CohortAttribute = (typeof COHORT_ATTRIBUTES)[number]

/**
 * Attributes that come from what a person chose to tell us about themselves: used only with their consent to the
 * demographic questions (`demographicsConsentAt`). Role, program and the language group are how a program works.
 */
export const CONSENTED_ATTRIBUTES = [
  'ageBand',
  'gender',
  'arrivalBand',
  'neighborhoodGroup',
] as const satisfies readonly CohortAttribute[]

export const ARRIVAL_BANDS = ['under-2-years', '2-to-4-years', '5-to-9-years', '10-years-or-more'] as const
export type ArrivalBand = (typeof ARRIVAL_BANDS)[number]
export const GENDER_GROUPS = ['woman', 'man', OTHER_GROUP] as const
export type GenderGroup = (typeof GENDER_GROUPS)[number]

/** Years since arrival, in bands; null when unknown or in the future. */
export function arrivalBand(arrivalYear: number | null | undefined, currentYear: number): ArrivalBand | null {
  if (arrivalYear == null || !Number.isInteger(arrivalYear) || arrivalYear > currentYear) return null
  const years = currentYear - arrivalYear
  if (years < 2) return 'under-2-years'
  if (years < 5) return '2-to-4-years'
  if (years < 10) return '5-to-9-years'
  return '10-years-or-more'
}

const WOMAN = [
  'f',
  'female',
  'woman',
  'w',
  'frau',
  'weiblich',
  'mujer',
  'femenino',
  'жінка',
  'жіноча',
  'امرأة',
  'أنثى',
  'انثى',
  'زن',
]
const MAN = [
  'm',
  'male',
  'man',
  'mann',
  'männlich',
  'hombre',
  'masculino',
  'чоловік',
  'чоловіча',
  'رجل',
  'ذكر',
  'مرد',
]

/** Gender as people wrote it (free text, any of our languages), in three coarse groups. */
export function genderGroup(gender: string | null | undefined): GenderGroup | null {
  const word = gender?.trim().toLocaleLowerCase()
  if (!word) return null
  if (WOMAN.includes(word)) return 'woman'
  if (MAN.includes(word)) return 'man'
  return OTHER_GROUP
}

/** The primary language subtag of a locale (`ar-SY` → `ar`). */
export const languageGroup = (locale: string) => locale.split('-')[0]?.toLowerCase() || OTHER_GROUP

/** A neighbourhood as a group key: trimmed, case-folded; null when not given. */
export function neighborhoodGroup(neighborhood: string | null | undefined): string | null {
  const key = neighborhood?.trim().replace(/\s+/g, ' ').toLocaleLowerCase()
  return key ? key : null
}

/** What `cohortOf` reads of a participant row. */
export interface CohortSource {
  role: string
  programId: string
  preferredLocale: string
  neighborhood: string | null
  demographics: { gender?: string; ageBand?: string; arrivalYear?: number } | null
  demographicsConsentAt: Date | number | null
}

export type Cohort = { [A in CohortAttribute]?: string }

/**
 * A person's cohort: the groups they fall into, leaving out what is unknown and, without their consent to the
 * demographic questions, everything they told us about themselves.
 */
export function cohortOf(person: CohortSource, currentYear: number): Cohort {
  const cohort: Cohort = {
    role: person.role,
    program: person.programId,
    languageGroup: languageGroup(person.preferredLocale),
  }
  if (person.demographicsConsentAt == null) return cohort
  const d = person.demographics ?? {}
  const age = d.ageBand && (AGE_BANDS as readonly string[]).includes(d.ageBand) ? d.ageBand : null
  const found: Cohort = {
    ageBand: age ?? undefined,
    gender: genderGroup(d.gender) ?? undefined,
    arrivalBand: arrivalBand(d.arrivalYear, currentYear) ?? undefined,
    neighborhoodGroup: neighborhoodGroup(person.neighborhood) ?? undefined,
  }
  for (const [attribute, value] of Object.entries(found))
    if (value) cohort[attribute as CohortAttribute] = value
  return cohort
}

/**
 * The measure families indicators give, in the order reports show them (parts are `family.part`, e.g. closure
 * reasons; survey figures are `survey.<question>.<baseline|exit>`). The public page may publish any of them.
 */
export const INDICATOR_MEASURES = [
  'applications',
  'waiting',
  'waiting-days',
  'matches-active',
  'matches-new',
  'meetings-per-match',
  'goals-moved',
  'closures',
  'closure-rate',
  'match-length-days',
  'retention-3m',
  'retention-6m',
  'retention-12m',
  'event-attendance',
  'supports-used',
] as const
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number]

/** What a figure is broken down by: a cohort attribute, the approach (one-to-one or group activities), or nothing. */
export const INDICATOR_BREAKDOWNS = ['all', 'approach', ...COHORT_ATTRIBUTES] as const
export type IndicatorBreakdown = (typeof INDICATOR_BREAKDOWNS)[number]

/**
 * One figure as it leaves Tandem (`GET …/indicators`, reports, CSV, digests, the public page): `n` is how many people
 * it counts; a suppressed cell carries neither value nor n.
 */
export interface IndicatorCell {
  group: { by: IndicatorBreakdown; value: string }
  measure: string
  value: number | null
  n: number | null
  suppressed: boolean
}
