import { CONTACT_CHANNELS } from '@tandem/vocab'
import { type Answers, type LanguageAnswer, LEVELS, NO_ANSWERS, STEPS } from './intake'

/**
 * The answers typed so far, kept on the device (localStorage) until the form is sent, so a reload, a dropped
 * connection or a phone that closes the tab loses nothing. Cleared after sending, or when the person says so.
 *
 * Only everyday answers are kept. Never kept: what the person needs help with (settlement and access needs can
 * reveal health or residence matters), their location, the questions about them (age, gender, origin, year of
 * arrival), the agreement (read and ticked afresh) and the hidden honeypot. The form says so.
 */

/** The answers that are kept; everything else starts empty after a reload. */
export const KEPT = [
  'role',
  'displayName',
  'email',
  'phone',
  'contactPreference',
  'languages',
  'wantsInterpretation',
  'interests',
  'neighborhood',
  'capacity',
  'sector',
  'availability',
] as const satisfies readonly (keyof Answers)[]

type Kept = Pick<Answers, (typeof KEPT)[number]>

export interface Draft {
  answers: Answers
  step: number
}

/** A draft older than this is dropped: a shared phone does not keep someone's answers for long. */
export const DRAFT_MAX_AGE_MS = 7 * 86_400_000

const PREFIX = 'tandem.intake.'
export const draftKey = (org: string, program: string) => `${PREFIX}${org}/${program}`

const isString = (value: unknown): value is string => typeof value === 'string'
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter(isString) : [])
const among = <T extends string>(list: readonly T[], value: unknown): value is T =>
  list.some((item) => item === value)

/** The kept answers, each checked for its shape: a draft from an older version or edited by hand is never trusted. */
function readAnswers(raw: Record<string, unknown>): Kept {
  const text = (key: keyof Kept, max: number) =>
    isString(raw[key]) ? (raw[key] as string).slice(0, max) : ''
  const rows = Array.isArray(raw.languages) ? raw.languages.slice(0, 12) : []
  const languages: LanguageAnswer[] = rows.flatMap((row, key) => {
    if (typeof row !== 'object' || row === null) return []
    const { code, level } = row as Record<string, unknown>
    return [
      {
        key,
        code: isString(code) ? code.slice(0, 12) : '',
        level: among(LEVELS, level) ? level : '',
      },
    ]
  })
  return {
    role: raw.role === 'mentee' || raw.role === 'mentor' ? raw.role : '',
    displayName: text('displayName', 120),
    email: text('email', 254),
    phone: text('phone', 40),
    contactPreference: among(CONTACT_CHANNELS, raw.contactPreference) ? raw.contactPreference : '',
    languages: languages.length > 0 ? languages : NO_ANSWERS.languages,
    wantsInterpretation: raw.wantsInterpretation === true,
    interests: strings(raw.interests).slice(0, 30),
    neighborhood: text('neighborhood', 80),
    capacity: ['1', '2', '3'].includes(String(raw.capacity)) ? String(raw.capacity) : NO_ANSWERS.capacity,
    sector: text('sector', 80),
    availability: strings(raw.availability).slice(0, 21),
  }
}

/** The draft kept for this form, if there is a fresh one. */
export function loadDraft(key: string, now = Date.now()): Draft | null {
  try {
    const stored = localStorage.getItem(key)
    if (!stored) return null
    const parsed: unknown = JSON.parse(stored)
    if (typeof parsed !== 'object' || parsed === null) return null
    const { savedAt, step, answers } = parsed as Record<string, unknown>
    if (typeof savedAt !== 'number' || now - savedAt > DRAFT_MAX_AGE_MS || savedAt > now + 60_000) {
      localStorage.removeItem(key)
      return null
    }
    if (typeof answers !== 'object' || answers === null) return null
    const at = typeof step === 'number' && Number.isInteger(step) ? step : 0
    return {
      answers: { ...NO_ANSWERS, ...readAnswers(answers as Record<string, unknown>) },
      step: Math.min(Math.max(at, 0), STEPS.length - 1),
    }
  } catch {
    return null // storage disabled (privacy mode, some embedded browsers) or a broken entry
  }
}

/** Keeps the everyday answers and the step; nothing sensitive (see `KEPT`). */
export function saveDraft(key: string, answers: Answers, step: number, now = Date.now()): void {
  const kept = Object.fromEntries(KEPT.map((name) => [name, answers[name]]))
  try {
    localStorage.setItem(key, JSON.stringify({ savedAt: now, step, answers: kept }))
  } catch {
    // Full or disabled storage: the form still works, only a reload loses the answers.
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(key)
  } catch {
    // Nothing was kept.
  }
}

/** Whether the answers hold anything worth keeping (an untouched form leaves nothing on the device). */
export const hasAnswers = (answers: Answers) =>
  KEPT.some((name) => JSON.stringify(answers[name]) !== JSON.stringify(NO_ANSWERS[name]))
