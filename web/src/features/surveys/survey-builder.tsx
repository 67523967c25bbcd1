import {
  QUESTION_TYPES,
  SURVEY_AUDIENCES,
  SURVEY_KINDS,
  SURVEY_LANGUAGES,
  SURVEY_MAX_OPTIONS,
} from '@tandem/vocab'
import { useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { Choice, ChoiceGroup, RadioGroup } from '../../kit/choices'
import { Form, FormFooter, useSubmit } from '../../kit/form'
import { CodeSelect, CodesField, TextField } from '../../kit/inputs'
import { ok, params } from '../../lib/client'
import { languageLabel } from '../../lib/text'
import {
  addOption,
  addQuestion,
  type BuilderValues,
  builderOf,
  builderPaths,
  createBody,
  isChoice,
  type Missing,
  moveOption,
  moveQuestion,
  newBuilder,
  patchBody,
  type QuestionRow,
  questionCodes,
  removeOption,
  removeQuestion,
  stillMissing,
  type Texts,
  updateOption,
  updateQuestion,
  writingLanguage,
} from './builder'
import { programSurveysRoute, type SurveyItem, surveyRoute } from './surveys'

/**
 * Writing a survey (decision 035): a new one for the program, or the questions of a saved one nobody answered yet.
 * Texts in the coordinator's language first, the other five optional (or later through "Texts missing a
 * translation"). The API judges; its field errors land by each field, and a refused save keeps everything typed.
 */
export function SurveyBuilder(props: {
  slug: string
  program: string
  /** A saved survey nobody answered: its questions change. */
  survey?: SurveyItem
  onSaved: () => void
  onCancel: () => void
}) {
  const { t, locale } = useI18n()
  const { survey } = props
  const language = writingLanguage(locale)
  const [values, setValues] = useState<BuilderValues>(() =>
    survey ? builderOf(survey, language) : newBuilder(language),
  )
  const formRef = useRef<HTMLFormElement>(null)
  const submit = useSubmit(builderPaths(values), { formRef })
  const id = survey ? `sb-${survey.id}` : 'sb-new'
  const codes = questionCodes(values)
  const missing = stillMissing(values)
  const change = (next: (v: BuilderValues) => BuilderValues) => setValues((v) => next(v))
  const privacyFixed = (survey?.invited ?? 0) > 0
  const list = new Intl.ListFormat(locale, { type: 'conjunction' })

  return (
    <Form
      formRef={formRef}
      class="form survey-builder"
      testid="survey-builder"
      onSubmit={() =>
        submit.run(async () => {
          if (survey)
            await ok(
              surveyRoute.$patch({
                param: params({ org: props.slug, survey: survey.id }),
                json: patchBody(values, survey),
              }),
            )
          else
            await ok(
              programSurveysRoute.$post({
                param: params({ org: props.slug, program: props.program }),
                json: createBody(values),
              }),
            )
          props.onSaved()
        })
      }
    >
      <p class="aside">{t('surveys.build.intro')}</p>
      <TextsField
        id={`${id}-title`}
        label={t('surveys.build.titleLabel', { language: languageLabel(locale, language) })}
        language={language}
        maxLength={160}
        error={submit.fields.title}
        value={values.title}
        onValue={(title) => change((v) => ({ ...v, title }))}
      />
      {survey ? (
        <p>
          {t(`surveys.kind.${survey.kind}`)} · {t(`surveys.audience.${survey.audience}`)}
        </p>
      ) : (
        <>
          <CodeSelect
            id={`${id}-kind`}
            label={t('surveys.build.kind')}
            hint={t('surveys.intro')}
            options={SURVEY_KINDS}
            labelOf={(kind) => t(`surveys.kind.${kind}`)}
            error={submit.fields.kind}
            value={values.kind}
            onValue={(kind) => kind && change((v) => ({ ...v, kind }))}
          />
          <RadioGroup
            id={`${id}-audience`}
            legend={t('surveys.build.audience')}
            error={submit.fields.audience}
            options={SURVEY_AUDIENCES}
            value={values.audience}
            labelOf={(a) => t(`surveys.audience.${a}`)}
            testid={(a) => `survey-build-audience-${a}`}
            onValue={(audience) => change((v) => ({ ...v, audience }))}
          />
        </>
      )}
      <ChoiceGroup
        id={`${id}-privacy`}
        legend={t('surveys.build.privacy')}
        hint={privacyFixed ? t('surveys.build.privacyFixed') : undefined}
        error={submit.fields.anonymous}
      >
        {([true, false] as const).map((anonymous) => (
          <Choice
            key={String(anonymous)}
            type="radio"
            name={`${id}-privacy`}
            value={anonymous ? 'anonymous' : 'named'}
            disabled={privacyFixed}
            testid={`survey-build-${anonymous ? 'anonymous' : 'named'}`}
            checked={values.anonymous === anonymous}
            label={anonymous ? t('surveys.build.anonymous') : t('surveys.build.named')}
            onChange={(on) => on && change((v) => ({ ...v, anonymous }))}
          />
        ))}
      </ChoiceGroup>
      {submit.fields.questions && (
        <p class="field__error" data-testid="survey-build-questions-error">
          {submit.fields.questions}
        </p>
      )}
      <ol class="survey-builder__questions">
        {values.questions.map((q, index) => (
          <li key={q.key}>
            <QuestionFields
              id={`${id}-q${q.key}`}
              q={q}
              index={index}
              count={values.questions.length}
              language={language}
              code={codes[index] ?? ''}
              values={values}
              errors={submit.fields}
              change={change}
            />
          </li>
        ))}
      </ol>
      <p>
        <Button
          testid="survey-build-add-question"
          onClick={() => {
            change((v) => addQuestion(v))
            requestAnimationFrame(() => document.getElementById(`${id}-q${values.next}-text`)?.focus())
          }}
        >
          {t('surveys.build.addQuestion')}
        </Button>
      </p>
      {missing.length > 0 && (
        <p class="aside" data-testid="survey-build-missing">
          {t('surveys.build.missing', { list: list.format(missing.map((m) => missingLabel(t, m))) })}
        </p>
      )}
      <FormFooter
        submit={submit}
        labels={[t('surveys.build.save'), t('common.saving')]}
        testid="survey-build-save"
      >
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
      </FormFooter>
    </Form>
  )
}

function missingLabel(t: ReturnType<typeof useI18n>['t'], m: Missing): string {
  switch (m.what) {
    case 'title':
      return t('surveys.build.missing.title')
    case 'questions':
      return t('surveys.build.missing.questions')
    case 'text':
      return t('surveys.build.missing.text', { number: m.question })
    case 'options':
      return t('surveys.build.missing.options', { number: m.question })
    case 'option':
      return t('surveys.build.missing.option', { number: m.question, option: m.option })
  }
}

/** One question: its kind of answer, text, options, whether required, code; moved up or down, or removed. */
function QuestionFields(props: {
  id: string
  q: QuestionRow
  index: number
  count: number
  language: BuilderValues['language']
  code: string
  values: BuilderValues
  errors: Record<string, string>
  change: (next: (v: BuilderValues) => BuilderValues) => void
}) {
  const { t, locale } = useI18n()
  const { id, q, index, errors, change } = props
  const at = `questions.${index}`
  const language = languageLabel(locale, props.language)
  const update = (c: Partial<QuestionRow>) => change((v) => updateQuestion(v, q.key, c))
  return (
    <fieldset class="question" data-testid="survey-build-question">
      <legend>{t('surveys.build.question', { number: index + 1 })}</legend>
      {errors[at] && <p class="field__error">{errors[at]}</p>}
      <CodeSelect
        id={`${id}-type`}
        testid="survey-build-type"
        label={t('surveys.build.type')}
        options={QUESTION_TYPES}
        labelOf={(type) => t(`surveys.build.type.${type}`)}
        value={q.type}
        onValue={(type) => type && update({ type })}
      />
      <TextsField
        id={`${id}-text`}
        testid="survey-build-text"
        label={t('surveys.build.text', { language })}
        language={props.language}
        maxLength={400}
        error={errors[`${at}.text`]}
        value={q.text}
        onValue={(text) => update({ text })}
      />
      {isChoice(q.type) && (
        <ChoiceGroup id={`${id}-options`} legend={t('surveys.build.options')} error={errors[`${at}.options`]}>
          <ol class="survey-builder__options">
            {q.options.map((o, j) => (
              <li key={o.key} class="module-row">
                <TextsField
                  id={`${id}-o${o.key}`}
                  testid="survey-build-option"
                  label={t('surveys.build.option', { number: j + 1, language })}
                  language={props.language}
                  maxLength={400}
                  error={errors[`${at}.options.${j}`]}
                  value={o.label}
                  onValue={(label) => change((v) => updateOption(v, q.key, o.key, { label }))}
                />
                <span class="actions">
                  <Button
                    small
                    testid="survey-build-option-up"
                    disabled={j === 0}
                    onClick={() => change((v) => moveOption(v, q.key, o.key, -1))}
                  >
                    {t('surveys.build.optionUp', { number: j + 1 })}
                  </Button>
                  <Button
                    small
                    testid="survey-build-option-down"
                    disabled={j === q.options.length - 1}
                    onClick={() => change((v) => moveOption(v, q.key, o.key, 1))}
                  >
                    {t('surveys.build.optionDown', { number: j + 1 })}
                  </Button>
                  <Button small onClick={() => change((v) => removeOption(v, q.key, o.key))}>
                    {t('surveys.build.removeOption', { number: j + 1 })}
                  </Button>
                </span>
              </li>
            ))}
          </ol>
          {q.options.length < SURVEY_MAX_OPTIONS && (
            <p>
              <Button
                small
                testid="survey-build-add-option"
                onClick={() => change((v) => addOption(v, q.key))}
              >
                {t('surveys.build.addOption')}
              </Button>
            </p>
          )}
        </ChoiceGroup>
      )}
      <Choice
        name={`${id}-required`}
        value="yes"
        checked={q.required}
        label={t('surveys.build.required')}
        onChange={(required) => update({ required })}
      />
      <CodesField
        id={`${id}-code`}
        testid="survey-build-code"
        label={t('surveys.build.code')}
        hint={t('surveys.build.codeHint')}
        maxLength={40}
        error={errors[`${at}.code`]}
        value={props.code}
        onValue={(code) => update({ code, codeFixed: true })}
      />
      <div class="actions">
        <Button small disabled={index === 0} onClick={() => change((v) => moveQuestion(v, q.key, -1))}>
          {t('surveys.build.up')}
        </Button>
        <Button
          small
          disabled={index === props.count - 1}
          onClick={() => change((v) => moveQuestion(v, q.key, 1))}
        >
          {t('surveys.build.down')}
        </Button>
        <Button small variant="danger" onClick={() => change((v) => removeQuestion(v, q.key))}>
          {t('surveys.build.removeQuestion', { number: index + 1 })}
        </Button>
      </div>
    </fieldset>
  )
}

/** A text in the writing language, and the other five, optional, behind "Other languages". */
function TextsField(props: {
  id: string
  testid?: string
  label: string
  language: BuilderValues['language']
  maxLength: number
  error?: string | undefined
  value: Texts
  onValue: (value: Texts) => void
}) {
  const { t, locale } = useI18n()
  const { id, value } = props
  const others = SURVEY_LANGUAGES.filter((l) => l !== props.language)
  return (
    <div class="survey-builder__texts">
      <TextField
        id={id}
        testid={props.testid}
        label={props.label}
        error={props.error}
        maxLength={props.maxLength}
        value={value[props.language]}
        onValue={(text) => props.onValue({ ...value, [props.language]: text })}
      />
      <details class="disclosure">
        <summary>{t('surveys.build.otherLanguages')}</summary>
        {others.map((lang) => (
          <TextField
            key={lang}
            id={`${id}-${lang}`}
            label={languageLabel(locale, lang)}
            lang={lang}
            dir={lang === 'ar' || lang === 'fa' ? 'rtl' : 'ltr'}
            maxLength={props.maxLength}
            value={value[lang]}
            onValue={(text) => props.onValue({ ...value, [lang]: text })}
          />
        ))}
      </details>
    </div>
  )
}
