import type { EndRequester, MatchEndReason } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { FormFooter } from '../../kit/form'
import { CodeSelect, TextArea } from '../../kit/inputs'
import { useForm } from '../../kit/use-form'
import { ok } from '../../lib/client'
import { endReasonLabel, endRequesterLabel } from '../../lib/labels'
import { type EndRequest, matchRoute, type Side } from './matching'

/** "End the match": a reason, who asked for it and an optional note; prefilled from a request in the portal. */
export function EndForm(props: {
  param: { org: string; program: string; match: string }
  requested: { side: Side; request: EndRequest } | null
  onEnded: () => void
}) {
  const { t } = useI18n()
  const { formRef, values, field, submit } = useForm(
    {
      endReason: (props.requested?.request.reason ?? '') as MatchEndReason | '',
      requestedBy: (props.requested?.side ?? '') as EndRequester | '',
      endNote: '',
    },
    ['endReason', 'endNote', 'requestedBy'],
  )

  const onSubmit = (event: Event) => {
    event.preventDefault()
    const { endReason, requestedBy } = values
    if (!endReason) return // the select is required: the browser asks for it first
    const endNote = values.endNote.trim()
    submit.run(async () => {
      await ok(
        matchRoute.$patch({
          param: props.param,
          json: {
            status: 'ended',
            endReason,
            ...(endNote ? { endNote } : {}),
            ...(requestedBy ? { requestedBy } : {}),
          },
        }),
      )
      props.onEnded()
    })
  }

  return (
    <section class="section" aria-labelledby="match-end-heading">
      <h2 id="match-end-heading">{t('match.endHeading')}</h2>
      <p>{t('match.endIntro')}</p>
      <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="end-form">
        <CodeSelect
          id="end-reason"
          label={t('match.endReasonLabel')}
          required
          empty={{ label: t('form.choose') }}
          codes={endReasonLabel}
          {...field('endReason')}
        />
        <CodeSelect
          id="end-requested-by"
          label={t('match.requestedBy')}
          empty={{ label: t('match.requestedBy.none') }}
          codes={endRequesterLabel}
          {...field('requestedBy')}
        />
        <TextArea
          id="end-note"
          label={t('match.endNoteLabel')}
          rows={3}
          maxLength={1000}
          {...field('endNote')}
        />
        <FormFooter submit={submit} labels={[t('match.end'), t('match.ending')]} testid="end-submit" />
      </form>
    </section>
  )
}
