import { useI18n } from '../../i18n/context'
import { Form, FormAlert, FormFooter } from '../../kit/form'
import { CodeSelect, TextField } from '../../kit/inputs'
import { useForm } from '../../kit/use-form'
import { checkStatusLabel } from '../../lib/labels'
import { type ScreeningProps, saveScreening } from './use-screening-save'

/** The background check: its status, the provider's reference, when it was done and when it expires. */
export function BackgroundCheckForm(props: ScreeningProps) {
  const { t } = useI18n()
  const s = props.screening
  const { formRef, values, field, submit } = useForm(
    {
      checkStatus: s.checkStatus,
      checkProviderRef: s.checkProviderRef ?? '',
      checkedOn: s.checkedOn ?? '',
      checkExpiresOn: s.checkExpiresOn ?? '',
    },
    ['checkStatus', 'checkProviderRef', 'checkedOn', 'checkExpiresOn'],
  )
  const disabled = !props.canManage

  return (
    <Form
      formRef={formRef}
      class="form form--compact"
      testid="check-form"
      onSubmit={() => {
        const body = {
          checkStatus: values.checkStatus,
          checkProviderRef: values.checkProviderRef.trim() || null,
          checkedOn: values.checkedOn || null,
          checkExpiresOn: values.checkExpiresOn || null,
        }
        saveScreening(props, submit, body, t('screening.saved'))
      }}
    >
      <CodeSelect
        id="check-status"
        label={t('screening.checkStatus')}
        disabled={disabled}
        codes={checkStatusLabel}
        {...field('checkStatus')}
      />
      <TextField
        id="check-provider"
        label={t('screening.checkProvider')}
        hint={t('enroll.optional')}
        dir="ltr"
        maxLength={120}
        disabled={disabled}
        {...field('checkProviderRef')}
      />
      <TextField
        id="check-date"
        label={t('screening.checkedOn')}
        type="date"
        disabled={disabled}
        {...field('checkedOn')}
      />
      <TextField
        id="check-expires"
        label={t('screening.checkExpiresOn')}
        hint={t('screening.checkExpiresHint')}
        type="date"
        required={values.checkStatus === 'clear'}
        disabled={disabled}
        {...field('checkExpiresOn')}
      />
      {props.canManage ? (
        <FormFooter
          submit={submit}
          labels={[t('screening.checkSave'), t('common.saving')]}
          testid="check-save"
        />
      ) : (
        <FormAlert message={submit.message} />
      )}
    </Form>
  )
}
