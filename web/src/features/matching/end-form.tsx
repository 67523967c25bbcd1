import { type AfterEnd, afterMatchEnd, type EndRequester, type MatchEndReason } from '@tandem/vocab'
import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { Form, FormFooter } from '../../kit/form'
import { CodeSelect, TextArea } from '../../kit/inputs'
import { Section } from '../../kit/section'
import { useForm } from '../../kit/use-form'
import { ok } from '../../lib/client'
import { afterEndLabel, endReasonLabel, endRequesterLabel } from '../../lib/labels'
import { type EndRequest, type Match, matchRoute, type Side } from './matching'

type Values = {
  endReason: MatchEndReason | ''
  requestedBy: EndRequester | ''
  endNote: string
  /** Where each person goes next: '' follows the reason (`afterMatchEnd`) until the coordinator picks one. */
  menteeNext: AfterEnd | ''
  mentorNext: AfterEnd | ''
}

/**
 * "End the match": a reason, who asked for it, where each person goes next (what the reason implies, which the
 * coordinator may change) and an optional note; prefilled from a request in the portal. Ending asks once more.
 */
export function EndForm(props: {
  param: { org: string; program: string; match: string }
  match: Pick<Match, 'mentee' | 'mentor'>
  requested: { side: Side; request: EndRequest } | null
  onEnded: () => void
}) {
  const { t } = useI18n()
  const { formRef, values, field, submit } = useForm<Values>(
    {
      endReason: props.requested?.request.reason ?? '',
      requestedBy: props.requested?.side ?? '',
      endNote: '',
      menteeNext: '',
      mentorNext: '',
    },
    ['endReason', 'endNote', 'requestedBy', 'menteeNext', 'mentorNext'],
  )
  const [confirming, setConfirming] = useState(false)
  const implied = values.endReason ? afterMatchEnd(values.endReason, values.requestedBy || null) : null
  const menteeNext = values.menteeNext || implied?.mentee || ''
  const mentorNext = values.mentorNext || implied?.mentor || ''

  const onSubmit = () => {
    const { endReason, requestedBy } = values
    if (!endReason) return // the select is required: the browser asks for it first
    if (!confirming) return setConfirming(true)
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
            ...(menteeNext ? { menteeNext } : {}),
            ...(mentorNext ? { mentorNext } : {}),
          },
        }),
      )
      setConfirming(false)
      props.onEnded()
    })
  }

  const nextField = (key: 'menteeNext' | 'mentorNext', value: AfterEnd | '') => ({
    ...field(key),
    value,
    onValue: (next: AfterEnd | '') => {
      field(key).onValue(next)
      setConfirming(false)
    },
  })

  return (
    <Section id="match-end-heading" heading={t('match.endHeading')} intro={t('match.endIntro')}>
      <Form formRef={formRef} class="form card" testid="end-form" onSubmit={onSubmit}>
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
        {implied && (
          <>
            <CodeSelect
              id="end-mentee-next"
              label={t('match.nextFor', { name: props.match.mentee.displayName })}
              required
              codes={afterEndLabel}
              {...nextField('menteeNext', menteeNext)}
            />
            <CodeSelect
              id="end-mentor-next"
              label={t('match.nextFor', { name: props.match.mentor.displayName })}
              hint={t('match.nextMentorHint')}
              required
              codes={afterEndLabel}
              {...nextField('mentorNext', mentorNext)}
            />
          </>
        )}
        <TextArea
          id="end-note"
          label={t('match.endNoteLabel')}
          rows={3}
          maxLength={1000}
          {...field('endNote')}
        />
        {confirming ? (
          <div
            class="confirm"
            role="alertdialog"
            aria-labelledby="end-confirm-text"
            data-testid="end-confirm"
          >
            <p id="end-confirm-text">
              {t('match.endConfirm', {
                mentee: props.match.mentee.displayName,
                mentor: props.match.mentor.displayName,
              })}
            </p>
            <FormFooter
              submit={submit}
              labels={[t('match.endConfirmButton'), t('match.ending')]}
              testid="end-confirm-submit"
            >
              <Button testid="end-confirm-cancel" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </FormFooter>
          </div>
        ) : (
          <FormFooter submit={submit} labels={[t('match.end'), t('match.ending')]} testid="end-submit" />
        )}
      </Form>
    </Section>
  )
}
