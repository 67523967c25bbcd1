import type { ComponentChildren, PartialInputHTMLAttributes, Ref, TextareaHTMLAttributes } from 'preact'
import { useI18n } from '../i18n/context'
import type { Labels } from '../lib/labels'
import { Field } from './form'

/**
 * The controls of a form, each inside its labelled `Field` (hint, error, ARIA wiring). The control's
 * `data-testid` is its id unless `testid` says otherwise.
 */

interface FieldProps {
  id: string
  label: ComponentChildren
  hint?: ComponentChildren
  error?: string | undefined
  testid?: string
  /** The error's test id; default `<id>-error`. */
  errorTestid?: string
}

type InputAttributes = Omit<
  PartialInputHTMLAttributes<HTMLInputElement>,
  'id' | 'label' | 'value' | 'onInput' | 'type' | 'role' | 'list'
>

/** The kinds of one-line input, as attributes: a union the input's typed attributes can tell apart. */
const KINDS = {
  text: { type: 'text' },
  email: { type: 'email' },
  tel: { type: 'tel' },
  search: { type: 'search' },
  date: { type: 'date' },
  'datetime-local': { type: 'datetime-local' },
  month: { type: 'month' },
} as const

/** A one-line text input (also email, tel, search, date, date and time). `onValue` gets the text on every input. */
export function TextField(
  props: FieldProps &
    InputAttributes & {
      type?: keyof typeof KINDS
      value: string
      onValue: (value: string) => void
    },
) {
  const { id, label, hint, error, errorTestid, testid, type, value, onValue, ...attributes } = props
  return (
    <Field id={id} label={label} hint={hint} error={error} errorTestid={errorTestid}>
      {(control) => (
        <input
          {...attributes}
          {...control}
          {...KINDS[type ?? 'text']}
          data-testid={testid ?? id}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
      )}
    </Field>
  )
}

type TextareaAttributes = Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'id' | 'label' | 'value' | 'onInput' | 'role'
>

/** A text of several lines. `inputRef` reaches the textarea (e.g. to focus it). */
export function TextArea(
  props: FieldProps &
    TextareaAttributes & {
      value: string
      onValue: (value: string) => void
      inputRef?: Ref<HTMLTextAreaElement>
    },
) {
  const { id, label, hint, error, errorTestid, testid, value, onValue, inputRef, ...attributes } = props
  return (
    <Field id={id} label={label} hint={hint} error={error} errorTestid={errorTestid}>
      {(control) => (
        <textarea
          {...attributes}
          {...control}
          ref={inputRef}
          data-testid={testid ?? id}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
      )}
    </Field>
  )
}

/** A whole number between `min` and `max`, kept as the typed text (the API names a bad value). */
export function NumberField(
  props: FieldProps & {
    min: number
    max: number
    value: string
    required?: boolean
    onValue: (value: string) => void
  },
) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <input
          {...control}
          data-testid={props.testid ?? props.id}
          class="input--number"
          type="number"
          inputMode="numeric"
          required={props.required ?? true}
          min={props.min}
          max={props.max}
          step={1}
          value={props.value}
          onInput={(event) => props.onValue(event.currentTarget.value)}
        />
      )}
    </Field>
  )
}

/** The first, empty option of a select: "Choose…" (disabled: a real choice is required) or "Any". */
export interface EmptyOption {
  label: string
  disabled?: boolean
}

/** The `<option>`s of a list of codes, each shown by `labelOf`, after an optional empty one. */
export function CodeOptions<T extends string>(props: {
  options: readonly T[]
  labelOf: (code: T) => ComponentChildren
  empty?: EmptyOption | undefined
  /** Each option in its own language (`lang={code}`): for lists of languages named in themselves. */
  lang?: boolean
}) {
  return (
    <>
      {props.empty && (
        <option value="" disabled={props.empty.disabled}>
          {props.empty.label}
        </option>
      )}
      {props.options.map((code) => (
        <option key={code} value={code} lang={props.lang ? code : undefined}>
          {props.labelOf(code)}
        </option>
      ))}
    </>
  )
}

/** The option the select shows as a code of the list, or '' for the empty option. */
export const pickCode = <T extends string>(options: readonly T[], value: string): T | '' =>
  options.find((option) => option === value) ?? ''

/**
 * A labelled select of codes (statuses, roles, reasons, languages...): `codes` names them and lists
 * them all (unless `options` lists fewer); or `options` with `labelOf`.
 */
export function CodeSelect<T extends string>(
  props: FieldProps & {
    value: string
    codes?: Labels<T>
    options?: readonly T[]
    labelOf?: (code: T) => ComponentChildren
    empty?: EmptyOption
    lang?: boolean
    required?: boolean
    disabled?: boolean
    /** A method, so a select without an empty option may hand its value to a setter of `T` alone. */
    onValue(value: NoInfer<T> | ''): void
  },
) {
  const { t } = useI18n()
  const options = props.options ?? props.codes?.codes ?? []
  const { codes } = props
  const labelOf = props.labelOf ?? (codes ? (code: T) => codes(t, code) : (code: T) => code)
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <select
          {...control}
          data-testid={props.testid ?? props.id}
          required={props.required}
          disabled={props.disabled}
          value={props.value}
          onChange={(event) => props.onValue(pickCode(options, event.currentTarget.value))}
        >
          <CodeOptions options={options} labelOf={labelOf} empty={props.empty} lang={props.lang} />
        </select>
      )}
    </Field>
  )
}

type TextFieldProps = Parameters<typeof TextField>[0]

/** A list of codes typed by hand ("ar, uk"): left to right, no autocorrection. */
export function CodesField(props: TextFieldProps) {
  return <TextField dir="ltr" autocapitalize="none" autocomplete="off" spellcheck={false} {...props} />
}

/**
 * An email address: left to right, at most 254 characters, no spell check. `autocomplete` says whose address it
 * is: `email` (the person's own, the browser may fill it in) or `off` (someone else's).
 */
export function EmailField(
  props: Omit<TextFieldProps, 'type' | 'autocomplete'> & { autocomplete: 'email' | 'off' },
) {
  return <TextField type="email" dir="ltr" maxLength={254} spellcheck={false} {...props} />
}

/** A phone number: left to right, at most 40 characters; `autocomplete` as for `EmailField` (`tel` or `off`). */
export function PhoneField(
  props: Omit<TextFieldProps, 'type' | 'autocomplete'> & { autocomplete: 'tel' | 'off' },
) {
  return <TextField type="tel" dir="ltr" maxLength={40} {...props} />
}

/** A value bound to a control: what `useForm().field(key)` gives. */
interface Bound {
  value: string
  onValue: (value: string) => void
  error?: string | undefined
}

/**
 * How to reach someone: an email address and a phone number (`<idPrefix>-email`, `<idPrefix>-phone`). `own`: a
 * contact the browser may fill in (the reader's, or their organization's); otherwise someone else's (no autofill).
 */
export function ContactFields(props: {
  idPrefix: string
  labels: readonly [email: string, phone: string]
  hint?: string
  own?: boolean
  email: Bound
  phone: Bound
}) {
  const { idPrefix, labels, hint, own } = props
  return (
    <>
      <EmailField
        id={`${idPrefix}-email`}
        label={labels[0]}
        hint={hint}
        autocomplete={own ? 'email' : 'off'}
        {...props.email}
      />
      <PhoneField
        id={`${idPrefix}-phone`}
        label={labels[1]}
        hint={hint}
        autocomplete={own ? 'tel' : 'off'}
        {...props.phone}
      />
    </>
  )
}
