import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Checkboxes, Choice, ChoiceGroup } from '../../kit/choices'
import { FormAlert, SubmitButton, useSubmit } from '../../kit/form'
import { TextField } from '../../kit/inputs'
import type { ApiError, FieldError } from '../../lib/api'
import { ok, params } from '../../lib/client'
import type { PlainKey } from '../../lib/labels'
import { needLabel } from '../../lib/labels'
import { toggled } from '../../lib/lists'
import { useVocabulary } from '../programs/vocabulary'
import {
  type Answers,
  COMMON_LANGUAGES,
  checkAnswers,
  type IntakeForm,
  intakeBody,
  intakeMessage,
  intakePaths,
  intakeRoute,
  NO_ANSWERS,
} from './intake'
import {
  Availability,
  ConsentQuestion,
  Demographics,
  LanguagesQuestion,
  LocationQuestion,
  Question,
} from './questions'

type ListAnswer = 'interests' | 'availability' | 'settlementNeeds' | 'accessNeeds'

/** The questions the program asks, one per box; checked here first, then by the API. */
export function ApplicationForm(props: {
  form: IntakeForm
  org: string
  onSent: (email: string) => void
  onConsentChanged: () => void
}) {
  const { t, locale } = useI18n()
  const { form } = props
  const vocabulary = useVocabulary(form.program.labels)
  const formRef = useRef<HTMLFormElement>(null)
  const [answers, setAnswers] = useState<Answers>(NO_ANSWERS)
  // Keys, not sentences: they follow a change of language.
  const [clientErrors, setClientErrors] = useState<Record<string, PlainKey>>({})
  // A new consent text (the program moved to another version): it has to be read and ticked again.
  const version = useRef(form.consent.version)
  useEffect(() => {
    if (version.current === form.consent.version) return
    version.current = form.consent.version
    setAnswers((current) => ({ ...current, consent: false }))
  }, [form.consent.version])
  const fieldMessage = useCallback((error: FieldError) => intakeMessage(t, error), [t])
  const onError = useCallback(
    (error: ApiError) => {
      if (error.status === 409) props.onConsentChanged()
      return undefined
    },
    [props.onConsentChanged],
  )
  const submit = useSubmit(intakePaths(answers), { formRef, fieldMessage, onError })
  const errors: Record<string, string> = { ...submit.fields }
  for (const [path, key] of Object.entries(clientErrors)) errors[path] = t(key)
  const set = <K extends keyof Answers>(key: K, value: Answers[K]) =>
    setAnswers((current) => ({ ...current, [key]: value }))
  const toggle = (key: ListAnswer, value: string, on: boolean) =>
    setAnswers((current) => ({ ...current, [key]: toggled(current[key], value, on) }))

  const onSubmit = (event: Event) => {
    event.preventDefault()
    const found = checkAnswers(answers)
    setClientErrors(found)
    if (Object.keys(found).length > 0) {
      submit.clear()
      requestAnimationFrame(() =>
        formRef.current
          ?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[data-invalid] input')
          ?.focus(),
      )
      return
    }
    const email = answers.email.trim()
    const body = intakeBody(form, answers, locale)
    if (!body) return
    submit.run(async () => {
      await ok(intakeRoute.$post({ param: params({ org: props.org, program: form.program.id }), json: body }))
      props.onSent(email)
      requestAnimationFrame(() => window.scrollTo(0, 0))
    })
  }

  const f = form.fields
  /** A question of checkboxes, one per code of a list. */
  const choices = (key: ListAnswer, id: string, legend: string, codes: string[], testid: string) => (
    <Question>
      <Checkboxes
        id={id}
        legend={legend}
        hint={t('intake.chooseAny')}
        error={errors[key]}
        name={key}
        options={codes}
        labelOf={(code) =>
          key === 'interests' ? <bdi>{vocabulary.interest(code)}</bdi> : needLabel(t, code)
        }
        testid={testid ? (code) => `${testid}-${code}` : undefined}
        checked={(code) => answers[key].includes(code)}
        onToggle={(code, on) => toggle(key, code, on)}
      />
    </Question>
  )
  const text = (key: 'neighborhood' | 'sector', id: string, label: string) => (
    <Question>
      <TextField
        id={id}
        label={label}
        hint={t('intake.optional')}
        error={errors[key]}
        maxLength={80}
        value={answers[key]}
        onValue={(value) => set(key, value)}
      />
    </Question>
  )

  return (
    <form ref={formRef} class="form intake__form" noValidate onSubmit={onSubmit} data-testid="intake-form">
      <Question>
        <ChoiceGroup id="intake-role" legend={t('intake.role')} error={errors.role} class="choices--cards">
          {(['mentee', 'mentor'] as const).map((role) => (
            <Choice
              key={role}
              type="radio"
              name="role"
              value={role}
              testid={`intake-role-${role}`}
              checked={answers.role === role}
              label={
                role === 'mentee' ? (
                  <>
                    <strong>{t('intake.roleMentee')}</strong>
                    <span class="choice__hint">{t('intake.roleMenteeHint')}</span>
                  </>
                ) : (
                  <>
                    <strong>{t('intake.roleMentor')}</strong>
                    <span class="choice__hint">{t('intake.roleMentorHint')}</span>
                  </>
                )
              }
              onChange={(on) => on && set('role', role)}
            />
          ))}
        </ChoiceGroup>
      </Question>

      <Question>
        <TextField
          id="intake-name"
          label={t('intake.name')}
          hint={t('intake.nameHint')}
          error={errors.displayName}
          maxLength={120}
          autocomplete="name"
          value={answers.displayName}
          onValue={(value) => set('displayName', value)}
        />
      </Question>

      <Question>
        <TextField
          id="intake-email"
          label={t('intake.email')}
          hint={t('intake.emailHint')}
          error={errors.email}
          type="email"
          dir="ltr"
          inputMode="email"
          maxLength={254}
          autocomplete="email"
          autocapitalize="none"
          spellcheck={false}
          value={answers.email}
          onValue={(value) => set('email', value)}
        />
      </Question>

      {f.phone && (
        <Question>
          <TextField
            id="intake-phone"
            label={t('intake.phone')}
            hint={t('intake.optional')}
            error={errors.phone}
            type="tel"
            dir="ltr"
            inputMode="tel"
            maxLength={40}
            autocomplete="tel"
            value={answers.phone}
            onValue={(value) => set('phone', value)}
          />
        </Question>
      )}

      <Question>
        <LanguagesQuestion
          rows={answers.languages}
          choices={[...new Set([...form.program.languages, ...COMMON_LANGUAGES])]}
          errors={errors}
          onChange={(rows) => set('languages', rows)}
        />
      </Question>

      <Question>
        <ChoiceGroup
          id="intake-interpretation"
          legend={t('intake.interpretation')}
          error={errors.wantsInterpretation}
        >
          <Choice
            name="wantsInterpretation"
            value="yes"
            testid="intake-interpretation"
            checked={answers.wantsInterpretation}
            label={t('intake.interpretationYes')}
            onChange={(on) => set('wantsInterpretation', on)}
          />
        </ChoiceGroup>
      </Question>

      {answers.role === 'mentor' && (
        <Question>
          <ChoiceGroup
            id="intake-capacity"
            legend={t('intake.capacity')}
            error={errors.capacity}
            class="choices--inline"
          >
            {['1', '2', '3'].map((n) => (
              <Choice
                key={n}
                type="radio"
                name="capacity"
                value={n}
                checked={answers.capacity === n}
                label={n}
                onChange={(on) => on && set('capacity', n)}
              />
            ))}
          </ChoiceGroup>
        </Question>
      )}

      {form.program.interests.length > 0 &&
        choices(
          'interests',
          'intake-interests',
          t('intake.interests'),
          form.program.interests,
          'intake-interest',
        )}

      {text('neighborhood', 'intake-neighborhood', t('intake.neighborhood'))}
      {f.sector && text('sector', 'intake-sector', t('intake.sector'))}

      {f.availability && (
        <Question>
          <Availability
            days={form.options.days}
            parts={form.options.dayParts}
            selected={answers.availability}
            error={errors.availability}
            onToggle={(slot, on) => toggle('availability', slot, on)}
          />
        </Question>
      )}

      {f.location && (
        <Question>
          <LocationQuestion
            value={answers.location}
            error={errors.location}
            onChange={(location) => set('location', location)}
          />
        </Question>
      )}

      {f.settlementNeeds &&
        choices(
          'settlementNeeds',
          'intake-needs',
          t('intake.settlementNeeds'),
          form.options.settlementNeeds,
          'intake-need',
        )}
      {f.accessNeeds &&
        choices(
          'accessNeeds',
          'intake-access',
          t('intake.accessNeeds'),
          form.options.accessNeeds,
          'intake-access',
        )}

      {f.demographics && form.consent.demographics && (
        <Question>
          <Demographics
            text={form.consent.demographics}
            ageBands={form.options.ageBands}
            answers={answers}
            errors={errors}
            set={set}
          />
        </Question>
      )}

      <Question>
        <ConsentQuestion
          lines={form.consent.text.split('\n').filter(Boolean)}
          accept={form.consent.accept}
          lang={form.locale}
          dir={form.dir}
          checked={answers.consent}
          error={errors.consent}
          onChange={(checked) => set('consent', checked)}
        />
      </Question>

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
      <FormAlert message={submit.message} />
      <SubmitButton
        busy={submit.busy}
        labels={[t('intake.submit'), t('intake.sending')]}
        testid="intake-submit"
      />
    </form>
  )
}
