import { useRef } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { FormAlert } from '../../kit/form'
import { useVocabulary } from '../programs/vocabulary'
import { missingLabel } from './screening'
import { type ScreeningProps, useScreeningSave } from './use-screening-save'

/** The current safety guidelines, acknowledged once per version. */
export function SafetyForm(props: ScreeningProps & { done: boolean }) {
  const { t, formatDate } = useI18n()
  const ref = useRef<HTMLDivElement>(null)
  const { submit, save } = useScreeningSave(props, [], ref)
  const { program } = props.data
  if (props.done && props.screening.safetyAckAt) {
    return (
      <p data-testid="safety-done">
        {t('screening.safetyDone', {
          date: formatDate(new Date(props.screening.safetyAckAt), { dateStyle: 'medium' }),
          version: program.safetyGuidelinesVersion,
        })}
      </p>
    )
  }
  return (
    <div ref={ref}>
      <p>{t('screening.safetyHint', { version: program.safetyGuidelinesVersion })}</p>
      {props.screening.safetyAckVersion && (
        <p class="muted">{t('screening.safetyOld', { version: props.screening.safetyAckVersion })}</p>
      )}
      {props.canManage && (
        <Button
          variant="primary"
          testid="safety-ack"
          disabled={submit.busy}
          onClick={() => save({ safetyAcknowledged: true }, t('screening.saved'))}
        >
          {t('screening.safetyRecord')}
        </Button>
      )}
      <FormAlert message={submit.message} />
    </div>
  )
}

/** Approval: possible once nothing else is missing (what is missing is listed); can be withdrawn. */
export function ApprovalForm(props: ScreeningProps) {
  const { t, formatDate } = useI18n()
  const vocabulary = useVocabulary()
  const ref = useRef<HTMLDivElement>(null)
  const { submit, save } = useScreeningSave(props, [], ref)
  const { screening } = props
  const blockers = screening.missing.filter((m) => m !== 'approval')

  if (screening.approvedAt) {
    return (
      <div ref={ref}>
        <p data-testid="approval-done">
          {t('screening.approvedOn', {
            date: formatDate(new Date(screening.approvedAt), { dateStyle: 'medium' }),
          })}
        </p>
        {props.canManage && (
          <Button
            testid="approval-withdraw"
            disabled={submit.busy}
            onClick={() => save({ approved: false }, t('screening.approvalWithdrawn'))}
          >
            {t('screening.withdraw')}
          </Button>
        )}
        <FormAlert message={submit.message} />
      </div>
    )
  }
  return (
    <div ref={ref}>
      {blockers.length > 0 ? (
        <>
          <p id="approval-missing-label">{t('screening.stillMissing')}</p>
          <ul class="missing" aria-labelledby="approval-missing-label" data-testid="approval-missing">
            {blockers.map((code) => (
              <li key={code} data-code={code}>
                {missingLabel(t, code, props.data.program.trainingModules, vocabulary.module)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('screening.readyToApprove')}</p>
      )}
      {props.canManage && (
        <Button
          variant="primary"
          testid="approve"
          disabled={blockers.length > 0 || submit.busy}
          describedBy={blockers.length > 0 ? 'approval-missing-label' : undefined}
          onClick={() => save({ approved: true }, t('screening.approvedNotice'))}
        >
          {t('screening.approve')}
        </Button>
      )}
      <FormAlert message={submit.message} />
    </div>
  )
}
