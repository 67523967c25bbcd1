import { ACCESS_NEEDS, DAY_PARTS, DAYS, SETTLEMENT_NEEDS } from '@tandem/vocab'
import type { InferRequestType } from 'hono/client'
import { ApiError } from '../../lib/api'
import type { LanguageRow } from './language-list'
import type { ParticipantDetail, participantRoute } from './participant'

/** The profile's edit form without the DOM: its values from a participant, and the change to send. */

export interface ProfileValues {
  displayName: string
  email: string
  phone: string
  preferredLocale: string
  languages: LanguageRow[]
  wantsInterpretation: boolean
  interests: string[]
  sector: string
  availability: string[]
  neighborhood: string
  settlementNeeds: string[]
  accessNeeds: string[]
  capacity: string
}

export type ProfileChange = InferRequestType<typeof participantRoute.$patch>['json']

/** The form's paths, for field errors (a language row's are `languages.<i>.code` / `.level`). */
export const PROFILE_PATHS = [
  'displayName',
  'email',
  'phone',
  'preferredLocale',
  'languages',
  'wantsInterpretation',
  'interests',
  'sector',
  'availability',
  'neighborhood',
  'settlementNeeds',
  'accessNeeds',
  'capacity',
] as const

export function profileValues(p: ParticipantDetail): ProfileValues {
  return {
    displayName: p.displayName,
    email: p.email ?? '',
    phone: p.phone ?? '',
    preferredLocale: p.preferredLocale,
    languages: p.languages.map((skill, key) => ({ key, ...skill })),
    wantsInterpretation: p.wantsInterpretation,
    interests: [...p.interests],
    sector: p.sector ?? '',
    availability: [...p.availability],
    neighborhood: p.neighborhood ?? '',
    settlementNeeds: [...p.settlementNeeds],
    accessNeeds: [...p.accessNeeds],
    capacity: String(p.capacity),
  }
}

/** The paths of required answers left empty. */
export function missingProfile(v: ProfileValues): string[] {
  const missing: string[] = []
  if (!v.displayName.trim()) missing.push('displayName')
  if (!v.preferredLocale) missing.push('preferredLocale')
  v.languages.forEach((row, i) => {
    if (!row.code) missing.push(`languages.${i}.code`)
    if (!row.level) missing.push(`languages.${i}.level`)
  })
  return missing
}

/** Whether a code is one of a list (the boxes the form offered came from it). */
const among =
  <T extends string>(list: readonly T[]) =>
  (code: string): code is T =>
    list.some((item) => item === code)

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x))

/** Text fields: trimmed, and empty is "none" (null) where the API allows none. */
const orNull = (text: string) => text.trim() || null

/**
 * The `PATCH` body: only what changed (so the history names exactly those fields); `{}` when nothing did.
 * Call it once `missingProfile()` is empty.
 */
export function profileChanges(p: ParticipantDetail, v: ProfileValues): ProfileChange {
  const change: ProfileChange = {}
  if (v.displayName.trim() !== p.displayName) change.displayName = v.displayName.trim()
  if (orNull(v.email) !== p.email) change.email = orNull(v.email)
  if (orNull(v.phone) !== p.phone) change.phone = orNull(v.phone)
  if (v.preferredLocale !== p.preferredLocale) change.preferredLocale = v.preferredLocale
  const languages = v.languages.flatMap(({ code, level }) => (code && level ? [{ code, level }] : []))
  const before = p.languages.map(({ code, level }) => ({ code, level }))
  if (JSON.stringify(languages) !== JSON.stringify(before)) change.languages = languages
  if (v.wantsInterpretation !== p.wantsInterpretation) change.wantsInterpretation = v.wantsInterpretation
  if (!sameSet(v.interests, p.interests)) change.interests = v.interests
  if (orNull(v.sector) !== p.sector) change.sector = orNull(v.sector)
  if (!sameSet(v.availability, p.availability)) change.availability = slotOrder(v.availability)
  if (orNull(v.neighborhood) !== p.neighborhood) change.neighborhood = orNull(v.neighborhood)
  if (!sameSet(v.settlementNeeds, p.settlementNeeds))
    change.settlementNeeds = v.settlementNeeds.filter(among(SETTLEMENT_NEEDS))
  if (!sameSet(v.accessNeeds, p.accessNeeds)) change.accessNeeds = v.accessNeeds.filter(among(ACCESS_NEEDS))
  if (p.role === 'mentor' && Number(v.capacity) !== p.capacity) change.capacity = Number(v.capacity)
  return change
}

/** Weekly slots in week order (Monday morning first), whatever order they were ticked in. */
export function slotOrder(slots: readonly string[]): string[] {
  const all = DAYS.flatMap((day) => DAY_PARTS.map((part) => `${day}-${part}`))
  return [...slots].sort((a, b) => all.indexOf(a) - all.indexOf(b))
}

/**
 * Required answers missing before anything is sent, as the problem the API would answer: `useSubmit` puts each
 * message on its field and focuses the first.
 */
export const missingError = (paths: readonly string[], message: string) =>
  new ApiError({
    type: 'about:blank',
    title: message,
    status: 400,
    errors: paths.map((path) => ({ location: 'body', path, message })),
  })
