import {
  QUESTION_TYPES,
  SURVEY_AUDIENCES,
  SURVEY_KINDS,
  SURVEY_LANGUAGES,
  SURVEY_MAX_OPTIONS,
  SURVEY_MAX_QUESTIONS,
  SURVEY_TEMPLATE_CODES,
  SURVEY_TEXT_MAX,
} from '@tandem/vocab'
import * as v from 'valibot'
import { pattern, rule, unique } from '../../lib/field-errors'
import { hasNoControl, Id, MailName, OrgSlug } from '../../lib/schema'

/** The path of one survey: `/orgs/{org}/surveys/{survey}`. */
export const SurveyParam = v.object({ org: OrgSlug, survey: Id })
export const SurveyTokenParam = v.object({ token: v.pipe(v.string(), v.maxLength(60)) })

const Code = pattern(
  /^[a-z][a-z0-9._-]{0,39}$/,
  'not-a-code',
  'Use lowercase letters, digits, ., - or _ (at most 40).',
)
const QuestionCode = v.pipe(v.string(), Code)

/** A text in some of the six languages; at least one of them. */
const Texts = (item: () => v.GenericSchema<string, string>) =>
  v.pipe(
    v.strictObject(
      Object.fromEntries(SURVEY_LANGUAGES.map((l) => [l, v.optional(item())])) as Record<
        (typeof SURVEY_LANGUAGES)[number],
        v.OptionalSchema<v.GenericSchema<string, string>, undefined>
      >,
    ),
    rule(
      (t: Record<string, string | undefined>) => Object.values(t).some((s) => !!s?.trim()),
      'required',
      'Write the text in at least one language.',
    ),
  )

const QuestionText = () =>
  v.pipe(
    v.string(),
    rule(hasNoControl, 'control-characters', 'Leave out line breaks, tabs and other invisible characters.'),
    v.trim(),
    v.maxLength(400),
  )

const Option = v.object({ code: QuestionCode, label: Texts(() => QuestionText()) })
type OptionIn = v.InferOutput<typeof Option>

const QuestionFields = v.object({
  code: QuestionCode,
  type: v.picklist(QUESTION_TYPES, `Choose one of: ${QUESTION_TYPES.join(', ')}.`),
  text: Texts(() => QuestionText()),
  required: v.optional(v.boolean(), false),
  options: v.optional(
    v.pipe(
      v.array(Option),
      v.maxLength(SURVEY_MAX_OPTIONS),
      rule((o: OptionIn[]) => unique(o.map((x) => x.code)), 'duplicate', 'Give each option its own code.'),
    ),
  ),
  min: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-1_000_000), v.maxValue(1_000_000))),
  max: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-1_000_000), v.maxValue(1_000_000))),
})
type QuestionIn = v.InferOutput<typeof QuestionFields>

const Question = v.pipe(
  QuestionFields,
  rule(
    (q: QuestionIn) =>
      q.type === 'single' || q.type === 'multiple' ? (q.options?.length ?? 0) >= 2 : q.options === undefined,
    'too-few',
    'A choice question has at least two options; other questions have none.',
    { min: 2 },
  ),
  rule(
    (q: QuestionIn) => q.min === undefined || q.max === undefined || q.min <= q.max,
    'invalid',
    'The smallest number is above the largest.',
  ),
)

const Questions = v.pipe(
  v.array(Question),
  v.minLength(1, 'Ask at least one question.'),
  v.maxLength(SURVEY_MAX_QUESTIONS),
  rule((qs: QuestionIn[]) => unique(qs.map((q) => q.code)), 'duplicate', 'Give each question its own code.'),
)

const Title = Texts(() => MailName(160))

/**
 * A new survey of a program: from a shipped template (`template`, optionally made named with `anonymous: false`),
 * or built here (`kind`, `audience`, `title`, `questions`).
 */
export const CreateSurveyBody = v.object({
  template: v.optional(
    v.picklist(SURVEY_TEMPLATE_CODES, `Choose one of: ${SURVEY_TEMPLATE_CODES.join(', ')}.`),
  ),
  kind: v.optional(v.picklist(SURVEY_KINDS, `Choose one of: ${SURVEY_KINDS.join(', ')}.`)),
  audience: v.optional(v.picklist(SURVEY_AUDIENCES, `Choose one of: ${SURVEY_AUDIENCES.join(', ')}.`)),
  anonymous: v.optional(v.boolean()),
  active: v.optional(v.boolean(), true),
  title: v.optional(Title),
  questions: v.optional(Questions),
})

/** A change: switched on or off, retitled, retranslated; questions and anonymity only before anyone answers. */
const PatchFields = v.object({
  active: v.optional(v.boolean()),
  anonymous: v.optional(v.boolean()),
  title: v.optional(Title),
  questions: v.optional(Questions),
})
export const PatchSurveyBody = v.pipe(
  PatchFields,
  rule(
    (b: v.InferOutput<typeof PatchFields>) => Object.keys(b).length > 0,
    'nothing-to-change',
    'Send at least one field to change.',
  ),
)

const TextsOut = v.record(v.string(), v.string())
const QuestionOut = v.object({
  code: v.string(),
  type: v.picklist(QUESTION_TYPES),
  text: TextsOut,
  required: v.boolean(),
  options: v.optional(v.array(v.object({ code: v.string(), label: TextsOut }))),
  min: v.optional(v.number()),
  max: v.optional(v.number()),
})

export const SurveyOut = v.object({
  id: v.string(),
  programId: v.string(),
  template: v.nullable(v.string()),
  kind: v.picklist(SURVEY_KINDS),
  audience: v.picklist(SURVEY_AUDIENCES),
  anonymous: v.boolean(),
  active: v.boolean(),
  title: TextsOut,
  questions: v.array(QuestionOut),
  /** Texts without some of the six languages: `questions.2.options.1.label` lacks `fa`… */
  missingTranslations: v.array(
    v.object({ path: v.string(), missing: v.array(v.picklist(SURVEY_LANGUAGES)) }),
  ),
  invited: v.number(),
  answered: v.number(),
  createdAt: v.string(),
})
export const SurveysOut = v.object({ items: v.array(SurveyOut) })

const QuestionSummary = v.object({
  code: v.string(),
  type: v.picklist(QUESTION_TYPES),
  /** How many answered this question. */
  n: v.number(),
  /** Likert and number questions: the mean. */
  mean: v.nullable(v.number()),
  /** Likert (1–5) and choice questions: how many chose each value. */
  counts: v.nullable(v.record(v.string(), v.number())),
  /** Short-text questions: the texts, in alphabetical order (never in the order they came). */
  texts: v.nullable(v.array(v.string())),
})

export const SurveyDetailOut = v.object({
  ...SurveyOut.entries,
  /** The organization's minimum: answers are summarised only when at least this many answered. */
  minimum: v.number(),
  /**
   * Null: too few answers to show. For an anonymous survey, the summary kept from when it was last renewed (once at
   * least `minimum` new answers came in), so two summaries never differ by one person's answers.
   */
  summary: v.nullable(v.array(QuestionSummary)),
  /** How many answers the summary covers (for an anonymous survey it may be fewer than `answered`). */
  summaryOf: v.number(),
  /** Named surveys: who answered (null for an anonymous survey). */
  respondents: v.nullable(
    v.array(v.object({ participantId: v.string(), name: v.string(), day: v.string() })),
  ),
})

export const TemplatesOut = v.object({
  items: v.array(
    v.object({
      code: v.picklist(SURVEY_TEMPLATE_CODES),
      kind: v.picklist(SURVEY_KINDS),
      audience: v.picklist(SURVEY_AUDIENCES),
      anonymous: v.boolean(),
      title: TextsOut,
      questions: v.array(QuestionOut),
    }),
  ),
})

const AnswerValue = v.union([
  v.number(),
  v.pipe(v.string(), v.maxLength(SURVEY_TEXT_MAX * 2)),
  v.pipe(v.array(v.pipe(v.string(), v.maxLength(60))), v.maxLength(SURVEY_MAX_OPTIONS)),
])

/** Answers by question code; each is checked against the survey's question (field errors at `answers.<code>`). */
export const AnswerBody = v.object({
  answers: v.pipe(
    v.record(v.pipe(v.string(), v.maxLength(60)), AnswerValue),
    rule(
      (a: Record<string, string | number | string[]>) => Object.keys(a).length <= SURVEY_MAX_QUESTIONS,
      'too-many',
      undefined,
      {
        max: SURVEY_MAX_QUESTIONS,
      },
    ),
  ),
})

/** What the survey page shows: the questions in the person's language, and whether answers are anonymous. */
export const SurveyFormOut = v.object({
  locale: v.picklist(SURVEY_LANGUAGES),
  organizationName: v.string(),
  programName: v.string(),
  title: v.string(),
  kind: v.picklist(SURVEY_KINDS),
  anonymous: v.boolean(),
  expiresOn: v.string(),
  questions: v.array(
    v.object({
      code: v.string(),
      type: v.picklist(QUESTION_TYPES),
      text: v.string(),
      required: v.boolean(),
      options: v.optional(v.array(v.object({ code: v.string(), label: v.string() }))),
      min: v.optional(v.number()),
      max: v.optional(v.number()),
    }),
  ),
  status: v.literal('open'),
})

export const AnsweredOut = v.object({ status: v.literal('answered'), anonymous: v.boolean() })
