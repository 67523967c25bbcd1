import {
  ACCESS_NEEDS,
  type CefrLevel,
  CONTACT_CHANNELS,
  type ContactChannel,
  PHONE_CHANNELS,
  SETTLEMENT_NEEDS,
} from '@tandem/vocab'
import type { InferRequestType } from 'hono/client'
import type { Translate } from '../../i18n/types'
import type { FieldError } from '../../lib/api'
import { type Answer, v1 } from '../../lib/client'
import { fieldErrorMessage } from '../../lib/errors'
import { type PlainKey, prefixed } from '../../lib/labels'
import { languageRowPaths } from '../../lib/lists'
import { asciiDigits } from '../../lib/text'

/** Whether a code is one of a list (the options the form offered came from it). */
const among =
  <T extends string>(list: readonly T[]) =>
  (code: string): code is T =>
    list.some((item) => item === code)

/** The public application form: its API shape, the answers, their checks and the request body (no DOM). */

/** `GET /api/v1/public/programs/{org}/{program}/intake?locale=`: the form as the API answers it. */
export const intakeRoute = v1.public.programs[':org'][':program'].intake
export type IntakeForm = Answer<typeof intakeRoute.$get>
type IntakeRequest = InferRequestType<typeof intakeRoute.$post>['json']

/** Languages people often speak in our programs, offered besides the program's own. */
export const COMMON_LANGUAGES = [
  'ar',
  'fa',
  'prs',
  'ps',
  'uk',
  'ru',
  'ku',
  'tr',
  'ti',
  'so',
  'es',
  'fr',
  'en',
  'de',
]

/** The levels the form offers, in plain words; C2 is folded into "very well". */
export const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'native'] as const satisfies readonly CefrLevel[]
export const intakeLevelLabel = prefixed('intake.level', LEVELS)

export interface LanguageAnswer {
  key: number
  code: string
  level: CefrLevel | ''
}

export interface Answers {
  role: 'mentee' | 'mentor' | ''
  displayName: string
  email: string
  phone: string
  /** How the person prefers to be reached ('' = not said); asked with the phone question. */
  contactPreference: ContactChannel | ''
  languages: LanguageAnswer[]
  wantsInterpretation: boolean
  interests: string[]
  neighborhood: string
  capacity: string
  sector: string
  availability: string[]
  location: { lat: number; lon: number } | null
  settlementNeeds: string[]
  accessNeeds: string[]
  demographicsConsent: boolean
  ageBand: string
  gender: string
  arrivalYear: string
  regionOfOrigin: string
  consent: boolean
  website: string
}

export const NO_ANSWERS: Answers = {
  role: '',
  displayName: '',
  email: '',
  phone: '',
  contactPreference: '',
  languages: [{ key: 0, code: '', level: '' }],
  wantsInterpretation: false,
  interests: [],
  neighborhood: '',
  capacity: '1',
  sector: '',
  availability: [],
  location: null,
  settlementNeeds: [],
  accessNeeds: [],
  demographicsConsent: false,
  ageBand: '',
  gender: '',
  arrivalYear: '',
  regionOfOrigin: '',
  consent: false,
  website: '',
}

/**
 * The form's steps, in order, and the answers each asks for (as API field paths, list positions left out):
 * about you, how to reach you, languages and what you like, needs and the agreement.
 */
export const STEPS = [
  { key: 'intake.step.you', paths: ['role', 'displayName', 'capacity'] },
  { key: 'intake.step.contact', paths: ['email', 'phone', 'contactPreference'] },
  {
    key: 'intake.step.languages',
    paths: [
      'languages',
      'wantsInterpretation',
      'interests',
      'neighborhood',
      'sector',
      'availability',
      'location',
    ],
  },
  {
    key: 'intake.step.needs',
    paths: ['settlementNeeds', 'accessNeeds', 'demographics', 'demographicsConsent', 'consent'],
  },
] as const satisfies readonly { key: PlainKey; paths: readonly string[] }[]

/** Every field path the API may name (the steps' answers, each language row, the questions about the person), so
 *  that its errors sit at their questions. */
export const intakePaths = (answers: Pick<Answers, 'languages'>) => [
  ...STEPS.flatMap((step) => step.paths),
  ...languageRowPaths(answers.languages),
  'demographics.ageBand',
  'demographics.gender',
  'demographics.arrivalYear',
  'demographics.regionOfOrigin',
]

/** The step that asks for the answer at `path` (`languages.1.code` → the languages step); the last one if none does. */
export function stepOf(path: string): number {
  const head = path.split('.')[0] ?? ''
  const index = STEPS.findIndex((step) => (step.paths as readonly string[]).includes(head))
  return index === -1 ? STEPS.length - 1 : index
}

/** The first step with one of these answers wrong, or null. */
export function firstStepOf(paths: readonly string[]): number | null {
  return paths.length === 0 ? null : Math.min(...paths.map(stepOf))
}

const given = (text: string) => text.trim() !== ''

/**
 * Plain checks before sending (the API checks everything again): message keys by field path. A way to reach the
 * person is needed: the email address, or, where the form asks for one, a phone number; and the one the way
 * they prefer to be reached needs.
 */
export function checkAnswers(answers: Answers, asksPhone: boolean): Record<string, PlainKey> {
  const found: Record<string, PlainKey> = {}
  if (!answers.role) found.role = 'intake.error.role'
  if (!answers.displayName.trim()) found.displayName = 'intake.error.name'
  const email = given(answers.email)
  const phone = asksPhone && given(answers.phone)
  if (!asksPhone) {
    if (!email) found.email = 'intake.error.emailRequired'
  } else if (!email && !phone) {
    found.email = 'intake.error.contactRequired'
    found.phone = 'intake.error.contactRequired'
  } else if (answers.contactPreference === 'email' && !email) {
    found.email = 'intake.error.emailRequired'
  } else if (PHONE_CHANNELS.some((channel) => channel === answers.contactPreference) && !phone) {
    found.phone = 'intake.error.phoneRequired'
  }
  answers.languages.forEach((row, i) => {
    if (!row.code) found[`languages.${i}.code`] = 'intake.error.languageCode'
    if (!row.level) found[`languages.${i}.level`] = 'intake.error.level'
  })
  if (!answers.consent) found.consent = 'intake.error.consent'
  return found
}

/** The checks of one step only (the answers it asks for). */
export function checkStep(answers: Answers, asksPhone: boolean, step: number): Record<string, PlainKey> {
  return Object.fromEntries(
    Object.entries(checkAnswers(answers, asksPhone)).filter(([path]) => stepOf(path) === step),
  )
}

/** The body of `POST …/intake`. Questions the program did not switch on are left out (the API refuses answers to them). */
export function intakeBody(form: IntakeForm, a: Answers, preferredLocale: string): IntakeRequest | null {
  const { role } = a
  const languages = a.languages.flatMap(({ code, level }) => (level ? [{ code, level }] : []))
  // checkAnswers() asked for these first; without them there is nothing to send.
  if (!role || !a.consent || languages.length < a.languages.length) return null
  const f = form.fields
  const demographics: Record<string, string | number> = {}
  if (a.ageBand) demographics.ageBand = a.ageBand
  if (a.gender.trim()) demographics.gender = a.gender.trim()
  if (a.arrivalYear.trim()) demographics.arrivalYear = Number(asciiDigits(a.arrivalYear.trim()))
  if (a.regionOfOrigin.trim()) demographics.regionOfOrigin = a.regionOfOrigin.trim()
  return {
    role,
    locale: form.locale,
    preferredLocale,
    consent: { version: form.consent.version, accepted: true },
    website: a.website,
    displayName: a.displayName.trim(),
    email: a.email.trim() || null,
    languages,
    wantsInterpretation: a.wantsInterpretation,
    ...(form.program.interests.length > 0 ? { interests: a.interests } : {}),
    neighborhood: a.neighborhood.trim() || null,
    ...(a.role === 'mentor' ? { capacity: Number(a.capacity) } : {}),
    ...(f.phone
      ? {
          phone: a.phone.trim() || null,
          contactPreference: among(CONTACT_CHANNELS)(a.contactPreference) ? a.contactPreference : null,
        }
      : {}),
    ...(f.sector ? { sector: a.sector.trim() || null } : {}),
    ...(f.availability ? { availability: a.availability } : {}),
    ...(f.location ? { location: a.location } : {}),
    ...(f.settlementNeeds ? { settlementNeeds: a.settlementNeeds.filter(among(SETTLEMENT_NEEDS)) } : {}),
    ...(f.accessNeeds ? { accessNeeds: a.accessNeeds.filter(among(ACCESS_NEEDS)) } : {}),
    ...(f.demographics
      ? {
          demographicsConsent: a.demographicsConsent,
          demographics: a.demographicsConsent && Object.keys(demographics).length > 0 ? demographics : null,
        }
      : {}),
  }
}

const SPECIFIC: Record<string, PlainKey> = {
  'role:required': 'intake.error.role',
  'role:one-of': 'intake.error.role',
  'displayName:required': 'intake.error.name',
  'email:required': 'intake.error.emailRequired',
  'email:not-an-email': 'intake.error.email',
  'email:contact-required': 'intake.error.contactRequired',
  'phone:contact-required': 'intake.error.contactRequired',
  'phone:not-a-phone': 'intake.error.phone',
  'phone:required': 'intake.error.phoneRequired',
  'languages:required': 'intake.error.languages',
  'languages:duplicate': 'intake.error.languagesTwice',
  'languages.code:required': 'intake.error.languageCode',
  'languages.code:not-a-language': 'intake.error.languageCode',
  'languages.level:required': 'intake.error.level',
  'languages.level:one-of': 'intake.error.level',
  'consent.accepted:required': 'intake.error.consent',
  'consent.accepted:must-agree': 'intake.error.consent',
  'consent:required': 'intake.error.consent',
}

/** The intake form's plainer words for newcomers, where it has them; every other code reads as anywhere else. */
const GENERIC: Record<string, PlainKey> = {
  required: 'intake.error.required',
  invalid: 'intake.error.invalid',
  'bad-format': 'intake.error.invalid',
  'too-long': 'intake.error.tooLong',
  'too-many': 'intake.error.tooMany',
  duplicate: 'intake.error.duplicate',
  'one-of': 'intake.error.notInList',
  'unknown-field': 'intake.error.notAsked',
  'needs-consent': 'intake.error.needsConsent',
  'contact-required': 'intake.error.contactRequired',
  'consent-changed': 'intake.error.consentChanged',
}

/** The translated sentence for an intake field error, from its path and `code`; the API's English otherwise. */
export function intakeMessage(t: Translate, error: FieldError): string {
  const field = error.path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.')
  const key = error.code ? (SPECIFIC[`${field}:${error.code}`] ?? GENERIC[error.code]) : undefined
  return key ? t(key) : fieldErrorMessage(t, error)
}

/** "18-25" → "18 to 25", "under-18", "over-65" in words; anything else as is. */
export function ageLabel(t: Translate, band: string): string {
  const m = /^(\d+)-(\d+)$/.exec(band)
  if (m) return t('intake.ageRange', { from: Number(m[1]), to: Number(m[2]) })
  if (band === 'under-18') return t('intake.ageUnder', { age: 18 })
  const over = /^over-(\d+)$/.exec(band)
  if (over) return t('intake.ageOver', { age: Number(over[1]) })
  return band
}
