import { CONTACT_CHANNELS } from '@tandem/vocab'
import type { ComponentChildren } from 'preact'
import { useI18n } from '../../i18n/context'
import { Availability } from '../../kit/availability'
import { Checkboxes, ChoiceGroup, Radios, YesBox } from '../../kit/choices'
import { EmailField, PhoneField, TextField } from '../../kit/inputs'
import { contactChannelLabel, needLabel } from '../../lib/labels'
import { useVocabulary } from '../programs/vocabulary'
import { type Answers, COMMON_LANGUAGES, type IntakeForm } from './intake'
import { ConsentQuestion, Demographics, LanguagesQuestion, LocationQuestion, Question } from './questions'

/** The answers kept as lists of codes. */
export type ListAnswer = 'interests' | 'availability' | 'settlementNeeds' | 'accessNeeds'

/** What each step of the application form works with: the form, the answers so far, their errors, setters. */
export interface StepProps {
  form: IntakeForm
  answers: Answers
  /** Messages by answer path (the API's and the form's own checks). */
  errors: Record<string, string>
  set: <K extends keyof Answers>(name: K, value: Answers[K]) => void
  toggle: (name: ListAnswer, value: string, on: boolean) => void
}

/** A question of checkboxes, one per code of a list. */
function Choices(
  props: StepProps & {
    name: ListAnswer
    id: string
    legend: string
    codes: string[]
    testid: string
    labelOf: (code: string) => ComponentChildren
  },
) {
  const { t } = useI18n()
  const { name } = props
  return (
    <Question>
      <Checkboxes
        id={props.id}
        legend={props.legend}
        hint={t('intake.chooseAny')}
        error={props.errors[name]}
        name={name}
        options={props.codes}
        labelOf={props.labelOf}
        testid={(code) => `${props.testid}-${code}`}
        checked={(code) => props.answers[name].includes(code)}
        onToggle={(code, on) => props.toggle(name, code, on)}
      />
    </Question>
  )
}

/** An optional line of text. */
function OptionalText(props: StepProps & { name: 'neighborhood' | 'sector'; id: string; label: string }) {
  const { t } = useI18n()
  return (
    <Question>
      <TextField
        id={props.id}
        label={props.label}
        hint={t('intake.optional')}
        error={props.errors[props.name]}
        maxLength={80}
        value={props.answers[props.name]}
        onValue={(value) => props.set(props.name, value)}
      />
    </Question>
  )
}

/** Step 1: who is applying (newcomer or mentor), their name, and how many newcomers a mentor can take. */
export function YouStep({ answers, errors, set }: StepProps) {
  const { t } = useI18n()
  return (
    <>
      <Question>
        <ChoiceGroup id="intake-role" legend={t('intake.role')} error={errors.role} class="choices--cards">
          <Radios
            name="role"
            options={['mentee', 'mentor'] as const}
            value={answers.role}
            testid={(role) => `intake-role-${role}`}
            labelOf={(role) =>
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
            onChange={(role) => set('role', role)}
          />
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

      {answers.role === 'mentor' && (
        <Question>
          <ChoiceGroup
            id="intake-capacity"
            legend={t('intake.capacity')}
            error={errors.capacity}
            class="choices--inline"
          >
            <Radios
              name="capacity"
              options={['1', '2', '3']}
              value={answers.capacity}
              labelOf={(n) => n}
              onChange={(n) => set('capacity', n)}
            />
          </ChoiceGroup>
        </Question>
      )}
    </>
  )
}

/** Step 2: how to reach them (an address; with the program's phone question also a phone and a preference). */
export function ContactStep({ form, answers, errors, set }: StepProps) {
  const { t } = useI18n()
  const asksPhone = form.fields.phone
  const email = (
    <Question>
      <EmailField
        id="intake-email"
        label={t('intake.email')}
        hint={asksPhone ? t('intake.emailHintOrPhone') : t('intake.emailHint')}
        error={errors.email}
        inputMode="email"
        autocomplete="email"
        autocapitalize="none"
        value={answers.email}
        onValue={(value) => set('email', value)}
      />
    </Question>
  )
  if (!asksPhone) return email
  return (
    <>
      <p>{t('intake.contactHint')}</p>
      <Question>
        <PhoneField
          id="intake-phone"
          label={t('intake.phone')}
          hint={t('intake.phoneHint')}
          error={errors.phone}
          inputMode="tel"
          autocomplete="tel"
          value={answers.phone}
          onValue={(value) => set('phone', value)}
        />
      </Question>
      {email}
      <Question>
        <ChoiceGroup
          id="intake-contact-preference"
          legend={t('intake.contactPreference')}
          hint={t('intake.optional')}
          error={errors.contactPreference}
        >
          <Radios
            name="contactPreference"
            options={CONTACT_CHANNELS}
            value={answers.contactPreference}
            testid={(channel) => `intake-contact-${channel}`}
            labelOf={(channel) => contactChannelLabel(t, channel)}
            onChange={(channel) => set('contactPreference', channel)}
          />
        </ChoiceGroup>
      </Question>
    </>
  )
}

/** Step 3: languages, interpretation, interests, neighbourhood, sector, availability, location. */
export function LanguagesStep(props: StepProps) {
  const { t } = useI18n()
  const { form, answers, errors, set, toggle } = props
  const vocabulary = useVocabulary(form.program.labels)
  const f = form.fields
  return (
    <>
      <Question>
        <LanguagesQuestion
          rows={answers.languages}
          choices={[...new Set([...form.program.languages, ...COMMON_LANGUAGES])]}
          errors={errors}
          onChange={(rows) => set('languages', rows)}
        />
      </Question>

      <Question>
        <YesBox
          id="intake-interpretation"
          legend={t('intake.interpretation')}
          label={t('intake.interpretationYes')}
          name="wantsInterpretation"
          error={errors.wantsInterpretation}
          value={answers.wantsInterpretation}
          onValue={(on) => set('wantsInterpretation', on)}
        />
      </Question>

      {form.program.interests.length > 0 && (
        <Choices
          {...props}
          name="interests"
          id="intake-interests"
          legend={t('intake.interests')}
          codes={form.program.interests}
          testid="intake-interest"
          labelOf={(code) => <bdi>{vocabulary.interest(code)}</bdi>}
        />
      )}

      <OptionalText
        {...props}
        name="neighborhood"
        id="intake-neighborhood"
        label={t('intake.neighborhood')}
      />
      {f.sector && <OptionalText {...props} name="sector" id="intake-sector" label={t('intake.sector')} />}

      {f.availability && (
        <Question>
          <Availability
            idPrefix="intake"
            legend={t('intake.availability')}
            hint={t('intake.chooseAny')}
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
    </>
  )
}

/** The two lists of needs the program may ask about, asked the same way. */
const NEED_QUESTIONS = [
  { name: 'settlementNeeds', id: 'intake-needs', legend: 'intake.settlementNeeds', testid: 'intake-need' },
  { name: 'accessNeeds', id: 'intake-access', legend: 'intake.accessNeeds', testid: 'intake-access' },
] as const

/** Step 4: settlement and access needs, the optional demographics, and consent. */
export function ConsentStep(props: StepProps) {
  const { t } = useI18n()
  const { form, answers, errors, set } = props
  const f = form.fields
  return (
    <>
      {NEED_QUESTIONS.map(
        (q) =>
          f[q.name] && (
            <Choices
              key={q.name}
              {...props}
              name={q.name}
              id={q.id}
              legend={t(q.legend)}
              codes={form.options[q.name]}
              testid={q.testid}
              labelOf={(code) => needLabel(t, code)}
            />
          ),
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
    </>
  )
}
