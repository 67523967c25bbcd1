import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { FormFooter } from '../../kit/form'
import { CodeSelect, TextArea } from '../../kit/inputs'
import { useForm } from '../../kit/use-form'
import { portalReasonLabel } from '../../lib/labels'
import type { EndReason } from '../../lib/vocabulary'
import { NotesUnavailable, sendOwn } from './portal'

/** "Ask to end": a reason in the person's own words and an optional note; a coordinator confirms. */
export function EndRequestForm(props: {
  url: string
  partner: string
  onSent: () => void
  onStale: () => void
}) {
  const { t } = useI18n()
  const { formRef, values, field, submit } = useForm({ reason: '' as EndReason | '', note: '' }, [
    'reason',
    'note',
  ])
  const [noNotes, setNoNotes] = useState(false)
  const id = (name: string) => `${props.url}-${name}`

  const onSubmit = (event: Event) => {
    event.preventDefault()
    const note = values.note.trim()
    submit.run(async () => {
      try {
        if (
          await sendOwn(
            'POST',
            props.url,
            { reason: values.reason, ...(note ? { note } : {}) },
            props.onStale,
          )
        )
          props.onSent()
      } catch (error) {
        if (!(error instanceof NotesUnavailable)) throw error
        setNoNotes(true)
      }
    })
  }

  return (
    <details class="disclosure" data-testid="end-request">
      <summary>{t('portal.endSummary')}</summary>
      <p>{t('portal.endIntro', { name: props.partner })}</p>
      <form ref={formRef} class="form" onSubmit={onSubmit} data-testid="end-request-form">
        <CodeSelect
          id={id('reason')}
          testid="end-request-reason"
          label={t('portal.reasonLabel')}
          required
          empty={{ label: t('form.choose') }}
          codes={portalReasonLabel}
          {...field('reason')}
        />
        <TextArea
          id={id('note')}
          testid="end-request-note"
          label={t('portal.noteLabel')}
          rows={3}
          maxLength={1000}
          {...field('note')}
        />
        <FormFooter
          submit={submit}
          message={noNotes ? t('portal.noteUnavailable') : submit.message}
          labels={[t('portal.send'), t('portal.sending')]}
          testid="end-request-submit"
        />
      </form>
    </details>
  )
}
