import type { ExitReason, ParticipantStatus } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { FormFooter } from '../../kit/form'
import { CodeSelect } from '../../kit/inputs'
import { useForm } from '../../kit/use-form'
import { exitReasonLabel, statusLabel } from '../../lib/labels'
import type { ParticipantView } from './participant'
import { nextStatuses, sendStatus } from './status'

/** The next statuses the API allows, with an exit reason when leaving. */
export function StatusForm(props: ParticipantView) {
  const { t } = useI18n()
  const { options, blocked } = nextStatuses(props.data.record)
  const { formRef, values, field, submit } = useForm(
    { status: '' as ParticipantStatus | '', exitReason: '' as ExitReason | '' },
    ['status', 'exitReason'],
  )
  const choose = { label: t('form.choose'), disabled: true }

  const onSubmit = (event: Event) => {
    event.preventDefault()
    const { status, exitReason } = values
    if (!status) return
    submit.run(async () => {
      await sendStatus(props.param, status, exitReason)
      props.notify(t('participant.statusChanged', { status: statusLabel(t, status) }))
      props.reload()
    })
  }

  return (
    <section class="section" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('participant.statusHeading')}</h2>
      {options.length === 0 ? (
        <p>{t('participant.noNextStatus')}</p>
      ) : (
        <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="status-form">
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
          <FormFooter
            submit={submit}
            labels={[t('participant.changeStatus'), t('common.saving')]}
            testid="status-submit"
          />
        </form>
      )}
    </section>
  )
}
