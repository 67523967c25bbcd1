import type { MatchEndReason } from '@tandem/vocab'
import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { SubmitForm } from '../../kit/form'
import { CodeSelect, TextArea } from '../../kit/inputs'
import { Disclosure } from '../../kit/section'
import { useForm } from '../../kit/use-form'
import { ok, params } from '../../lib/client'
import { portalReasonLabel } from '../../lib/labels'
import { endRequestRoute, NotesUnavailable, sendOwn } from './portal'

/** "Ask to end": a reason in the person's own words and an optional note; a coordinator confirms. */
export function EndRequestForm(props: {
  slug: string
  match: string
  partner: string
  onSent: () => void
  onStale: () => void
}) {
  const { t } = useI18n()
  const form = useForm({ reason: '' as MatchEndReason | '', note: '' }, ['reason', 'note'])
  const [noNotes, setNoNotes] = useState(false)
  const { values, field, submit } = form
  const id = (name: string) => `my-match-${props.match}-${name}`

  const onSubmit = () => {
    const note = values.note.trim()
    const { reason } = values
    if (!reason) return // the select is required: the browser asks for it first
    submit.run(async () => {
      try {
        if (
          await sendOwn(
            () =>
              ok(
                endRequestRoute.$post({
                  param: params({ org: props.slug, match: props.match }),
                  json: { reason, ...(note ? { note } : {}) },
                }),
              ),
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
    <Disclosure
      testid="end-request"
      summary={t('portal.endSummary')}
      intro={t('portal.endIntro', { name: props.partner })}
    >
      <SubmitForm
        form={form}
        name="end-request"
        onSubmit={onSubmit}
        message={noNotes ? t('portal.noteUnavailable') : submit.message}
        labels={[t('portal.send'), t('portal.sending')]}
      >
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
      </SubmitForm>
    </Disclosure>
  )
}
