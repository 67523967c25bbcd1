import { DAY_PARTS, DAYS } from './programs'

/**
 * Program vocabularies are codes a coordinator chooses (`football`, `health_care`, a training module's id); people
 * see them as words in their language. Common codes ship with a name in every language of the web client
 * (`topic.<code>` in its catalogs); a program names its own codes per language in its settings (`labels`), and a
 * code nobody named reads as itself in words (`humanizeCode`).
 */

/** Codes that ship with a name in every language: interests and goal areas programs often use. */
export const COMMON_TOPICS = [
  'art',
  'basketball',
  'career',
  'chess',
  'children',
  'civic_life',
  'cooking',
  'crafts',
  'culture',
  'cycling',
  'dance',
  'documents',
  'education',
  'family',
  'films',
  'finances',
  'football',
  'games',
  'gardening',
  'health',
  'health_care',
  'hiking',
  'history',
  'housing',
  'it',
  'jobs',
  'language',
  'leadership',
  'music',
  'nature',
  'papers',
  'parenting',
  'photography',
  'reading',
  'school',
  'science',
  'social_ties',
  'sports',
  'swimming',
  'technology',
  'theatre',
  'travel',
  'volunteering',
  'work',
  'writing',
  'yoga',
] as const
export type CommonTopic = (typeof COMMON_TOPICS)[number]

/** The program vocabularies a coordinator can name per language (`programs.labels`). */
export const LABELLED_VOCABULARIES = ['interests', 'goalAreas', 'trainingModules'] as const
export type LabelledVocabulary = (typeof LABELLED_VOCABULARIES)[number]

/** Names per code and language: `{ football: { ar: 'كرة القدم' } }`. */
export type CodeLabels = Record<string, Record<string, string>>
/** A program's own names for its codes, per vocabulary. */
export type ProgramLabels = Partial<Record<LabelledVocabulary, CodeLabels>>

/** The longest name a program may give a code. */
export const MAX_LABEL_LENGTH = 80

/** A code nobody named, in words: `health_care` → "Health care". */
export function humanizeCode(code: string): string {
  const words = code.replace(/[-_]+/g, ' ').trim()
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : code
}

type Day = (typeof DAYS)[number]
type DayPart = (typeof DAY_PARTS)[number]

/** An availability slot's day and part (`mon-pm`), or null for something that is not a slot. */
export function parseSlot(slot: string): { day: Day; part: DayPart } | null {
  const [day, part, ...rest] = slot.split('-')
  if (rest.length > 0) return null
  const d = DAYS.find((x) => x === day)
  const p = DAY_PARTS.find((x) => x === part)
  return d && p ? { day: d, part: p } : null
}
