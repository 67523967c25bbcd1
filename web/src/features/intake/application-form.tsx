import type { ContactChannel } from '@tandem/vocab'
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { FormAlert, SubmitButton, useSubmit } from '../../kit/form'
import type { ApiError, FieldError } from '../../lib/api'
import { ok, params } from '../../lib/client'
import type { PlainKey } from '../../lib/labels'
import { toggled } from '../../lib/lists'
import {
  ConsentStep,
  ContactStep,
  LanguagesStep,
  type ListAnswer,
  type StepProps,
  YouStep,
} from './application-steps'
import { clearDraft, draftKey, hasAnswers, loadDraft, saveDraft } from './draft'
import {
  type Answers,
  checkAnswers,
  checkStep,
  firstStepOf,
  type IntakeForm,
  intakeBody,
  intakeMessage,
  intakePaths,
  intakeRoute,
  NO_ANSWERS,
  STEPS,
} from './intake'

/** How the person can be reached, for the thank-you page. */
export interface Sent {
  email: string | null
  phone: string | null
  contactPreference: ContactChannel | null
}

const LAST = STEPS.length - 1

/**
 * The questions the program asks, one per box, in four steps ("Step 2 of 4"); each step is checked before the
 * next, then the API checks everything. The everyday answers are kept on the device until the form is sent
 * (`draft.ts`), so a reload loses nothing.
 */
export function ApplicationForm(props: {
  form: IntakeForm
  org: string
  onSent: (sent: Sent) => void
  onConsentChanged: () => void
}) {
  const { t, locale } = useI18n()
  const { form } = props
  const formRef = useRef<HTMLFormElement>(null)
  const stepsRef = useRef<HTMLDivElement>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const key = draftKey(props.org, form.program.id)
  const [restored] = useState(() => loadDraft(key))
  const [answers, setAnswers] = useState<Answers>(restored?.answers ?? NO_ANSWERS)
  const [step, setStep] = useState(restored?.step ?? 0)
  const [kept, setKept] = useState<'restored' | 'forgotten' | null>(restored ? 'restored' : null)
  // Keys, not sentences: they follow a change of language.
  const [clientErrors, setClientErrors] = useState<Record<string, PlainKey>>({})
  const asksPhone = form.fields.phone

  // Every change is kept on the device at once (only the everyday answers: see draft.ts).
  useEffect(() => {
    if (hasAnswers(answers)) saveDraft(key, answers, step)
    else clearDraft(key)
  }, [key, answers, step])

  // A new consent text (the program moved to another version): it has to be read and ticked again.
  const version = useRef(form.consent.version)
  useEffect(() => {
    if (version.current === form.consent.version) return
    version.current = form.consent.version
    setAnswers((current) => ({ ...current, consent: false }))
  }, [form.consent.version])

  /** After the next render: focus the first answer that needs a change, else the step's heading. */
  const focusSoon = useCallback((target: 'invalid' | 'heading') => {
    requestAnimationFrame(() => {
      const invalid =
        target === 'invalid'
          ? formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[data-invalid] input')
          : null
      if (invalid) {
        invalid.focus()
        return
      }
      stepsRef.current?.scrollIntoView({ block: 'start' })
      headingRef.current?.focus({ preventScroll: true })
    })
  }, [])

  const fieldMessage = useCallback((error: FieldError) => intakeMessage(t, error), [t])
  const onError = useCallback(
    (error: ApiError) => {
      if (error.status === 409) props.onConsentChanged()
      // The API's field errors may belong to an earlier step: go there.
      const first = firstStepOf(error.errors.map((e) => e.path))
      if (first !== null) {
        setStep(first)
        focusSoon('invalid')
      }
      return undefined
    },
    [props.onConsentChanged, focusSoon],
  )
  const submit = useSubmit(intakePaths(answers), { formRef, fieldMessage, onError })
  const errors: Record<string, string> = { ...submit.fields }
  for (const [path, message] of Object.entries(clientErrors)) errors[path] = t(message)
  const set = <K extends keyof Answers>(name: K, value: Answers[K]) =>
    setAnswers((current) => ({ ...current, [name]: value }))
  const toggle = (name: ListAnswer, value: string, on: boolean) =>
    setAnswers((current) => ({ ...current, [name]: toggled(current[name], value, on) }))

  const goTo = (next: number) => {
    setStep(next)
    focusSoon('heading')
  }

  const next = () => {
    const found = checkStep(answers, asksPhone, step)
    setClientErrors(found)
    if (Object.keys(found).length > 0) {
      focusSoon('invalid')
      return
    }
    goTo(Math.min(step + 1, LAST))
  }

  const forget = () => {
    clearDraft(key)
    setAnswers(NO_ANSWERS)
    setClientErrors({})
    submit.clear()
    setKept('forgotten')
    goTo(0)
  }

  const onSubmit = (event: Event) => {
    event.preventDefault()
    if (step < LAST) {
      next()
      return
    }
    const found = checkAnswers(answers, asksPhone)
    setClientErrors(found)
    if (Object.keys(found).length > 0) {
      submit.clear()
      setStep(firstStepOf(Object.keys(found)) ?? step)
      focusSoon('invalid')
      return
    }
    const body = intakeBody(form, answers, locale)
    if (!body) return
    const sent: Sent = {
      email: body.email ?? null,
      phone: body.phone ?? null,
      contactPreference: body.contactPreference ?? null,
    }
    submit.run(async () => {
      await ok(intakeRoute.$post({ param: params({ org: props.org, program: form.program.id }), json: body }))
      clearDraft(key)
      props.onSent(sent)
      requestAnimationFrame(() => window.scrollTo(0, 0))
    })
  }

  const stepProps: StepProps = { form, answers, errors, set, toggle }

  const current = STEPS[step] ?? STEPS[0]
  return (
    <form ref={formRef} class="form intake__form" noValidate onSubmit={onSubmit} data-testid="intake-form">
      <p class="notice" role="status" data-testid="intake-kept-status">
        {kept === 'restored' ? t('intake.keptRestored') : kept === 'forgotten' ? t('intake.forgotten') : ''}
      </p>
      <div class="intake-steps" ref={stepsRef}>
        <ol class="intake-steps__bar" aria-hidden="true">
          {STEPS.map((s, index) => (
            <li
              key={s.key}
              class={
                index < step ? 'intake-steps__done' : index === step ? 'intake-steps__current' : undefined
              }
            />
          ))}
        </ol>
        <h2 id="intake-step-heading" ref={headingRef} tabIndex={-1} data-testid="intake-step-heading">
          <span class="intake-steps__count" data-testid="intake-step" data-step={step + 1}>
            {t('intake.stepOf', { step: step + 1, count: STEPS.length })}
          </span>{' '}
          <span class="intake-steps__title">{t(current.key)}</span>
        </h2>
      </div>

      {step === 0 && <YouStep {...stepProps} />}
      {step === 1 && <ContactStep {...stepProps} />}
      {step === 2 && <LanguagesStep {...stepProps} />}
      {step === 3 && <ConsentStep {...stepProps} />}

      {/* The honeypot: people never see or reach it; a bot that fills it is answered like anyone else. */}
      <div class="visually-hidden" aria-hidden="true">
        <label for="intake-website">Website</label>
        <input
          id="intake-website"
          name="website"
          type="text"
          tabIndex={-1}
          autocomplete="off"
          data-testid="intake-website"
          value={answers.website}
          onInput={(event) => set('website', event.currentTarget.value)}
        />
      </div>

      {Object.keys(clientErrors).length > 0 && (
        <p class="alert alert--error" role="alert" data-testid="intake-check">
          {t('intake.checkAnswers')}
        </p>
      )}
      {step === LAST && <FormAlert message={submit.message} />}
      <div class="intake-steps__nav">
        {step > 0 && (
          <Button testid="intake-back" onClick={() => goTo(step - 1)}>
            {t('intake.back')}
          </Button>
        )}
        {step < LAST ? (
          <button type="submit" class="button" data-testid="intake-next">
            {t('intake.next')}
          </button>
        ) : (
          <SubmitButton
            busy={submit.busy}
            labels={[t('intake.submit'), t('intake.sending')]}
            testid="intake-submit"
          />
        )}
      </div>

      <div class="intake__kept" data-testid="intake-kept">
        <p>{t('intake.kept')}</p>
        <Button small testid="intake-forget" onClick={forget}>
          {t('intake.forget')}
        </Button>
      </div>
    </form>
  )
}
