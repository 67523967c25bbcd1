import type { ParticipantRole } from '@tandem/vocab'
import type { InferRequestType } from 'hono/client'
import type { LanguageRow } from './language-list'
import type { participantsRoute } from './participant'

/**
 * "Add a participant" without the DOM: the form's values, what is still to be chosen, and the request body.
 * Nothing is pre-selected that would record something the coordinator did not choose (role, language for
 * messages, language levels, a mentor's capacity): those start empty and are required.
 */

export interface EnrollValues {
  role: ParticipantRole | ''
  displayName: string
  email: string
  phone: string
  preferredLocale: string
  languages: LanguageRow[]
  neighborhood: string
  capacity: string
}

type EnrollRequest = InferRequestType<typeof participantsRoute.$post>['json']

export const emptyEnroll = (): EnrollValues => ({
  role: '',
  displayName: '',
  email: '',
  phone: '',
  preferredLocale: '',
  languages: [{ key: 0, code: '', level: '' }],
  neighborhood: '',
  capacity: '',
})

/** The paths of required answers still missing, in the form's order. */
export function missingAnswers(v: EnrollValues): string[] {
  const missing: string[] = []
  if (!v.role) missing.push('role')
  if (!v.displayName.trim()) missing.push('displayName')
  if (!v.preferredLocale) missing.push('preferredLocale')
  v.languages.forEach((row, i) => {
    if (!row.code) missing.push(`languages.${i}.code`)
    if (!row.level) missing.push(`languages.${i}.level`)
  })
  if (v.role === 'mentor' && !v.capacity) missing.push('capacity')
  return missing
}

/** The body of `POST …/participants`, or null while a required answer is missing. */
export function enrollBody(v: EnrollValues): EnrollRequest | null {
  const languages = v.languages.flatMap(({ code, level }) => (code && level ? [{ code, level }] : []))
  if (!v.role || missingAnswers(v).length > 0) return null
  return {
    role: v.role,
    displayName: v.displayName.trim(),
    email: v.email.trim() || null,
    phone: v.phone.trim() || null,
    preferredLocale: v.preferredLocale,
    languages,
    neighborhood: v.neighborhood.trim() || null,
    ...(v.role === 'mentor' ? { capacity: Number(v.capacity) } : {}),
  }
}
