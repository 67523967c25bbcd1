import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { isolate } from '../../lib/text'

/**
 * The question a page asks before a link, a code or an invitation would replace the account this browser is
 * signed in as with another one: sign out of it and go on, or stay. Nothing happens until the person answers.
 */
export function SwitchQuestion(props: {
  /** The name of the account signed in now. */
  current: string
  /** The address the page would sign in. */
  next: string
  busy?: boolean
  onContinue: () => void
  onStay: () => void
}) {
  const { t } = useI18n()
  return (
    <div class="alert alert--warning" role="alert" data-testid="switch-account">
      <p>
        {t('switch.signedInAs', { name: isolate(props.current) })}{' '}
        {t('switch.question', { email: isolate(props.next) })}
      </p>
      <div class="actions">
        <Button variant="primary" busy={props.busy} testid="switch-continue" onClick={props.onContinue}>
          {t('switch.continue')}
        </Button>
        <Button disabled={props.busy} testid="switch-stay" onClick={props.onStay}>
          {t('switch.stay', { name: isolate(props.current) })}
        </Button>
      </div>
    </div>
  )
}
