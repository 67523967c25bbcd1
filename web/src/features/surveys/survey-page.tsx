import { LIKERT_POINTS } from '@tandem/vocab'
import { useRef, useState } from 'preact/hooks'
import { useI18n, useTitle } from '../../i18n/context'
import { Checkboxes, RadioGroup } from '../../kit/choices'
import { Form, FormFooter, useSubmit } from '../../kit/form'
import { NumberField, TextArea } from '../../kit/inputs'
import { LinkClosed, LinkStatus } from '../../kit/link-status'
import { type ClosedLink, useOneTimeLink } from '../../kit/use-token-link'
import { ok } from '../../lib/client'
import { isolate } from '../../lib/text'
import {
  answerPath,
  answersOf,
  closedSurveyOf,
  openSurvey,
  type SurveyForm,
  type SurveyQuestion,
  type SurveyValues,
  surveyLinkRoute,
  toggle,
} from './surveys'

/**
 * `/survey?token=…`: the page behind the link of a survey email. Opening it records nothing (mail scanners open
 * links). It says plainly whether the answers are anonymous and what that means, asks the questions in the
 * person's language (right to left for Arabic and Dari/Farsi), keeps the answers only in memory, and sends them once.
 * No sign-in; one column for a 360-pixel phone; each group of choices is a fieldset with its question as legend.
 */
export default function SurveyPage() {
  const { t } = useI18n()
  useTitle(t('survey.title'))
  const { token, view, close } = useOneTimeLink(openSurvey, t('survey.missing'))

  const body = () => {
    if (view.state === 'status') return <LinkStatus link={view.link} testid="survey" />
    if (view.state === 'closed') {
      return (
        <LinkClosed state={view.closed} testid="survey">
          {t(`survey.${view.closed}`)}
        </LinkClosed>
      )
    }
    return <Questions token={token} form={view.data} onClosed={close} />
  }

  return (
    <div class="page check-in">
      <h1>{view.state === 'open' ? <bdi>{view.data.title}</bdi> : t('survey.title')}</h1>
      {body()}
    </div>
  )
}

function Questions(props: { token: string; form: SurveyForm; onClosed: (state: ClosedLink) => void }) {
  const { t } = useI18n()
  const f = props.form
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState<SurveyValues>({})
  const [done, setDone] = useState(false)
  const thanks = useRef<HTMLDivElement>(null)
  const submit = useSubmit(
    f.questions.map((q) => answerPath(q.code)),
    { formRef },
  )
  if (done) {
    return (
      <div class="check-in__done" data-testid="survey-done" tabIndex={-1} ref={thanks}>
        <h2>{t('survey.thanks')}</h2>
        <p>{f.anonymous ? t('survey.thanksAnonymous') : t('survey.thanksNamed')}</p>
      </div>
    )
  }
  const set = (code: string, value: string) => setValues((v) => ({ ...v, [code]: value }))
  const send = () =>
    submit.run(async () => {
      try {
        await ok(
          surveyLinkRoute.$post({ param: { token: props.token }, json: answersOf(f.questions, values) }),
        )
        setDone(true)
        requestAnimationFrame(() => thanks.current?.focus())
      } catch (error) {
        const closed = closedSurveyOf(error)
        if (!closed) throw error
        props.onClosed(closed)
      }
    })
  return (
    <>
      <p class="lead">
        {t('survey.intro', { org: isolate(f.organizationName), program: isolate(f.programName) })}
      </p>
      <section
        class={`alert ${f.anonymous ? 'alert--ok' : 'alert--warning'}`}
        data-testid="survey-privacy"
        data-anonymous={f.anonymous ? 'true' : 'false'}
        aria-labelledby="survey-privacy-title"
      >
        <h2 id="survey-privacy-title">{f.anonymous ? t('survey.anonymousTitle') : t('survey.namedTitle')}</h2>
        <p>{f.anonymous ? t('survey.anonymous', { org: isolate(f.organizationName) }) : t('survey.named')}</p>
      </section>
      <p class="aside">{t('survey.required')}</p>
      <Form formRef={formRef} class="form" testid="survey-form" onSubmit={send}>
        {f.questions.map((q, i) => (
          <Question
            key={q.code}
            index={i}
            question={q}
            values={values}
            error={submit.fields[answerPath(q.code)]}
            onValue={(value) => set(q.code, value)}
            onToggle={(code, on) => setValues((v) => toggle(v, q, code, on))}
          />
        ))}
        <FormFooter submit={submit} labels={[t('survey.send'), t('survey.sending')]} testid="survey-send" />
      </Form>
      <p class="aside">{t('survey.once', { day: f.expiresOn })}</p>
    </>
  )
}

function Question(props: {
  index: number
  question: SurveyQuestion
  values: SurveyValues
  error: string | undefined
  onValue: (value: string) => void
  onToggle: (code: string, on: boolean) => void
}) {
  const { t } = useI18n()
  const q = props.question
  const id = `q${props.index}`
  const label = (
    <>
      <bdi>{q.text}</bdi>
      {q.required && <span class="required"> {t('survey.requiredMark')}</span>}
    </>
  )
  const value = props.values[q.code]
  const text = typeof value === 'string' ? value : ''
  switch (q.type) {
    case 'likert':
      return (
        <RadioGroup
          id={id}
          legend={label}
          error={props.error}
          class="choices--scale"
          hint={t('survey.scale')}
          options={LIKERT_POINTS.map(String)}
          value={text}
          labelOf={(p) => t(`survey.likert.${p as '1' | '2' | '3' | '4' | '5'}`)}
          testid={(p) => `survey-${q.code}-${p}`}
          onValue={props.onValue}
        />
      )
    case 'single':
      return (
        <RadioGroup
          id={id}
          legend={label}
          error={props.error}
          options={(q.options ?? []).map((o) => o.code)}
          value={text}
          labelOf={(c) => <bdi>{q.options?.find((o) => o.code === c)?.label}</bdi>}
          testid={(c) => `survey-${q.code}-${c}`}
          onValue={props.onValue}
        />
      )
    case 'multiple':
      return (
        <Checkboxes
          id={id}
          legend={label}
          hint={t('survey.several')}
          error={props.error}
          name={id}
          options={(q.options ?? []).map((o) => o.code)}
          labelOf={(c) => <bdi>{q.options?.find((o) => o.code === c)?.label}</bdi>}
          testid={(c) => `survey-${q.code}-${c}`}
          checked={(c) => Array.isArray(value) && value.includes(c)}
          onToggle={props.onToggle}
        />
      )
    case 'number':
      return (
        <NumberField
          id={id}
          label={label}
          error={props.error}
          testid={`survey-${q.code}`}
          min={q.min ?? 0}
          max={q.max ?? 1_000_000}
          required={q.required}
          value={text}
          onValue={props.onValue}
        />
      )
    case 'text':
      return (
        <TextArea
          id={id}
          label={label}
          error={props.error}
          testid={`survey-${q.code}`}
          maxLength={500}
          rows={3}
          value={text}
          onValue={props.onValue}
        />
      )
  }
}
