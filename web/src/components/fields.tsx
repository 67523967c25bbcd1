import type { ComponentChildren } from 'preact'
import { useI18n } from '../i18n/context'
import { languageLabel, listText, parseCodes } from '../programs'

/**
 * More form pieces for the program pages (lazy): a group of checkboxes or radios in a fieldset with
 * its legend, hint and error, and the hint that names the languages typed as codes.
 */

/** A fieldset of choices. The error has `data-testid="<id>-error"`; the legend labels the group. */
export function ChoiceGroup(props: {
  id: string
  legend: ComponentChildren
  hint?: ComponentChildren
  error?: string | undefined
  class?: string
  children: ComponentChildren
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined
  const errorId = props.error ? `${props.id}-error` : undefined
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined
  return (
    <fieldset
      id={props.id}
      class={`choices ${props.class ?? ''}`}
      aria-describedby={describedBy}
      data-invalid={props.error ? 'true' : undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint && (
        <p class="field__hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={errorId} data-testid={errorId}>
          {props.error}
        </p>
      )}
      <div class="choices__list">{props.children}</div>
    </fieldset>
  )
}

/** One checkbox or radio with its label, as a large touch target. */
export function Choice(props: {
  type?: 'checkbox' | 'radio'
  name: string
  value: string
  checked: boolean
  label: ComponentChildren
  onChange: (checked: boolean) => void
  testid?: string
  required?: boolean
  disabled?: boolean
}) {
  return (
    <label class="choice">
      <input
        class="choice__input"
        type={props.type ?? 'checkbox'}
        name={props.name}
        value={props.value}
        checked={props.checked}
        required={props.required}
        disabled={props.disabled}
        data-testid={props.testid}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <span>{props.label}</span>
    </label>
  )
}

/** "Arabic, Ukrainian": the names of the language codes typed so far, for a field's hint. */
export function LanguageNames(props: { codes: string }) {
  const { t, locale } = useI18n()
  const codes = parseCodes(props.codes)
  if (codes.length === 0) return null
  return (
    <span class="field__names" data-testid="language-names">
      {t('field.languagesRead')}{' '}
      {listText(
        locale,
        codes.map((code) => languageLabel(locale, code)),
      )}
    </span>
  )
}
