import type { ComponentChildren } from 'preact'
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, apiGet, apiSend, type FieldError } from '../api'
import { Choice, ChoiceGroup } from '../components/fields'
import { Field, FormAlert, SubmitButton, useSubmit } from '../components/form'
import { LoadError, Loading, useLoad } from '../components/load'
import { useI18n, useTitle } from '../i18n/context'
import { directionOf, LOCALES, languageName } from '../i18n/i18n'
import type { MessageKey, Translate } from '../i18n/types'
import { isolate } from '../org'
import { type CefrLevel, languageLabel, needLabel } from '../programs'

/** `GET /api/v1/public/programs/{org}/{program}/intake?locale=` */
interface IntakeForm {
  organization: { name: string }
  program: {
    id: string
    name: string
    description: string
    languages: string[]
    interests: string[]
    goalAreas: string[]
  }
  fields: Record<
    'phone' | 'sector' | 'availability' | 'location' | 'demographics' | 'settlementNeeds' | 'accessNeeds',
    boolean
  >
  coreFields: string[]
  requiredFields: string[]
  options: {
    roles: string[]
    cefrLevels: string[]
    settlementNeeds: string[]
    accessNeeds: string[]
    ageBands: string[]
    days: string[]
    dayParts: string[]
  }
  consent: { version: string; text: string; accept: string; demographics: string | null }
  locale: string
  dir: 'ltr' | 'rtl'
  locales: string[]
}

/** Languages people often speak in our programs, offered besides the program's own. */
const COMMON_LANGUAGES = ['ar', 'fa', 'prs', 'ps', 'uk', 'ru', 'ku', 'tr', 'ti', 'so', 'es', 'fr', 'en', 'de']

/** The levels the form offers, in plain words (`level.*` keys); C2 is folded into "very well". */
const LEVELS: readonly CefrLevel[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'native']
const LEVEL_KEYS: Record<string, MessageKey> = {
  A1: 'intake.level.A1',
  A2: 'intake.level.A2',
  B1: 'intake.level.B1',
  B2: 'intake.level.B2',
  C1: 'intake.level.C1',
  native: 'intake.level.native',
}

const plain = (t: Translate) => t as unknown as (key: MessageKey) => string

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits → 0–9. */
const westernDigits = (text: string) =>
  text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.codePointAt(0) ?? 0) & 0xf))

const intakeApi = (org: string, program: string) =>
  `/api/v1/public/programs/${encodeURIComponent(org)}/${encodeURIComponent(program)}/intake`

/** `/apply/{org}/{program}`: the public application form. No account; in the language the person chooses. */
export default function Intake(props: { org: string; program: string }) {
  const { t, locale } = useI18n()
  const localeRef = useRef(locale)
  localeRef.current = locale
  const key = `${props.org}/${props.program}`
  const { state, reload } = useLoad(key, (signal) =>
    apiGet<IntakeForm>(
      `${intakeApi(props.org, props.program)}?locale=${encodeURIComponent(localeRef.current)}`,
      {
        signal,
        cache: 'no-store',
      },
    ),
  )
  // A new language: ask again for the consent text in it. The answers typed so far stay.
  const shown = useRef(locale)
  useEffect(() => {
    if (shown.current === locale) return
    shown.current = locale
    reload()
  }, [locale, reload])
  const [sentTo, setSentTo] = useState<string | null>(null)
  useTitle(state.kind === 'ok' ? state.data.program.name : t('intake.title'))

  if (state.kind === 'loading') {
    return (
      <div class="page intake">
        <Loading />
      </div>
    )
  }
  if (state.kind === 'error') {
    const closed = state.error instanceof ApiError && state.error.status === 404
    return (
      <div class="page intake">
        <LanguageButtons locales={LOCALES} />
        <h1>{t('intake.title')}</h1>
        {closed ? (
          <p class="alert" data-testid="intake-closed">
            {t('intake.closed')}
          </p>
        ) : (
          <LoadError error={state.error} />
        )}
      </div>
    )
  }

  const form = state.data
  if (sentTo !== null) {
    return (
      <div class="page intake" data-testid="intake-done">
        <p class="intake__icon" aria-hidden="true">
          ✓
        </p>
        <h1>{t('intake.doneTitle')}</h1>
        <p class="lead">{t('intake.doneBody', { program: isolate(form.program.name) })}</p>
        <p>
          {t('intake.doneEmail')}{' '}
          <bdi dir="ltr" class="nowrap">
            {sentTo}
          </bdi>
        </p>
        <p>{t('intake.doneNext')}</p>
      </div>
    )
  }

  return (
    <div class="page intake">
      <LanguageButtons locales={LOCALES.filter((code) => form.locales.includes(code))} />
      <p class="intake__org">
        <bdi>{form.organization.name}</bdi>
      </p>
      <h1 data-testid="intake-title">
        <bdi>{form.program.name}</bdi>
      </h1>
      {form.program.description && (
        <p class="lead">
          <bdi>{form.program.description}</bdi>
        </p>
      )}
      <p>{t('intake.intro')}</p>
      <ApplicationForm form={form} org={props.org} onSent={setSentTo} onConsentChanged={reload} />
    </div>
  )
}

/** Big buttons, each language named in itself: the first thing on the page. */
function LanguageButtons(props: { locales: readonly string[] }) {
  const { t, locale, pending, setLocale } = useI18n()
  if (props.locales.length < 2) return null
  return (
    <nav class="intake__languages" aria-label={t('intake.chooseLanguage')}>
      <ul>
        {props.locales.map((code) => (
          <li key={code}>
            <button
              type="button"
              class={`language-button ${code === locale ? 'language-button--current' : ''}`}
              lang={code}
              dir={directionOf(code)}
              aria-pressed={code === locale ? 'true' : 'false'}
              aria-busy={pending === code ? 'true' : undefined}
              data-testid={`intake-language-${code}`}
              onClick={() => {
                setLocale(code).catch(() => {})
              }}
            >
              {languageName(code)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}

interface LanguageAnswer {
  key: number
  code: string
  level: CefrLevel | ''
}

interface Answers {
  role: 'mentee' | 'mentor' | ''
  displayName: string
  email: string
  phone: string
  languages: LanguageAnswer[]
  wantsInterpretation: boolean
  interests: string[]
  neighborhood: string
  capacity: string
  sector: string
  availability: string[]
  location: { lat: number; lon: number } | null
  settlementNeeds: string[]
  accessNeeds: string[]
  demographicsConsent: boolean
  ageBand: string
  gender: string
  arrivalYear: string
  regionOfOrigin: string
  consent: boolean
  website: string
}

const BASE_PATHS = [
  'role',
  'displayName',
  'email',
  'phone',
  'languages',
  'wantsInterpretation',
  'interests',
  'neighborhood',
  'capacity',
  'sector',
  'availability',
  'location',
  'settlementNeeds',
  'accessNeeds',
  'demographics',
  'demographicsConsent',
  'consent',
]

/** The translated sentence for an intake field error, from its path and `code`; the API's English otherwise. */
function intakeMessage(t: Translate, error: FieldError): string {
  const field = error.path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.')
  const specific: Record<string, MessageKey> = {
    'role:required': 'intake.error.role',
    'role:not_in_list': 'intake.error.role',
    'displayName:required': 'intake.error.name',
    'email:required': 'intake.error.emailRequired',
    'email:invalid': 'intake.error.email',
    'phone:invalid': 'intake.error.phone',
    'languages:required': 'intake.error.languages',
    'languages:duplicate': 'intake.error.languagesTwice',
    'languages.code:required': 'intake.error.languageCode',
    'languages.code:invalid': 'intake.error.languageCode',
    'languages.level:required': 'intake.error.level',
    'languages.level:not_in_list': 'intake.error.level',
    'consent.accepted:required': 'intake.error.consent',
    'consent.accepted:invalid': 'intake.error.consent',
    'consent:required': 'intake.error.consent',
  }
  const generic: Record<string, MessageKey> = {
    required: 'intake.error.required',
    invalid: 'intake.error.invalid',
    too_long: 'intake.error.tooLong',
    too_many: 'intake.error.tooMany',
    duplicate: 'intake.error.duplicate',
    not_in_list: 'intake.error.notInList',
    not_asked: 'intake.error.notAsked',
    needs_consent: 'intake.error.needsConsent',
    consent_changed: 'intake.error.consentChanged',
  }
  const key = error.code ? (specific[`${field}:${error.code}`] ?? generic[error.code]) : undefined
  return key ? plain(t)(key) : error.message
}

function ApplicationForm(props: {
  form: IntakeForm
  org: string
  onSent: (email: string) => void
  onConsentChanged: () => void
}) {
  const { t, locale } = useI18n()
  const { form } = props
  const formRef = useRef<HTMLFormElement>(null)
  const nextKey = useRef(1)
  const [answers, setAnswers] = useState<Answers>({
    role: '',
    displayName: '',
    email: '',
    phone: '',
    languages: [{ key: 0, code: '', level: '' }],
    wantsInterpretation: false,
    interests: [],
    neighborhood: '',
    capacity: '1',
    sector: '',
    availability: [],
    location: null,
    settlementNeeds: [],
    accessNeeds: [],
    demographicsConsent: false,
    ageBand: '',
    gender: '',
    arrivalYear: '',
    regionOfOrigin: '',
    consent: false,
    website: '',
  })
  // Keys, not sentences: they follow a change of language.
  const [clientErrors, setClientErrors] = useState<Record<string, MessageKey>>({})
  // A new consent text (the program moved to another version): it has to be read and ticked again.
  const version = useRef(form.consent.version)
  useEffect(() => {
    if (version.current === form.consent.version) return
    version.current = form.consent.version
    setAnswers((current) => ({ ...current, consent: false }))
  }, [form.consent.version])
  const paths = [
    ...BASE_PATHS,
    ...answers.languages.flatMap((_, i) => [`languages.${i}.code`, `languages.${i}.level`]),
    'demographics.ageBand',
    'demographics.gender',
    'demographics.arrivalYear',
    'demographics.regionOfOrigin',
  ]
  const fieldMessage = useCallback((error: FieldError) => intakeMessage(t, error), [t])
  const onError = useCallback(
    (error: ApiError) => {
      if (error.status === 409) props.onConsentChanged()
      return undefined
    },
    [props.onConsentChanged],
  )
  const submit = useSubmit(paths, { formRef, fieldMessage, onError })
  const errors: Record<string, string> = { ...submit.fields }
  for (const [path, key] of Object.entries(clientErrors)) errors[path] = plain(t)(key)
  const set = <K extends keyof Answers>(key: K, value: Answers[K]) =>
    setAnswers((current) => ({ ...current, [key]: value }))
  const toggle = (
    key: 'interests' | 'availability' | 'settlementNeeds' | 'accessNeeds',
    value: string,
    on: boolean,
  ) =>
    setAnswers((current) => ({
      ...current,
      [key]: on ? [...current[key], value] : current[key].filter((x) => x !== value),
    }))
  const setLanguage = (index: number, change: Partial<LanguageAnswer>) =>
    set(
      'languages',
      answers.languages.map((row, i) => (i === index ? { ...row, ...change } : row)),
    )

  const languageChoices = [...new Set([...form.program.languages, ...COMMON_LANGUAGES])]

  /** Plain checks before sending (the API checks everything again); errors go next to their question. */
  const check = (): Record<string, MessageKey> => {
    const found: Record<string, MessageKey> = {}
    if (!answers.role) found.role = 'intake.error.role'
    if (!answers.displayName.trim()) found.displayName = 'intake.error.name'
    if (!answers.email.trim()) found.email = 'intake.error.emailRequired'
    answers.languages.forEach((row, i) => {
      if (!row.code) found[`languages.${i}.code`] = 'intake.error.languageCode'
      if (!row.level) found[`languages.${i}.level`] = 'intake.error.level'
    })
    if (!answers.consent) found.consent = 'intake.error.consent'
    return found
  }

  const body = () => {
    const a = answers
    const f = form.fields
    const demographics: Record<string, string | number> = {}
    if (a.ageBand) demographics.ageBand = a.ageBand
    if (a.gender.trim()) demographics.gender = a.gender.trim()
    if (a.arrivalYear.trim()) demographics.arrivalYear = Number(westernDigits(a.arrivalYear.trim()))
    if (a.regionOfOrigin.trim()) demographics.regionOfOrigin = a.regionOfOrigin.trim()
    return {
      role: a.role,
      locale: form.locale,
      preferredLocale: locale,
      consent: { version: form.consent.version, accepted: a.consent },
      website: a.website,
      displayName: a.displayName.trim(),
      email: a.email.trim(),
      languages: a.languages.map(({ code, level }) => ({ code, level })),
      wantsInterpretation: a.wantsInterpretation,
      ...(form.program.interests.length > 0 ? { interests: a.interests } : {}),
      neighborhood: a.neighborhood.trim() || null,
      ...(a.role === 'mentor' ? { capacity: Number(a.capacity) } : {}),
      // Questions the program did not switch on are left out entirely (the API refuses answers to them).
      ...(f.phone ? { phone: a.phone.trim() || null } : {}),
      ...(f.sector ? { sector: a.sector.trim() || null } : {}),
      ...(f.availability ? { availability: a.availability } : {}),
      ...(f.location ? { location: a.location } : {}),
      ...(f.settlementNeeds ? { settlementNeeds: a.settlementNeeds } : {}),
      ...(f.accessNeeds ? { accessNeeds: a.accessNeeds } : {}),
      ...(f.demographics
        ? {
            demographicsConsent: a.demographicsConsent,
            demographics: a.demographicsConsent && Object.keys(demographics).length > 0 ? demographics : null,
          }
        : {}),
    }
  }

  const onSubmit = (event: Event) => {
    event.preventDefault()
    const found = check()
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
    submit.run(async () => {
      await apiSend('POST', intakeApi(props.org, form.program.id), body())
      props.onSent(email)
      requestAnimationFrame(() => window.scrollTo(0, 0))
    })
  }

  const f = form.fields
  const consentLines = form.consent.text.split('\n').filter(Boolean)

  return (
    <form ref={formRef} class="form intake__form" noValidate onSubmit={onSubmit} data-testid="intake-form">
      <Question>
        <ChoiceGroup id="intake-role" legend={t('intake.role')} error={errors.role} class="choices--cards">
          <Choice
            type="radio"
            name="role"
            value="mentee"
            testid="intake-role-mentee"
            checked={answers.role === 'mentee'}
            label={
              <>
                <strong>{t('intake.roleMentee')}</strong>
                <span class="choice__hint">{t('intake.roleMenteeHint')}</span>
              </>
            }
            onChange={(on) => on && set('role', 'mentee')}
          />
          <Choice
            type="radio"
            name="role"
            value="mentor"
            testid="intake-role-mentor"
            checked={answers.role === 'mentor'}
            label={
              <>
                <strong>{t('intake.roleMentor')}</strong>
                <span class="choice__hint">{t('intake.roleMentorHint')}</span>
              </>
            }
            onChange={(on) => on && set('role', 'mentor')}
          />
        </ChoiceGroup>
      </Question>

      <Question>
        <Field
          id="intake-name"
          label={t('intake.name')}
          hint={t('intake.nameHint')}
          error={errors.displayName}
        >
          {(control) => (
            <input
              {...control}
              data-testid="intake-name"
              type="text"
              maxLength={120}
              autocomplete="name"
              value={answers.displayName}
              onInput={(event) => set('displayName', event.currentTarget.value)}
            />
          )}
        </Field>
      </Question>

      <Question>
        <Field id="intake-email" label={t('intake.email')} hint={t('intake.emailHint')} error={errors.email}>
          {(control) => (
            <input
              {...control}
              data-testid="intake-email"
              type="email"
              dir="ltr"
              inputMode="email"
              maxLength={254}
              autocomplete="email"
              autocapitalize="none"
              spellcheck={false}
              value={answers.email}
              onInput={(event) => set('email', event.currentTarget.value)}
            />
          )}
        </Field>
      </Question>

      {f.phone && (
        <Question>
          <Field id="intake-phone" label={t('intake.phone')} hint={t('intake.optional')} error={errors.phone}>
            {(control) => (
              <input
                {...control}
                data-testid="intake-phone"
                type="tel"
                dir="ltr"
                inputMode="tel"
                maxLength={40}
                autocomplete="tel"
                value={answers.phone}
                onInput={(event) => set('phone', event.currentTarget.value)}
              />
            )}
          </Field>
        </Question>
      )}

      <Question>
        <fieldset class="choices" data-testid="intake-languages" id="intake-languages">
          <legend>{t('intake.languages')}</legend>
          <p class="field__hint">{t('intake.languagesHint')}</p>
          {errors.languages && (
            <p class="field__error" data-testid="intake-languages-error">
              {errors.languages}
            </p>
          )}
          <ol class="language-rows">
            {answers.languages.map((row, index) => (
              <li key={row.key} class="language-row" data-testid="intake-language-row">
                <Field
                  id={`intake-lang-${row.key}`}
                  label={t('intake.language', { number: index + 1 })}
                  error={errors[`languages.${index}.code`]}
                >
                  {(control) => (
                    <select
                      {...control}
                      data-testid="intake-language-code"
                      value={row.code}
                      onChange={(event) => setLanguage(index, { code: event.currentTarget.value })}
                    >
                      <option value="">{t('form.choose')}</option>
                      {languageChoices.map((code) => (
                        <option key={code} value={code}>
                          {languageLabel(locale, code)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field
                  id={`intake-level-${row.key}`}
                  label={t('intake.level')}
                  error={errors[`languages.${index}.level`]}
                >
                  {(control) => (
                    <select
                      {...control}
                      data-testid="intake-language-level"
                      value={row.level}
                      onChange={(event) =>
                        setLanguage(index, { level: event.currentTarget.value as CefrLevel })
                      }
                    >
                      <option value="">{t('form.choose')}</option>
                      {LEVELS.map((level) => (
                        <option key={level} value={level}>
                          {plain(t)(LEVEL_KEYS[level] as MessageKey)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {answers.languages.length > 1 && (
                  <button
                    type="button"
                    class="button button--secondary"
                    onClick={() =>
                      set(
                        'languages',
                        answers.languages.filter((_, i) => i !== index),
                      )
                    }
                  >
                    {t('intake.languageRemove', { number: index + 1 })}
                  </button>
                )}
              </li>
            ))}
          </ol>
          {answers.languages.length < 12 && (
            <button
              type="button"
              class="button button--secondary"
              data-testid="intake-language-add"
              onClick={() => {
                const key = nextKey.current++
                set('languages', [...answers.languages, { key, code: '', level: '' }])
                requestAnimationFrame(() => document.getElementById(`intake-lang-${key}`)?.focus())
              }}
            >
              {t('intake.languageAdd')}
            </button>
          )}
        </fieldset>
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

      {form.program.interests.length > 0 && (
        <Question>
          <ChoiceGroup
            id="intake-interests"
            legend={t('intake.interests')}
            hint={t('intake.chooseAny')}
            error={errors.interests}
          >
            {form.program.interests.map((interest) => (
              <Choice
                key={interest}
                name="interests"
                value={interest}
                checked={answers.interests.includes(interest)}
                label={<bdi>{interest.replace(/[_-]+/g, ' ')}</bdi>}
                onChange={(on) => toggle('interests', interest, on)}
              />
            ))}
          </ChoiceGroup>
        </Question>
      )}

      <Question>
        <Field
          id="intake-neighborhood"
          label={t('intake.neighborhood')}
          hint={t('intake.optional')}
          error={errors.neighborhood}
        >
          {(control) => (
            <input
              {...control}
              data-testid="intake-neighborhood"
              type="text"
              maxLength={80}
              value={answers.neighborhood}
              onInput={(event) => set('neighborhood', event.currentTarget.value)}
            />
          )}
        </Field>
      </Question>

      {f.sector && (
        <Question>
          <Field
            id="intake-sector"
            label={t('intake.sector')}
            hint={t('intake.optional')}
            error={errors.sector}
          >
            {(control) => (
              <input
                {...control}
                data-testid="intake-sector"
                type="text"
                maxLength={80}
                value={answers.sector}
                onInput={(event) => set('sector', event.currentTarget.value)}
              />
            )}
          </Field>
        </Question>
      )}

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

      {f.settlementNeeds && (
        <Question>
          <ChoiceGroup
            id="intake-needs"
            legend={t('intake.settlementNeeds')}
            hint={t('intake.chooseAny')}
            error={errors.settlementNeeds}
          >
            {form.options.settlementNeeds.map((need) => (
              <Choice
                key={need}
                name="settlementNeeds"
                value={need}
                testid={`intake-need-${need}`}
                checked={answers.settlementNeeds.includes(need)}
                label={needLabel(t, need)}
                onChange={(on) => toggle('settlementNeeds', need, on)}
              />
            ))}
          </ChoiceGroup>
        </Question>
      )}

      {f.accessNeeds && (
        <Question>
          <ChoiceGroup
            id="intake-access"
            legend={t('intake.accessNeeds')}
            hint={t('intake.chooseAny')}
            error={errors.accessNeeds}
          >
            {form.options.accessNeeds.map((need) => (
              <Choice
                key={need}
                name="accessNeeds"
                value={need}
                testid={`intake-access-${need}`}
                checked={answers.accessNeeds.includes(need)}
                label={needLabel(t, need)}
                onChange={(on) => toggle('accessNeeds', need, on)}
              />
            ))}
          </ChoiceGroup>
        </Question>
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
        <fieldset
          class="choices consent"
          data-testid="intake-consent"
          data-invalid={errors.consent ? 'true' : undefined}
        >
          <legend>{t('intake.consent')}</legend>
          <div class="consent__text" data-testid="intake-consent-text" lang={form.locale} dir={form.dir}>
            {consentLines.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
          {errors.consent && (
            <p class="field__error" id="intake-consent-error" data-testid="intake-consent-error">
              {errors.consent}
            </p>
          )}
          <label class="choice choice--strong">
            <input
              class="choice__input"
              type="checkbox"
              name="consent"
              data-testid="intake-consent-box"
              required
              aria-invalid={errors.consent ? 'true' : undefined}
              aria-describedby={errors.consent ? 'intake-consent-error' : undefined}
              checked={answers.consent}
              onChange={(event) => set('consent', event.currentTarget.checked)}
            />
            <span lang={form.locale}>{form.consent.accept}</span>
          </label>
        </fieldset>
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
        label={t('intake.submit')}
        busyLabel={t('intake.sending')}
        testid="intake-submit"
      />
    </form>
  )
}

/** One question of the form, boxed, so each stands on its own on a small screen. */
function Question(props: { children: ComponentChildren }) {
  return <div class="question">{props.children}</div>
}

function Availability(props: {
  days: string[]
  parts: string[]
  selected: string[]
  error?: string | undefined
  onToggle: (slot: string, on: boolean) => void
}) {
  const { t, locale } = useI18n()
  // 2024-01-01 was a Monday: weekday names in the form's language.
  const dayName = (index: number) =>
    new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + index))
  const partKeys: Record<string, MessageKey> = {
    am: 'intake.morning',
    pm: 'intake.afternoon',
    eve: 'intake.evening',
  }
  return (
    <ChoiceGroup
      id="intake-availability"
      legend={t('intake.availability')}
      hint={t('intake.chooseAny')}
      error={props.error}
    >
      {props.days.map((day, index) => (
        <fieldset key={day} class="choices choices--inline availability__day">
          <legend>{dayName(index)}</legend>
          <div class="choices__list">
            {props.parts.map((part) => {
              const slot = `${day}-${part}`
              return (
                <Choice
                  key={slot}
                  name="availability"
                  value={slot}
                  testid={`intake-slot-${slot}`}
                  checked={props.selected.includes(slot)}
                  label={partKeys[part] ? plain(t)(partKeys[part] as MessageKey) : part}
                  onChange={(on) => props.onToggle(slot, on)}
                />
              )
            })}
          </div>
        </fieldset>
      ))}
    </ChoiceGroup>
  )
}

function LocationQuestion(props: {
  value: { lat: number; lon: number } | null
  error?: string | undefined
  onChange: (value: { lat: number; lon: number } | null) => void
}) {
  const { t } = useI18n()
  const [status, setStatus] = useState<'idle' | 'asking' | 'failed'>('idle')
  const ask = () => {
    if (!('geolocation' in navigator)) {
      setStatus('failed')
      return
    }
    setStatus('asking')
    navigator.geolocation.getCurrentPosition(
      (position) => {
        // About 100 m is enough to match people who live near each other.
        const round = (n: number) => Math.round(n * 1000) / 1000
        props.onChange({ lat: round(position.coords.latitude), lon: round(position.coords.longitude) })
        setStatus('idle')
      },
      () => setStatus('failed'),
      { maximumAge: 600_000, timeout: 20_000 },
    )
  }
  return (
    <ChoiceGroup
      id="intake-location"
      legend={t('intake.location')}
      hint={t('intake.locationHint')}
      error={props.error}
    >
      {props.value ? (
        <>
          <p role="status">{t('intake.locationAdded')}</p>
          <button type="button" class="button button--secondary" onClick={() => props.onChange(null)}>
            {t('intake.locationRemove')}
          </button>
        </>
      ) : (
        <>
          <button type="button" class="button button--secondary" disabled={status === 'asking'} onClick={ask}>
            {status === 'asking' ? t('common.loading') : t('intake.locationShare')}
          </button>
          {status === 'failed' && <p role="status">{t('intake.locationFailed')}</p>}
        </>
      )}
    </ChoiceGroup>
  )
}

function Demographics(props: {
  text: string
  ageBands: string[]
  answers: Answers
  errors: Record<string, string>
  set: <K extends keyof Answers>(key: K, value: Answers[K]) => void
}) {
  const { t } = useI18n()
  const { answers, errors, set } = props
  const ageLabel = (band: string) => {
    const m = /^(\d+)-(\d+)$/.exec(band)
    if (m) return t('intake.ageRange', { from: Number(m[1]), to: Number(m[2]) })
    if (band === 'under-18') return t('intake.ageUnder', { age: 18 })
    const over = /^over-(\d+)$/.exec(band)
    if (over) return t('intake.ageOver', { age: Number(over[1]) })
    return band
  }
  return (
    <fieldset class="choices" data-testid="intake-demographics">
      <legend>{t('intake.aboutYou')}</legend>
      <p>{props.text}</p>
      {errors.demographics && <p class="field__error">{errors.demographics}</p>}
      <Choice
        name="demographicsConsent"
        value="yes"
        testid="intake-demographics-consent"
        checked={answers.demographicsConsent}
        label={t('intake.aboutYouYes')}
        onChange={(on) => set('demographicsConsent', on)}
      />
      {answers.demographicsConsent && (
        <>
          <ChoiceGroup id="intake-age" legend={t('intake.age')} error={errors['demographics.ageBand']}>
            {props.ageBands.map((band) => (
              <Choice
                key={band}
                type="radio"
                name="ageBand"
                value={band}
                checked={answers.ageBand === band}
                label={ageLabel(band)}
                onChange={(on) => on && set('ageBand', band)}
              />
            ))}
          </ChoiceGroup>
          <Field
            id="intake-gender"
            label={t('intake.gender')}
            hint={t('intake.optional')}
            error={errors['demographics.gender']}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                maxLength={40}
                value={answers.gender}
                onInput={(event) => set('gender', event.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            id="intake-arrival"
            label={t('intake.arrivalYear')}
            hint={t('intake.optional')}
            error={errors['demographics.arrivalYear']}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                inputMode="numeric"
                dir="ltr"
                maxLength={4}
                class="input--short"
                value={answers.arrivalYear}
                onInput={(event) =>
                  set('arrivalYear', event.currentTarget.value.replace(/[^0-9٠-٩۰-۹]/g, ''))
                }
              />
            )}
          </Field>
          <Field
            id="intake-origin"
            label={t('intake.origin')}
            hint={t('intake.optional')}
            error={errors['demographics.regionOfOrigin']}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                maxLength={80}
                value={answers.regionOfOrigin}
                onInput={(event) => set('regionOfOrigin', event.currentTarget.value)}
              />
            )}
          </Field>
        </>
      )}
    </fieldset>
  )
}
