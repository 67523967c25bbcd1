import type { ComponentChildren, Ref } from 'preact'

/**
 * A button that is not a form's submit: `button`, `button button--secondary`, `button--small`…
 * `busy` disables it and says so (`aria-busy`) while its action runs.
 */
export function Button(props: {
  onClick: () => void
  children: ComponentChildren
  variant?: 'primary' | 'secondary' | 'danger'
  small?: boolean
  testid?: string | undefined
  busy?: boolean
  disabled?: boolean
  /** An accessible name that says more than the text ("Remove Ana"). */
  label?: string
  describedBy?: string | undefined
  buttonRef?: Ref<HTMLButtonElement>
}) {
  const variant = props.variant ?? 'secondary'
  const classes = [
    'button',
    variant === 'primary' ? '' : `button--${variant}`,
    props.small ? 'button--small' : '',
  ]
  return (
    <button
      ref={props.buttonRef}
      type="button"
      class={classes.filter(Boolean).join(' ')}
      data-testid={props.testid}
      disabled={props.busy || props.disabled}
      aria-busy={props.busy ? 'true' : undefined}
      aria-label={props.label}
      aria-describedby={props.describedBy}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  )
}

/**
 * One row's action under `useAction` (retry an email, lift a suppression): busy while its own action runs,
 * and disabled while any other does.
 */
export function ActionButton<A extends string>(props: {
  action: { busy: A | null }
  /** Which action this is, as given to `action.run`. */
  name: A
  onClick: () => void
  text: string
  busyText: string
  /** The accessible name; it contains the visible text. */
  label: string
  testid: string
}) {
  const busy = props.action.busy === props.name
  return (
    <Button
      onClick={props.onClick}
      busy={busy}
      disabled={props.action.busy !== null}
      testid={props.testid}
      label={props.label}
    >
      {busy ? props.busyText : props.text}
    </Button>
  )
}

/** A progress bar with its visible label (`for` its id) and the percentage as its fallback content. */
export function ProgressBar(props: {
  id: string
  label: string
  value: number
  testid: string
  valueText?: string
}) {
  return (
    <>
      <label for={props.id} class="progress__label">
        {props.label}
      </label>
      <progress
        id={props.id}
        class="progress"
        max={100}
        value={props.value}
        data-testid={props.testid}
        aria-valuetext={props.valueText}
      >
        {props.value}%
      </progress>
    </>
  )
}
