import { CONCERN_SEVERITIES, MAX_CONCERN_TEXT } from '@tandem/vocab'
import { useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { RadioGroup, YesBox } from '../../kit/choices'
import { SubmitForm } from '../../kit/form'
import { CodeSelect, TextArea } from '../../kit/inputs'
import { Disclosure } from '../../kit/section'
import { useForm } from '../../kit/use-form'
import { concernCategoryLabel, concernSeverityLabel } from '../../lib/labels'
import { type ConcernBody, type ConcernValues, concernBody, emptyConcern } from './concerns'

/**
 * "Raise a concern", folded away until opened: what it is about, how serious, what happened, and whether the
 * coordinators may tell the partner who raised it (not unless ticked). Used in the portal and on the check-in
 * page; `send` posts it (and throws the API's problem for the form to show).
 */
export function RaiseConcern(props: {
  id: string
  send: (body: ConcernBody) => Promise<void>
  onSent?: () => void
}) {
  const { t } = useI18n()
  const form = useForm<ConcernValues>(emptyConcern, [
    'category',
    'severity',
    'description',
    'nameToOtherSide',
  ])
  const [sent, setSent] = useState(false)
  const sentRef = useRef<HTMLParagraphElement>(null)
  const { values, field, setValues, submit } = form
  const id = (name: string) => `${props.id}-${name}`

  const onSubmit = () => {
    const body = concernBody(values)
    if (!body) return // required: the browser asks first
    submit.run(async () => {
      await props.send(body)
      setValues(emptyConcern)
      setSent(true)
      props.onSent?.()
      requestAnimationFrame(() => sentRef.current?.focus())
    })
  }

  return (
    <Disclosure testid="raise-concern" summary={t('concern.raise')} intro={t('concern.raiseIntro')}>
      {sent && (
        <p class="alert alert--ok" role="status" tabIndex={-1} ref={sentRef} data-testid="concern-sent">
          {t('concern.sent')}
        </p>
      )}
      <SubmitForm
        form={form}
        name="concern"
        onSubmit={onSubmit}
        labels={[t('concern.send'), t('concern.sending')]}
      >
        <CodeSelect
          id={id('category')}
          testid="concern-category"
          label={t('concern.categoryLabel')}
          required
          empty={{ label: t('form.choose') }}
          codes={concernCategoryLabel}
          {...field('category')}
        />
        <RadioGroup
          id={id('severity')}
          legend={t('concern.severityLabel')}
          hint={t('concern.highHint')}
          required
          options={CONCERN_SEVERITIES}
          labelOf={(code) => concernSeverityLabel(t, code)}
          testid={(code) => `concern-severity-${code}`}
          {...field('severity')}
        />
        <TextArea
          id={id('description')}
          testid="concern-description"
          label={t('concern.descriptionLabel')}
          hint={t('concern.descriptionHint')}
          required
          rows={4}
          maxLength={MAX_CONCERN_TEXT}
          {...field('description')}
        />
        <YesBox
          id={id('named')}
          legend={t('concern.namedLegend')}
          label={t('concern.namedYes')}
          {...field('nameToOtherSide')}
        />
      </SubmitForm>
    </Disclosure>
  )
}
