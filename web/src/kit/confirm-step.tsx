import type { ComponentChildren } from 'preact'
import { useRef, useState } from 'preact/hooks'
import { Button } from './button'

/**
 * A button whose action asks first: it is replaced by the question with "yes" (danger) and "cancel", and keyboard
 * focus follows each step. Test ids: `testid`, `<testid>-confirm`, `<testid>-cancel`. `onConfirm` gets `close`,
 * for an action that should put the button back once it is done.
 */
export function ConfirmStep(props: {
  /** The first button's text, and its accessible name where that says more ("Remove Ana"). */
  label: string
  ariaLabel?: string
  testid: string
  question: ComponentChildren
  questionTestid?: string
  yes: string
  no: string
  busy: boolean
  onConfirm: (close: () => void) => void
}) {
  const [confirming, setConfirming] = useState(false)
  const first = useRef<HTMLButtonElement>(null)
  const yes = useRef<HTMLButtonElement>(null)
  const close = () => setConfirming(false)
  if (!confirming) {
    return (
      <Button
        small
        testid={props.testid}
        buttonRef={first}
        label={props.ariaLabel}
        onClick={() => {
          setConfirming(true)
          // The button is replaced by the question: keep keyboard focus on the next step.
          requestAnimationFrame(() => yes.current?.focus())
        }}
      >
        {props.label}
      </Button>
    )
  }
  return (
    <div class="confirm" data-testid={props.questionTestid}>
      <p>{props.question}</p>
      <div class="actions">
        <Button
          variant="danger"
          small
          testid={`${props.testid}-confirm`}
          buttonRef={yes}
          disabled={props.busy}
          onClick={() => props.onConfirm(close)}
        >
          {props.yes}
        </Button>
        <Button
          small
          testid={`${props.testid}-cancel`}
          disabled={props.busy}
          onClick={() => {
            close()
            requestAnimationFrame(() => first.current?.focus())
          }}
        >
          {props.no}
        </Button>
      </div>
    </div>
  )
}
