import type { SurveyAnswer } from '@tandem/db'
import { LIKERT_POINTS, SURVEY_TEXT_MAX, type SurveyQuestion } from '@tandem/vocab'
import * as v from 'valibot'
import { issueError, rule, unique } from '../../lib/field-errors'
import { Problem } from '../../lib/problem'
import { hasNoControl } from '../../lib/schema'

/** The schema of one question's answer, built from the question (valibot, so field errors carry stable codes). */
function answerSchema(q: SurveyQuestion): v.GenericSchema<unknown, SurveyAnswer> {
  const codes = (q.options ?? []).map((o) => o.code)
  switch (q.type) {
    case 'likert':
      return v.pipe(v.number(), v.integer(), v.minValue(LIKERT_POINTS[0]), v.maxValue(LIKERT_POINTS[4]))
    case 'number':
      return v.pipe(v.number(), v.integer(), v.minValue(q.min ?? 0), v.maxValue(q.max ?? 1_000_000))
    case 'single':
      return v.picklist(codes as [string, ...string[]], `Choose one of: ${codes.join(', ')}.`)
    case 'multiple':
      return v.pipe(
        v.array(v.picklist(codes as [string, ...string[]], `Choose from: ${codes.join(', ')}.`)),
        v.maxLength(codes.length),
        rule(unique, 'duplicate', 'Choose each option once.'),
      )
    case 'text':
      return v.pipe(
        v.string(),
        rule(
          (s: string) => hasNoControl(s.replace(/[\r\n\t]/g, ' ')),
          'control-characters',
          'Leave out invisible characters.',
        ),
        v.trim(),
        v.maxLength(SURVEY_TEXT_MAX),
      )
  }
}

/** Whether an answer counts as given (an empty text or an empty list of choices does not). */
const given = (x: unknown) =>
  !(x === undefined || x === null || x === '' || (Array.isArray(x) && x.length === 0))

/**
 * The answers checked against the survey's questions: each known code's value by its question's type, required
 * questions present, no unknown codes. Errors are field errors at `answers.<code>`; nothing is stored on error.
 * Returns only the answers given (empty ones left out).
 */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  answers: Record<string, unknown>,
): Record<string, SurveyAnswer> {
  const entries: Record<string, v.GenericSchema> = {}
  for (const q of questions) {
    const schema = answerSchema(q)
    entries[q.code] = q.required ? schema : v.optional(schema)
  }
  const schema = v.object({ answers: v.strictObject(entries) })
  // An empty text or an empty list of choices is no answer: left out before the check.
  const present = Object.fromEntries(Object.entries(answers).filter(([, x]) => given(x)))
  const result = v.safeParse(schema, { answers: present })
  if (!result.success) {
    throw new Problem('invalid-request', {
      detail: 'Some answers do not fit their questions.',
      errors: result.issues.map((issue) => issueError('body', issue)),
    })
  }
  const out: Record<string, SurveyAnswer> = {}
  for (const [code, value] of Object.entries(result.output.answers as Record<string, SurveyAnswer>)) {
    if (given(value)) out[code] = value
  }
  return out
}
