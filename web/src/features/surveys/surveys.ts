import { closedLinkBy, readOneTimeLink } from '../../kit/use-token-link'
import { type Answer, ok, v1 } from '../../lib/client'

/**
 * Surveys (decision 035) as the web client sees them: the typed routes, the survey link's states, and the form's
 * values — kept only in memory, turned into the answers the API takes.
 */
export const programSurveysRoute = v1.orgs[':org'].programs[':program'].surveys
export const surveyRoute = v1.orgs[':org'].surveys[':survey']
export const templatesRoute = v1.orgs[':org']['survey-templates']
export const surveyLinkRoute = v1['survey-invitations'][':token']

export type SurveyItem = Answer<typeof programSurveysRoute.$get>['items'][number]
export type SurveyDetail = Answer<typeof surveyRoute.$get>
export type SurveyForm = Answer<typeof surveyLinkRoute.$get>
export type SurveyQuestion = SurveyForm['questions'][number]

/** A survey link's problem as the state that closes it (used, expired, unknown), or null for any other. */
export const closedSurveyOf = closedLinkBy({ used: 'survey-invitation-used', conflictIsUsed: true })

/** Reads the survey (GET: changes nothing); a used, expired or unknown link is an answer, not an error. */
export const openSurvey = (token: string) =>
  readOneTimeLink(() => ok(surveyLinkRoute.$get({ param: { token } })), closedSurveyOf)

/** The form's values by question code: the typed text or chosen code, or the ticked codes. */
export type SurveyValues = Record<string, string | string[]>

/** Ticks or unticks one option of a multiple-choice question, keeping the options' order. */
export function toggle(values: SurveyValues, q: SurveyQuestion, code: string, on: boolean): SurveyValues {
  const now = new Set(Array.isArray(values[q.code]) ? (values[q.code] as string[]) : [])
  if (on) now.add(code)
  else now.delete(code)
  return { ...values, [q.code]: (q.options ?? []).map((o) => o.code).filter((c) => now.has(c)) }
}

/**
 * The answers to send: numbers for Likert and number questions (a text that is no number goes as it is, for the
 * API to name), the code of a single choice, the codes of a multiple choice, the trimmed text; nothing for a
 * question left empty.
 */
export function answersOf(questions: readonly SurveyQuestion[], values: SurveyValues) {
  const answers: Record<string, string | number | string[]> = {}
  for (const q of questions) {
    const value = values[q.code]
    if (value === undefined) continue
    if (Array.isArray(value)) {
      if (value.length > 0) answers[q.code] = value
      continue
    }
    const text = value.trim()
    if (text === '') continue
    if (q.type === 'likert' || q.type === 'number') {
      const n = Number(text)
      answers[q.code] = Number.isFinite(n) ? n : text
    } else answers[q.code] = text
  }
  return { answers }
}

/** The field path the API names a question's error by. */
export const answerPath = (code: string) => `answers.${code}`
