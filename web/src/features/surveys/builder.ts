import {
  type QuestionType,
  SURVEY_LANGUAGES,
  SURVEY_MAX_OPTIONS,
  SURVEY_MAX_QUESTIONS,
  type SurveyAudience,
  type SurveyKind,
  type SurveyLanguage,
} from '@tandem/vocab'
import { suggestModuleId } from '../../lib/text'
import type { SurveyItem } from './surveys'

/**
 * The survey builder's values (decision 035), kept in memory while the coordinator writes: texts per language,
 * questions and options as rows with stable keys, codes made from the text unless typed. `bodyOf()` turns them into
 * what the API takes; the API stays the judge (its field errors land by `questions.<i>.…`).
 */

export type Texts = Record<SurveyLanguage, string>

export interface OptionRow {
  key: number
  code: string
  /** Typed by the coordinator, or kept from the saved survey: no longer follows the label. */
  codeFixed: boolean
  label: Texts
}

export interface QuestionRow {
  key: number
  code: string
  codeFixed: boolean
  type: QuestionType
  text: Texts
  required: boolean
  /** Kept when the type changes to one without options, sent only for choice questions. */
  options: OptionRow[]
  min?: number
  max?: number
}

export interface BuilderValues {
  /** The language the coordinator writes in first (codes are made from it). */
  language: SurveyLanguage
  title: Texts
  kind: SurveyKind
  audience: SurveyAudience
  anonymous: boolean
  questions: QuestionRow[]
  /** The next row key. */
  next: number
}

export const emptyTexts = (): Texts => Object.fromEntries(SURVEY_LANGUAGES.map((l) => [l, ''])) as Texts

const textsOf = (t: Partial<Record<string, string>>): Texts =>
  Object.fromEntries(SURVEY_LANGUAGES.map((l) => [l, t[l] ?? ''])) as Texts

export const isChoice = (type: QuestionType) => type === 'single' || type === 'multiple'

/** The coordinator's language if surveys are written in it, else English. */
export const writingLanguage = (locale: string): SurveyLanguage =>
  SURVEY_LANGUAGES.find((l) => l === locale) ?? 'en'

export function newBuilder(language: SurveyLanguage): BuilderValues {
  return {
    language,
    title: emptyTexts(),
    kind: 'pulse',
    audience: 'mentees',
    anonymous: true,
    questions: [],
    next: 0,
  }
}

/** A saved survey in the builder: its codes stay as they are. */
export function builderOf(survey: SurveyItem, language: SurveyLanguage): BuilderValues {
  let next = 0
  const questions = survey.questions.map((q) => ({
    key: next++,
    code: q.code,
    codeFixed: true,
    type: q.type,
    text: textsOf(q.text),
    required: q.required,
    options: (q.options ?? []).map((o) => ({
      key: next++,
      code: o.code,
      codeFixed: true,
      label: textsOf(o.label),
    })),
    ...(q.min === undefined ? {} : { min: q.min }),
    ...(q.max === undefined ? {} : { max: q.max }),
  }))
  return {
    language,
    title: textsOf(survey.title),
    kind: survey.kind,
    audience: survey.audience,
    anonymous: survey.anonymous,
    questions,
    next,
  }
}

const option = (key: number): OptionRow => ({ key, code: '', codeFixed: false, label: emptyTexts() })

/** Adds a question of `type` at the end (a choice question starts with two empty options). */
export function addQuestion(values: BuilderValues, type: QuestionType = 'likert'): BuilderValues {
  if (values.questions.length >= SURVEY_MAX_QUESTIONS) return values
  let next = values.next
  const question: QuestionRow = {
    key: next++,
    code: '',
    codeFixed: false,
    type,
    text: emptyTexts(),
    required: false,
    options: isChoice(type) ? [option(next++), option(next++)] : [],
  }
  return { ...values, questions: [...values.questions, question], next }
}

export function updateQuestion(
  values: BuilderValues,
  key: number,
  change: Partial<QuestionRow>,
): BuilderValues {
  let next = values.next
  const questions = values.questions.map((q) => {
    if (q.key !== key) return q
    const updated = { ...q, ...change }
    // A question that becomes a choice gets two options to fill in.
    while (change.type && isChoice(updated.type) && updated.options.length < 2)
      updated.options = [...updated.options, option(next++)]
    return updated
  })
  return { ...values, questions, next }
}

export const removeQuestion = (values: BuilderValues, key: number): BuilderValues => ({
  ...values,
  questions: values.questions.filter((q) => q.key !== key),
})

/** Moves a row one place up (-1) or down (+1); at either end it stays. */
function moved<R extends { key: number }>(rows: readonly R[], key: number, by: -1 | 1): R[] {
  const from = rows.findIndex((r) => r.key === key)
  const to = from + by
  if (from < 0 || to < 0 || to >= rows.length) return [...rows]
  const out = [...rows]
  ;[out[from], out[to]] = [out[to] as R, out[from] as R]
  return out
}

export const moveQuestion = (values: BuilderValues, key: number, by: -1 | 1): BuilderValues => ({
  ...values,
  questions: moved(values.questions, key, by),
})

const withOptions = (
  values: BuilderValues,
  key: number,
  change: (options: OptionRow[], next: number) => OptionRow[],
) => {
  let next = values.next
  const questions = values.questions.map((q) => {
    if (q.key !== key) return q
    const options = change(q.options, next)
    next = Math.max(next, ...options.map((o) => o.key + 1))
    return { ...q, options }
  })
  return { ...values, questions, next }
}

export const addOption = (values: BuilderValues, question: number) =>
  withOptions(values, question, (options, next) =>
    options.length >= SURVEY_MAX_OPTIONS ? options : [...options, option(next)],
  )

export const updateOption = (
  values: BuilderValues,
  question: number,
  key: number,
  change: Partial<OptionRow>,
) => withOptions(values, question, (options) => options.map((o) => (o.key === key ? { ...o, ...change } : o)))

export const removeOption = (values: BuilderValues, question: number, key: number) =>
  withOptions(values, question, (options) => options.filter((o) => o.key !== key))

export const moveOption = (values: BuilderValues, question: number, key: number, by: -1 | 1) =>
  withOptions(values, question, (options) => moved(options, key, by))

/** A code the API takes (`^[a-z][a-z0-9._-]{0,39}$`) made from a text; `fallback` when the text has no latin letters. */
export function suggestCode(text: string, fallback: string): string {
  const code = suggestModuleId(text)
  if (code === '') return fallback
  return /^[a-z]/.test(code) ? code : `${fallback}-${code}`.slice(0, 40).replace(/[-_]+$/, '')
}

/** The codes of rows: typed ones as typed, the others made from their text and kept apart from every other. */
function codesOf<R extends { code: string; codeFixed: boolean }>(
  rows: readonly R[],
  textOf: (row: R) => string,
  fallback: (index: number) => string,
): string[] {
  const taken = new Set(rows.filter((r) => r.codeFixed).map((r) => r.code))
  return rows.map((row, i) => {
    if (row.codeFixed) return row.code
    const base = suggestCode(textOf(row), fallback(i))
    let code = base
    for (let n = 2; taken.has(code); n++) code = `${base.slice(0, 36)}-${n}`
    taken.add(code)
    return code
  })
}

/** Each question's code as it will be sent. */
export const questionCodes = (values: BuilderValues) =>
  codesOf(
    values.questions,
    (q) => q.text[values.language],
    (i) => `question-${i + 1}`,
  )

/** Each option's code of a question as it will be sent. */
export const optionCodes = (values: BuilderValues, q: QuestionRow) =>
  codesOf(
    q.options,
    (o) => o.label[values.language],
    (i) => `option-${i + 1}`,
  )

/** The languages written, trimmed (an empty one is left out: the missing-translations list names it later). */
export const textsBody = (texts: Texts): Partial<Texts> =>
  Object.fromEntries(
    SURVEY_LANGUAGES.filter((l) => texts[l].trim() !== '').map((l) => [l, texts[l].trim()]),
  ) as Partial<Texts>

function questionsBody(values: BuilderValues) {
  const codes = questionCodes(values)
  return values.questions.map((q, i) => {
    const optionCode = optionCodes(values, q)
    return {
      code: codes[i] as string,
      type: q.type,
      text: textsBody(q.text),
      required: q.required,
      ...(isChoice(q.type)
        ? { options: q.options.map((o, j) => ({ code: optionCode[j] as string, label: textsBody(o.label) })) }
        : {}),
      ...(q.type === 'number' && q.min !== undefined ? { min: q.min } : {}),
      ...(q.type === 'number' && q.max !== undefined ? { max: q.max } : {}),
    }
  })
}

/** A new survey, as `POST …/programs/{program}/surveys` takes it. */
export const createBody = (values: BuilderValues) => ({
  kind: values.kind,
  audience: values.audience,
  anonymous: values.anonymous,
  title: textsBody(values.title),
  questions: questionsBody(values),
})

/** A change of a saved survey nobody answered, as `PATCH …/surveys/{survey}` takes it (anonymity only when it changed). */
export const patchBody = (values: BuilderValues, saved: { anonymous: boolean }) => ({
  title: textsBody(values.title),
  questions: questionsBody(values),
  ...(values.anonymous === saved.anonymous ? {} : { anonymous: values.anonymous }),
})

/** What is still to write before the survey can be saved, as field paths (`questions.1.options.0.label`). */
export type Missing =
  | { what: 'title' }
  | { what: 'questions' }
  | { what: 'text'; question: number }
  | { what: 'options'; question: number }
  | { what: 'option'; question: number; option: number }

/** Every text needs at least the writing language… or any other; a choice needs two options. */
export function stillMissing(values: BuilderValues): Missing[] {
  const written = (t: Texts) => SURVEY_LANGUAGES.some((l) => t[l].trim() !== '')
  const out: Missing[] = []
  if (!written(values.title)) out.push({ what: 'title' })
  if (values.questions.length === 0) out.push({ what: 'questions' })
  values.questions.forEach((q, i) => {
    if (!written(q.text)) out.push({ what: 'text', question: i + 1 })
    if (!isChoice(q.type)) return
    if (q.options.length < 2) out.push({ what: 'options', question: i + 1 })
    q.options.forEach((o, j) => {
      if (!written(o.label)) out.push({ what: 'option', question: i + 1, option: j + 1 })
    })
  })
  return out
}

/** The field paths the form shows errors at (the API's paths, by position). */
export function builderPaths(values: BuilderValues): string[] {
  const paths = ['title', 'kind', 'audience', 'anonymous', 'questions']
  values.questions.forEach((q, i) => {
    paths.push(`questions.${i}`, `questions.${i}.code`, `questions.${i}.text`, `questions.${i}.options`)
    q.options.forEach((_, j) => {
      paths.push(`questions.${i}.options.${j}`)
    })
  })
  return paths
}
