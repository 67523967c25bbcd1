import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { Choice, ChoiceGroup, Radios } from '../../kit/choices'
import { CodeSelect, TextField } from '../../kit/inputs'
import { useRows } from '../../kit/use-rows'
import { languageLabel } from '../../lib/text'
import { type Answers, ageLabel, intakeLevelLabel, type LanguageAnswer } from './intake'

/** The longer questions of the application form, each in its own box. */

/** One question of the form, boxed, so each stands on its own on a small screen. */
export function Question(props: { children: ComponentChildren }) {
  return <div class="question">{props.children}</div>
}

/** The languages the person speaks, each with how well; up to twelve. */
export function LanguagesQuestion(props: {
  rows: LanguageAnswer[]
  choices: readonly string[]
  errors: Record<string, string>
  onChange: (rows: LanguageAnswer[]) => void
}) {
  const { t, locale } = useI18n()
  const { rows, errors } = props
  const { update, remove, add } = useRows(rows, props.onChange)
  const choose = { label: t('form.choose') }
  return (
    <fieldset class="choices" data-testid="intake-languages" id="intake-languages">
      <legend>{t('intake.languages')}</legend>
      <p class="field__hint">{t('intake.languagesHint')}</p>
      {errors.languages && (
        <p class="field__error" data-testid="intake-languages-error">
          {errors.languages}
        </p>
      )}
      <ol class="language-rows">
        {rows.map((row, index) => (
          <li key={row.key} class="language-row" data-testid="intake-language-row">
            <CodeSelect
              id={`intake-lang-${row.key}`}
              testid="intake-language-code"
              label={t('intake.language', { number: index + 1 })}
              error={errors[`languages.${index}.code`]}
              empty={choose}
              options={props.choices}
              labelOf={(code) => languageLabel(locale, code)}
              value={row.code}
              onValue={(code) => update(index, { code })}
            />
            <CodeSelect
              id={`intake-level-${row.key}`}
              testid="intake-language-level"
              label={t('intake.level')}
              error={errors[`languages.${index}.level`]}
              empty={choose}
              codes={intakeLevelLabel}
              value={row.level}
              onValue={(level) => update(index, { level })}
            />
            {rows.length > 1 && (
              <Button onClick={() => remove(index)}>
                {t('intake.languageRemove', { number: index + 1 })}
              </Button>
            )}
          </li>
        ))}
      </ol>
      {rows.length < 12 && (
        <Button
          testid="intake-language-add"
          onClick={() =>
            add(
              (key) => ({ key, code: '', level: '' }),
              (key) => `intake-lang-${key}`,
            )
          }
        >
          {t('intake.languageAdd')}
        </Button>
      )}
    </fieldset>
  )
}

/** Where the person lives, from the browser's location (rounded to about 100 m), if they want. */
export function LocationQuestion(props: {
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

/** Optional questions about the person, asked only with their consent. */
export function Demographics(props: {
  text: string
  ageBands: string[]
  answers: Answers
  errors: Record<string, string>
  set: <K extends keyof Answers>(key: K, value: Answers[K]) => void
}) {
  const { t } = useI18n()
  const { answers, errors, set } = props
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
            <Radios
              name="ageBand"
              options={props.ageBands}
              value={answers.ageBand}
              labelOf={(band) => ageLabel(t, band)}
              onChange={(band) => set('ageBand', band)}
            />
          </ChoiceGroup>
          <TextField
            id="intake-gender"
            label={t('intake.gender')}
            hint={t('intake.optional')}
            error={errors['demographics.gender']}
            maxLength={40}
            value={answers.gender}
            onValue={(gender) => set('gender', gender)}
          />
          <TextField
            id="intake-arrival"
            label={t('intake.arrivalYear')}
            hint={t('intake.optional')}
            error={errors['demographics.arrivalYear']}
            inputMode="numeric"
            dir="ltr"
            maxLength={4}
            class="input--short"
            value={answers.arrivalYear}
            onValue={(year) => set('arrivalYear', year.replace(/[^0-9٠-٩۰-۹]/g, ''))}
          />
          <TextField
            id="intake-origin"
            label={t('intake.origin')}
            hint={t('intake.optional')}
            error={errors['demographics.regionOfOrigin']}
            maxLength={80}
            value={answers.regionOfOrigin}
            onValue={(origin) => set('regionOfOrigin', origin)}
          />
        </>
      )}
    </fieldset>
  )
}

/** The consent text from the API, in the chosen language, and its required checkbox. */
export function ConsentQuestion(props: {
  lines: string[]
  accept: string
  lang: string
  dir: 'ltr' | 'rtl'
  checked: boolean
  error?: string | undefined
  onChange: (checked: boolean) => void
}) {
  const { t } = useI18n()
  return (
    <fieldset
      class="choices consent"
      data-testid="intake-consent"
      data-invalid={props.error ? 'true' : undefined}
    >
      <legend>{t('intake.consent')}</legend>
      <div class="consent__text" data-testid="intake-consent-text" lang={props.lang} dir={props.dir}>
        {props.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {props.error && (
        <p class="field__error" id="intake-consent-error" data-testid="intake-consent-error">
          {props.error}
        </p>
      )}
      <label class="choice choice--strong">
        <input
          class="choice__input"
          type="checkbox"
          name="consent"
          data-testid="intake-consent-box"
          required
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? 'intake-consent-error' : undefined}
          checked={props.checked}
          onChange={(event) => props.onChange(event.currentTarget.checked)}
        />
        <span lang={props.lang}>{props.accept}</span>
      </label>
    </fieldset>
  )
}
