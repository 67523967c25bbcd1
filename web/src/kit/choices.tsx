import type { ComponentChildren } from 'preact'
import { describedByOf, FieldNotes } from './form'

/** What a group of choices says around its boxes: the fieldset's id, legend, hint, error and class. */
interface GroupProps {
  id: string
  legend: ComponentChildren
  hint?: ComponentChildren
  error?: string | undefined
  class?: string
}

/** A group of checkboxes or radios: a fieldset of choices. The error has `data-testid="<id>-error"`; the legend labels the group. */
export function ChoiceGroup(props: GroupProps & { children: ComponentChildren }) {
  return (
    <fieldset
      id={props.id}
      class={`choices ${props.class ?? ''}`}
      aria-describedby={describedByOf(props)}
      data-invalid={props.error ? 'true' : undefined}
    >
      <legend>{props.legend}</legend>
      <FieldNotes {...props} />
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

/** A group of checkboxes, one per code: which are ticked, and a toggle. `children` come before the boxes. */
export function Checkboxes<T extends string>(
  props: GroupProps & {
    name: string
    options: readonly T[]
    labelOf: (code: T) => ComponentChildren
    /** The test id of a code's checkbox (`intake-field-phone`). */
    testid?: (code: T) => string
    checked: (code: T) => boolean
    onToggle: (code: T, on: boolean) => void
    children?: ComponentChildren
  },
) {
  return (
    <ChoiceGroup {...props}>
      {props.children}
      {props.options.map((code) => (
        <Choice
          key={code}
          name={props.name}
          value={code}
          testid={props.testid?.(code)}
          checked={props.checked(code)}
          label={props.labelOf(code)}
          onChange={(on) => props.onToggle(code, on)}
        />
      ))}
    </ChoiceGroup>
  )
}

interface RadiosProps<T extends string> {
  name: string
  options: readonly T[]
  value: string
  labelOf: (code: T) => ComponentChildren
  /** The test id of a code's radio (`run-mode-score`). */
  testid?: (code: T) => string
  required?: boolean
  onChange: (code: T) => void
}

/** The radios of one choice among codes (inside a `ChoiceGroup` or a fieldset): `value` is the chosen code. */
export function Radios<T extends string>(props: RadiosProps<T>) {
  return (
    <>
      {props.options.map((code) => (
        <Choice
          key={code}
          type="radio"
          name={props.name}
          value={code}
          required={props.required}
          testid={props.testid?.(code)}
          checked={props.value === code}
          label={props.labelOf(code)}
          onChange={(on) => on && props.onChange(code)}
        />
      ))}
    </>
  )
}

/**
 * One choice among codes as a group of radios (`ChoiceGroup` + `Radios`): `value` is the chosen code, `onValue`
 * gets a new one (so `{...field('status')}` of `useForm()` fits). The radios' name is the group's `id` unless `name`
 * says otherwise.
 */
export function RadioGroup<T extends string>(
  props: GroupProps &
    Omit<RadiosProps<T>, 'name' | 'onChange'> & { name?: string; onValue: (code: T) => void },
) {
  return (
    <ChoiceGroup {...props}>
      <Radios {...props} name={props.name ?? props.id} onChange={props.onValue} />
    </ChoiceGroup>
  )
}

/**
 * A question answered by ticking one box (`value="yes"`): the group's legend asks, the box's label answers. Its test
 * id is `id`, its name `id` unless `name` says otherwise; `value` is whether it is ticked (a `useForm` field fits).
 */
export function YesBox(props: {
  id: string
  legend: ComponentChildren
  label: ComponentChildren
  name?: string
  error?: string | undefined
  value: boolean
  onValue: (checked: boolean) => void
}) {
  return (
    <ChoiceGroup id={props.id} legend={props.legend} error={props.error}>
      <Choice
        name={props.name ?? props.id}
        value="yes"
        testid={props.id}
        checked={props.value}
        label={props.label}
        onChange={props.onValue}
      />
    </ChoiceGroup>
  )
}
