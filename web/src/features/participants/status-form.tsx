import type { ExitReason, ParticipantStatus } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { SubmitForm } from '../../kit/form'
import { CodeSelect } from '../../kit/inputs'
import { Section } from '../../kit/section'
import { useForm } from '../../kit/use-form'
import { exitReasonLabel, statusLabel } from '../../lib/labels'
import type { ParticipantView } from './participant'
import { nextStatuses, sendStatus } from './status'

/** The next statuses the API allows, with an exit reason when leaving. */
export function StatusForm(props: ParticipantView) {
  const { t } = useI18n()
  const { options, blocked } = nextStatuses(props.data.record)
  const form = useForm({ status: '' as ParticipantStatus | '', exitReason: '' as ExitReason | '' }, [
    'status',
    'exitReason',
  ])
  const { values, field, submit } = form
  const choose = { label: t('form.choose'), disabled: true }

  const onSubmit = () => {
    const { status, exitReason } = values
    if (!status) return
    submit.run(async () => {
      await sendStatus(props.param, status, exitReason)
      props.notify(t('participant.statusChanged', { status: statusLabel(t, status) }))
      props.reload()
    })
  }

  return (
    <Section id="status-heading" heading={t('participant.statusHeading')}>
      {options.length === 0 ? (
        <p>{t('participant.noNextStatus')}</p>
      ) : (
        <SubmitForm
          form={form}
          class="form card"
          name="status"
          onSubmit={onSubmit}
          labels={[t('participant.changeStatus'), t('common.saving')]}
        >
          <CodeSelect
            id="status-next"
            testid="status-select"
            label={t('participant.nextStatus')}
            hint={blocked ? t('participant.mentorBlocked') : undefined}
            required
            empty={choose}
            options={options}
            labelOf={(option) => statusLabel(t, option)}
            {...field('status')}
          />
          {values.status === 'exited' && (
            <CodeSelect
              id="status-exit-reason"
              testid="exit-reason"
              label={t('participant.exitReason')}
              required
              empty={choose}
              codes={exitReasonLabel}
              {...field('exitReason')}
            />
          )}
        </SubmitForm>
      )}
    </Section>
  )
}
