import { useEffect, useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { TextArea } from '../../kit/inputs'
import type { Proposal } from './matching'

/** Rejecting a proposal asks for a reason of at least three characters. */
export function RejectForm(props: {
  proposal: Proposal
  busy: boolean
  onCancel: () => void
  onReject: (reason: string) => Promise<boolean>
}) {
  const { t } = useI18n()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const input = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    input.current?.focus()
  }, [])
  const id = `reject-${props.proposal.id}`

  const submit = async (event: Event) => {
    event.preventDefault()
    if (reason.trim().length < 3) {
      setError(t('board.rejectReasonShort'))
      input.current?.focus()
      return
    }
    setError(null)
    await props.onReject(reason.trim())
  }

  return (
    <form class="form form--compact" onSubmit={submit} data-testid="reject-form">
      <p class="reject__heading">
        {t('board.rejectHeading', {
          mentee: props.proposal.mentee.displayName,
          mentor: props.proposal.mentor.displayName,
        })}
      </p>
      <TextArea
        id={id}
        testid="reject-reason"
        label={t('board.rejectReason')}
        hint={t('board.rejectHint')}
        error={error ?? undefined}
        errorTestid="reject-reason-error"
        inputRef={input}
        rows={3}
        maxLength={500}
        required
        value={reason}
        onValue={setReason}
      />
      <div class="actions">
        <button
          type="submit"
          class="button button--small button--danger"
          disabled={props.busy}
          data-testid="reject-confirm"
        >
          {props.busy ? t('board.rejecting') : t('board.rejectConfirm')}
        </button>
        <Button small onClick={props.onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  )
}
